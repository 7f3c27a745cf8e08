import { readFileSync } from 'node:fs'
import type { Warning } from '../record/index.js'
import { describe, expect, it } from 'vitest'
import { isSrt, readSrt } from './srt.js'

const fixtureText = (name: string): string => readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url), 'utf8')

describe('readSrt on Podcasting 2.0 episode 124 (646 cues, labels only at speaker changes)', () => {
  const paragraphs = readSrt(fixtureText('podcasting20-ep124-captions.srt'))

  it('reads every cue as a timed fragment, lines joined with a space', () => {
    expect(paragraphs).toHaveLength(646)
    expect(paragraphs.every((p) => p.fragment === true && p.start !== undefined && p.end !== undefined)).toBe(true)
    expect(paragraphs.some((p) => p.text.includes('\n'))).toBe(false)
    expect(paragraphs[0]).toEqual({ text: 'Adam Curry: podcasting 2.0 March 4 2023 Episode 124 on D flat', start: 0.78, end: 6.21, fragment: true })
    expect(paragraphs.at(-1)).toEqual({ text: "audience to subscribe, we wouldn't need advertisers. But", start: 2253, end: 2255.88, fragment: true })
  })

  it('leaves Name: labels in the text for the turn splitter, and sets no speaker', () => {
    const starting = (label: string) => paragraphs.filter((p) => p.text.startsWith(label)).length
    expect(starting('Adam Curry:')).toBe(66)
    expect(starting('Dave Jones:')).toBe(61)
    expect(starting('Unknown:')).toBe(15)
    expect(paragraphs.some((p) => p.speaker !== undefined)).toBe(false)
  })
})

describe('readSrt on roll-up captions converted from YouTube', () => {
  it('reads every line once', () => {
    const text = '1\n00:00:00,000 --> 00:00:02,310\nwe have to\n\n2\n00:00:02,310 --> 00:00:02,320\nwe have to\n\n3\n00:00:02,320 --> 00:00:05,030\nwe have to\nthink about\n'
    expect(readSrt(text).map((p) => p.text)).toEqual(['we have to', 'think about'])
  })
})

describe('readSrt on variants', () => {
  it('reads CRLF, missing cue numbers, markup and ASS overrides', () => {
    const text = '1\r\n00:00:01,000 --> 00:00:02,500\r\n{\\an8}<i>Sarah:</i> Hello\r\n\r\n00:00:02,500 --> 00:00:04,000\r\nthere &amp; back\r\n\r\n\r\n'
    expect(readSrt(text)).toEqual([
      { text: 'Sarah: Hello', start: 1, end: 2.5, fragment: true },
      { text: 'there & back', start: 2.5, end: 4, fragment: true },
    ])
  })

  it('reads each line of a two-voice cue (`- Hi.` over `- Hello.`) as its own fragment', () => {
    expect(readSrt('1\n00:00:01,000 --> 00:00:03,000\n<i>- Where were you?</i>\n<i>- At home,</i>\n<i>reading.</i>').map((p) => p.text))
      .toEqual(['- Where were you?', '- At home, reading.'])
    expect(readSrt('1\n00:00:01,000 --> 00:00:03,000\nWe shipped it\n- and then some.').map((p) => p.text)).toEqual(['We shipped it', '- and then some.'])
  })

  it('reads a dot decimal and a file without a final newline', () => {
    expect(readSrt('7\n00:01:00.250 --> 00:01:02.000\nlast words')).toEqual([{ text: 'last words', start: 60.25, end: 62, fragment: true }])
  })
})

describe('readSrt on a cue with a blank line in its text', () => {
  it('joins the text after the blank line to the cue and says so', () => {
    const warnings: { code: string; message: string }[] = []
    const text = '1\n00:00:01,000 --> 00:00:02,000\nHello\n\nworld\n\n2\n00:00:02,000 --> 00:00:03,000\nagain\n'
    expect(readSrt(text, warnings).map((p) => p.text)).toEqual(['Hello world', 'again'])
    expect(warnings).toEqual([{ code: 'SRT_STRAY_TEXT', message: expect.stringMatching(/^1 block\(s\) .* first at line 5, joined to the cue before$/) }])
  })
})

