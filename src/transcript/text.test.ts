import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readText } from './text.js'

const fixtureText = (name: string): string => readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url), 'utf8')

describe('readText on the seed post (article, Chinese commentary, show notes, transcript)', () => {
  const text = fixtureText('seed-000_66d8e60a35b94f19.txt')
  const paragraphs = readText(text)
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '')

  it('gives one paragraph per non-empty line, in order, losing nothing', () => {
    expect(lines).toHaveLength(156)
    expect(paragraphs.map((p) => p.text)).toEqual(lines)
  })

  it('leaves labels in the text and invents no speaker or time', () => {
    expect(paragraphs[0]!.text).toBe('评价: 推荐')
    expect(paragraphs.filter((p) => p.text.startsWith('Chris McGuire: ')).length).toBeGreaterThan(5)
    expect(paragraphs.some((p) => p.speaker !== undefined || p.start !== undefined || p.fragment)).toBe(false)
  })
})

describe('readText on timestamped transcript conventions', () => {
  it.each([
    { id: 'Name: text', line: 'Chris Miller: It is the key question.', paragraph: { text: 'Chris Miller: It is the key question.' } },
    { id: '[hh:mm:ss] Name: text', line: '[00:03:12] Chris Miller: Yes.', paragraph: { text: 'Chris Miller: Yes.', start: 192 } },
    { id: '(m:ss) text', line: '(0:53) Catch it on Spotify', paragraph: { text: 'Catch it on Spotify', start: 53 } },
    { id: 'bare h:mm:ss then text', line: '1:02:03 and we are back', paragraph: { text: 'and we are back', start: 3723 } },
    { id: 'Name (hh:mm:ss): text', line: 'Speaker 1 (00:12:31): Right.', paragraph: { text: 'Speaker 1: Right.', start: 751 } },
    { id: 'Name [m:ss]: text', line: 'Dan Shipper [1:48]: Right.', paragraph: { text: 'Dan Shipper: Right.', start: 108 } },
    { id: 'a year opening a line', line: '2019 was the year: 10:30 every day', paragraph: { text: '2019 was the year: 10:30 every day' } },
    { id: 'a numbered point', line: '10 things we wish we knew', paragraph: { text: '10 things we wish we knew' } },
    { id: 'a year in brackets', line: 'The Treaty (1967) says so', paragraph: { text: 'The Treaty (1967) says so' } },
    { id: 'a lower-case phrase before a time', line: 'we met at (10:30) then', paragraph: { text: 'we met at (10:30) then' } },
    { id: 'runs of whitespace', line: '  Ann:\tso \u00a0 much  space ', paragraph: { text: 'Ann: so much space' } },
  ])('$id', ({ line, paragraph }) => {
    expect(readText(line)).toEqual([paragraph])
  })

  it('turns a `Name (HH:MM:SS)` heading into speaker and start of the line below', () => {
    expect(readText('Dan Shipper (00:01:48)\nSo today we talk.\nAnd more.\n\nDwarkesh Patel (00:02:10)\nThanks.\n')).toEqual([
      { text: 'So today we talk.', speaker: 'Dan Shipper', start: 108 },
      { text: 'And more.', end: 130 },
      { text: 'Thanks.', speaker: 'Dwarkesh Patel', start: 130 },
    ])
  })

  it("reads Otter's `Name  m:ss` heading (two spaces) but not prose ending in a time", () => {
    expect(readText('Ryan  0:03\nCatch it on Spotify\n\nMeet me at 10:30\n')).toEqual([
      { text: 'Catch it on Spotify', speaker: 'Ryan', start: 3 },
      { text: 'Meet me at 10:30' },
    ])
  })

  it('keeps a bare `Name:` line as its own paragraph and dates the next line from a lone time', () => {
    expect(readText('Ryan:\n[0:53]\nCatch it on Spotify\r\n')).toEqual([
      { text: 'Ryan:' },
      { text: 'Catch it on Spotify', start: 53 },
    ])
  })

  it('makes a timed caption line that continues the sentence above a fragment, keeping its time, but not a chapter list', () => {
    expect(readText('0:05\nwelcome back to the show today we are\n0:08\ntalking about rare earths with two\n0:11\nexperts\n')).toEqual([
      { text: 'welcome back to the show today we are', start: 5, end: 8 },
      { text: 'talking about rare earths with two', start: 8, end: 11, fragment: true },
      { text: 'experts', start: 11 },
    ])
    const chapters = readText('00:00 Intro\n02:15 What China announced\n14:40 the US response to it all\n31:02 Done.\n[31:10] and then we close\n')
    expect(chapters.some((p) => p.fragment)).toBe(false)
  })

  it('does not end a paragraph with a time earlier than its own', () => {
    expect(readText('[1:00] later\n[0:30] earlier\n')).toEqual([{ text: 'later', start: 60 }, { text: 'earlier', start: 30 }])
  })
})

describe('readText on page furniture', () => {
  it('drops a page break written out (`Page 2`, `Page 3 of 40`, `- 4 -`) but keeps a sentence that names a page', () => {
    const text = 'Ann Lee: Hello.\nPage 2\nBob Ray: Hi.\nPage 3 of 40\n- 4 -\nAnn Lee: See page 4 of the report.\n'
    expect(readText(text).map((p) => p.text)).toEqual(['Ann Lee: Hello.', 'Bob Ray: Hi.', 'Ann Lee: See page 4 of the report.'])
  })

  it('strips the line numbers of a court transcript excerpt shorter than a page, but not of a numbered list of headings', () => {
    const excerpt = ' 1   Q.   Did you review the export license applications\n 2        that the company filed in 2023?\n'
      + ' 3   A.   Yes, I reviewed all of them in 2023, together\n 4        with my colleagues at the bureau.\n 5   Q.   How many of them were approved, roughly?\n'
    expect(readText(excerpt).map((p) => p.text)).toEqual(['Q. Did you review the export license applications', 'that the company filed in 2023?',
      'A. Yes, I reviewed all of them in 2023, together', 'with my colleagues at the bureau.', 'Q. How many of them were approved, roughly?'])
    expect(readText('1 Introduction\n2 Methods\n3 Results\n4 Discussion\n5 Conclusion\n').map((p) => p.text)).toEqual(['1 Introduction', '2 Methods', '3 Results', '4 Discussion', '5 Conclusion'])
  })

  it('joins the short last line of a sentence wrapped at a page\'s width, but not a short line under a short one', () => {
    const text = '    Chairman Scott. Good morning. The Committee will come to\norder.\n    Senator Warren. China refines about\n90 percent of them.\nSo it waits\nfine.\n'
    expect(readText(text).map((p) => p.text)).toEqual([
      'Chairman Scott. Good morning. The Committee will come to order.', 'Senator Warren. China refines about', '90 percent of them.', 'So it waits', 'fine.'])
  })

  it('joins a line that a lone break cut mid-sentence to the line before, but not a lower-case name line or a front-matter key', () => {
    const text = 'Ann Lee: The ideal fix would be that we compare every block,\nbut that is a hard fork.\nSo it waits\nmichael barbaro\ntitle: the rest of the notes\n'
    expect(readText(text).map((p) => p.text)).toEqual([
      'Ann Lee: The ideal fix would be that we compare every block, but that is a hard fork.', 'So it waits', 'michael barbaro', 'title: the rest of the notes'])
  })

  it('never joins speech that opens in lower case to a name or a heading over it', () => {
    expect(readText('Speaker 1\nor 90, I guess, maybe later.\nAaron van Wirdum\nand then the fork came.\n').map((p) => p.text)).toEqual([
      'Speaker 1', 'or 90, I guess, maybe later.', 'Aaron van Wirdum', 'and then the fork came.'])
    expect(readText('### Speaker 1\n\nor 90, I guess, maybe later.\n').map((p) => p.text)).toEqual(['### Speaker 1', 'or 90, I guess, maybe later.'])
  })
})