describe('isSrt', () => {
  it.each([
    { id: 'numbered cue', text: '1\n00:00:00,780 --> 00:00:06,210\nHi', expected: true },
    { id: 'unnumbered cue', text: '00:00:00,780 --> 00:00:06,210\nHi', expected: true },
    { id: 'number then prose', text: '1\nThe first point is this.', expected: false },
    { id: 'prose', text: 'Chris Miller: 1 --> 2 is an arrow', expected: false },
  ])('$id → $expected', ({ text, expected }) => {
    expect(isSrt(text)).toBe(expected)
  })
})

describe('readSrt with a few unreadable cues', () => {
  it('drops them with a warning naming the cue and line, and keeps the rest', () => {
    const warnings: Warning[] = []
    const cue = (n: number, timing: string, text: string) => `${n}\n${timing}\n${text}\n`
    const text = [cue(1, '00:00:01,000 --> 00:00:02,000', 'One'), cue(2, '00:00:02,000 --> 00:00:xx,000', 'Two'), cue(3, '00:00:03,000 --> 00:00:04,000', 'Three')].join('\n')
    expect(readSrt(text, warnings).map((p) => p.text)).toEqual(['One', 'Three'])
    expect(warnings).toEqual([{ code: 'CUES_DROPPED', message: '1 of 3 SRT cues dropped: cue 2 (line 6): cannot read the end time "00:00:xx,000" in "00:00:02,000 --> 00:00:xx,000"' }])
  })
})

describe('readSrt errors', () => {
  it.each([
    { id: 'single-dash arrow', text: '1\n00:00:01,000 -> 00:00:02,000\nHello\n', where: /cue 1 \(line 2\): expected a timing line/ },
    { id: 'bad end time in a later cue', text: '1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:00:02,000 --> 00:00:xx,000\nThere\n', where: /cue 2 \(line 6\): cannot read the end time "00:00:xx,000"/ },
    { id: 'number alone', text: '1\n', where: /cue 1 \(line 2\)/ },
    { id: 'a numbered cue without timing after good ones', text: '1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nThere\n', where: /cue 2 \(line 6\): expected a timing line/ },
    { id: 'text before any cue', text: 'Transcript\n\n1\n00:00:01,000 --> 00:00:02,000\nHi\n', where: /cue 1 \(line 1\): expected a timing line/ },
    { id: 'only blank lines', text: '\n\n\n', where: /no cues/ },
  ])('$id is MALFORMED and names the cue and line', ({ text, where }) => {
    expect(() => readSrt(text)).toThrow(expect.objectContaining({ name: 'PodpipeError', code: 'MALFORMED', message: expect.stringMatching(/^not valid SRT: /) }))
    expect(() => readSrt(text)).toThrow(where)
  })
})

describe('readSrt: a name on the cue\'s first line', () => {
  it('is the cue\'s speaker where names recur there', () => {
    const cue = (n: number, ...lines: string[]) => `${n}\n00:00:0${n},000 --> 00:00:0${n + 1},000\n${lines.join('\n')}\n`
    const paragraphs = readSrt([cue(1, 'Jordan Schneider', 'Welcome.'), cue(2, 'Chris Miller', 'Thanks.'), cue(3, 'Jordan Schneider', 'Why?'), cue(4, 'Chris Miller', 'Leverage.')].join('\n'))
    expect(paragraphs.map((p) => [p.speaker, p.text])).toEqual([['Jordan Schneider', 'Welcome.'], ['Chris Miller', 'Thanks.'], ['Jordan Schneider', 'Why?'], ['Chris Miller', 'Leverage.']])
  })
})
