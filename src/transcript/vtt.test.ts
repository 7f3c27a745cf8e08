import { readFileSync } from 'node:fs'
import type { Warning } from '../record/index.js'
import { describe, expect, it } from 'vitest'
import { isVtt, readVtt } from './vtt.js'

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url), 'utf8')

describe('readVtt on the spec example (CRLF, <v> on every cue, &amp;)', () => {
  const text = fixture('pc20-spec-transcript.vtt')
  const paragraphs = readVtt(text)

  it('is the CRLF file the test means to read', () => {
    expect(text).toContain('\r\n')
  })

  it('reads all 7 cues as fragments with their voices', () => {
    expect(paragraphs).toHaveLength(7)
    expect(paragraphs.map((p) => p.speaker)).toEqual(['Sarah', 'Sarah', 'Sarah', 'Sarah', 'Sarah', 'Gillian', 'Gillian'])
    expect(paragraphs.every((p) => p.fragment === true)).toBe(true)
  })

  it('keeps first and last times and text, without CR or markup', () => {
    expect(paragraphs[0]).toEqual({ text: "In today's episode, you'll learn whether or not you", speaker: 'Sarah', start: 0, end: 2.76, fragment: true })
    expect(paragraphs[6]).toMatchObject({ text: 'careers podcast. My question is, do we need a podcast trailer?', start: 21.45, end: 25.35 })
    expect(paragraphs.some((p) => /[\r<>]/.test(p.text))).toBe(false)
  })

  it('decodes character references', () => {
    expect(paragraphs[2]!.text).toBe('include in one? Welcome to Podcasting Q&A, where you learn')
  })
})

describe('readVtt on Podnews Daily (timestamps that break the WebVTT grammar)', () => {
  const paragraphs = readVtt(fixture('podnews-daily-2024-01-25.vtt'))

  it('reads all 44 cues, all by SPEAKER_1', () => {
    expect(paragraphs).toHaveLength(44)
    expect(new Set(paragraphs.map((p) => p.speaker))).toEqual(new Set(['SPEAKER_1']))
  })

  it('reads seconds-only and m:ss.ttt times', () => {
    expect(paragraphs[0]!.start).toBeCloseTo(0.86, 6)
    expect(paragraphs[0]!.end).toBeCloseTo(7.38, 6)
    expect(paragraphs[0]!.text).toMatch(/^Podcasting is coming back to New Zealand again/)
    // `56.440 --> 1:01.080` then `1:01.460 --> 1:11.360`
    const crossing = paragraphs.find((p) => p.text.startsWith('What happens when money pours'))
    expect(crossing?.start).toBeCloseTo(56.44, 6)
    expect(crossing?.end).toBeCloseTo(61.08, 6)
    const last = paragraphs.at(-1)!
    expect(last.text).toBe('We\'re at podnews.net.')
    expect(last.start).toBeCloseTo(224.1, 6)
    expect(last.end).toBeCloseTo(225.62, 6)
  })
})

describe('readVtt on the parts of the format real files use', () => {
  it('skips the BOM, header text and metadata, NOTE/STYLE/REGION blocks, cue ids and settings', () => {
    const text = [
      '\uFEFFWEBVTT - episode 12', 'Kind: captions', 'Language: en', '',
      'STYLE', '::cue { color: yellow }', '',
      'NOTE this is a comment', 'over two lines', '',
      'REGION', 'id:fred width:40%', '',
      'intro-1', '00:01.000 --> 00:04.000 align:right size:50%', '<v.loud Roger Bingham><i>We are</i> in <c.yellow>New York</c>', '',
      '00:00:04.000 --> 00:00:06.500', 'and the <00:00:05.000>show goes on', '',
    ].join('\n')
    expect(readVtt(text)).toEqual([
      { text: 'We are in New York', speaker: 'Roger Bingham', start: 1, end: 4, fragment: true },
      { text: 'and the show goes on', start: 4, end: 6.5, fragment: true },
    ])
  })

  it('reads the speaker from cue identifiers where names recur as identifiers, a voice span first', () => {
    const cue = (id: string, at: number, text: string) => `${id}\n00:0${at}.000 --> 00:0${at + 1}.000\n${text}\n`
    const named = readVtt(['WEBVTT\n', cue('Jordan Schneider', 1, 'Welcome.'), cue('Chris Miller', 2, 'Thanks.'), cue('Jordan Schneider', 3, 'Why?'),
      cue('Chris Miller', 4, '<v Ann Lee>Because.')].join('\n'))
    expect(named.map((p) => p.speaker)).toEqual(['Jordan Schneider', 'Chris Miller', 'Jordan Schneider', 'Ann Lee'])
    // Numbers and ids unique to each cue name no one.
    const numbered = readVtt(['WEBVTT\n', cue('1', 1, 'One.'), cue('2', 2, 'Two.'), cue('cue-3', 3, 'Three.'), cue('cue-4', 4, 'Four.')].join('\n'))
    expect(numbered.map((p) => p.speaker)).toEqual([undefined, undefined, undefined, undefined])
  })

  it('reads the speaker from a name on the cue\'s first line where names recur there, not from a caption broken after a short phrase', () => {
    const cue = (at: number, ...lines: string[]) => `00:0${at}.000 --> 00:0${at + 1}.000\n${lines.join('\n')}\n`
    const named = readVtt(['WEBVTT\n', cue(1, 'Jordan Schneider', 'Welcome to the show.'), cue(2, 'Chris Miller', 'Thanks for having me.'),
      cue(3, 'Jordan Schneider', 'Why now?'), cue(4, 'Chris Miller', 'Leverage.'), cue(5, '<v Ann Lee>Because.')].join('\n'))
    expect(named.map((p) => [p.speaker, p.text])).toEqual([
      ['Jordan Schneider', 'Welcome to the show.'], ['Chris Miller', 'Thanks for having me.'], ['Jordan Schneider', 'Why now?'], ['Chris Miller', 'Leverage.'], ['Ann Lee', 'Because.'],
    ])
    const captions = readVtt(['WEBVTT\n', cue(1, 'The Export Controls', 'came in October.'), cue(2, 'They reach products', 'made abroad.'),
      cue(3, 'China says', 'they are legal.'), cue(4, 'Washington disagrees', 'strongly.')].join('\n'))
    expect(captions.map((p) => p.speaker)).toEqual([undefined, undefined, undefined, undefined])
  })

  it('gives cues without a voice no speaker, so the splitter can carry the last one forward', () => {
    const paragraphs = readVtt('WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hello\n\n00:02.000 --> 00:03.000\nagain\n')
    expect(paragraphs.map((p) => p.speaker)).toEqual(['Ann', undefined])
  })

  it('splits a cue holding two voices into two paragraphs with the cue times', () => {
    const paragraphs = readVtt('WEBVTT\n\n00:10.000 --> 00:12.000\n<v Esme>Hi!</v>\n<v Mary>Hello &lt;there&gt;</v>\n')
    expect(paragraphs).toEqual([
      { text: 'Hi!', speaker: 'Esme', start: 10, end: 12, fragment: true },
      { text: 'Hello <there>', speaker: 'Mary', start: 10, end: 12, fragment: true },
    ])
  })

  it('orders cues by start time, keeping ties in file order', () => {
    const paragraphs = readVtt('WEBVTT\n\n00:05.000 --> 00:06.000\nlater\n\n00:01.000 --> 00:02.000\nfirst\n\n00:01.000 --> 00:03.000\nsecond\n')
    expect(paragraphs.map((p) => p.text)).toEqual(['first', 'second', 'later'])
  })

  it('drops cues with no text but keeps reading', () => {
    expect(readVtt('WEBVTT\n\n00:01.000 --> 00:02.000\n\n00:02.000 --> 00:03.000\nwords\n').map((p) => p.text)).toEqual(['words'])
  })
})

describe('readVtt on YouTube automatic captions (roll-up lines, a line of one space inside cues)', () => {
  // The shape YouTube serves (`fmt=vtt` auto captions): each line shown new, then above the next one.
  const text = [
    'WEBVTT', 'Kind: captions', 'Language: en', '',
    '00:00:00.000 --> 00:00:02.310 align:start position:0%', ' ', 'we<00:00:00.359><c> have</c><00:00:00.560><c> to</c>', '',
    '00:00:02.310 --> 00:00:02.320 align:start position:0%', 'we have to', ' ', '',
    '00:00:02.320 --> 00:00:05.030 align:start position:0%', 'we have to', 'think<00:00:02.840><c> about</c>', '',
    '00:00:05.030 --> 00:00:05.040 align:start position:0%', 'think about', ' ', '',
    '00:00:05.040 --> 00:00:07.990 align:start position:0%', 'think about', 'export<00:00:05.480><c> controls</c>', '',
  ].join('\n')

  it('reads every line once, with its cue times', () => {
    expect(readVtt(text).map((p) => [p.text, p.start])).toEqual([['we have to', 0], ['think about', 2.32], ['export controls', 5.04]])
  })

  it('keeps a line a speaker says twice in two ordinary cues', () => {
    const twice = readVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nNo.\n\n00:02.000 --> 00:03.000\nNo.\n')
    expect(twice.map((p) => p.text)).toEqual(['No.', 'No.'])
  })

  it('still ends a cue at a line of spaces between cues', () => {
    const spaced = readVtt('WEBVTT\n\n1\n00:01.000 --> 00:02.000\nHello.\n   \n2\n00:02.000 --> 00:03.000\nBye.\n  \n00:03.000 --> 00:04.000\nAgain.')
    expect(spaced.map((p) => p.text)).toEqual(['Hello.', 'Bye.', 'Again.'])
  })
})

describe('isVtt', () => {
  it.each([
    { id: 'bare header', text: 'WEBVTT\n', expected: true },
    { id: 'header with text', text: 'WEBVTT Podcast\n', expected: true },
    { id: 'leading blank line', text: '\nWEBVTT\n', expected: true },
    { id: 'word that starts like it', text: 'WEBVTTX\n', expected: false },
    { id: 'SRT', text: '1\n00:00:01,000 --> 00:00:02,000\nHi\n', expected: false },
  ])('$id → $expected', ({ text, expected }) => {
    expect(isVtt(text)).toBe(expected)
  })
})

describe('readVtt with a few unreadable cues', () => {
  it('drops them with a warning naming the first line, as browsers do, and keeps the rest', () => {
    const warnings: Warning[] = []
    const text = 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>One\n\n00:02.000 --> 00:0x.500\nTwo\n\n00:03.000 --> 00:04.000\nThree\n\ncue-4\nstray text\n\n00:05.000 --> 00:06.000\nFour\n\n00:07.000 --> 00:08.000\nFive\n'
    expect(readVtt(text, warnings).map((p) => p.text)).toEqual(['One', 'Three', 'Four', 'Five'])
    expect(warnings).toEqual([{ code: 'CUES_DROPPED', message: '2 of 6 WebVTT cues dropped: line 6: cannot read the end time "00:0x.500" in "00:02.000 --> 00:0x.500" (and 1 more)' }])
  })
  it('reads CR CR LF line ends (a CRLF file converted again) as single breaks', () => {
    const text = 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>One\n\n00:02.000 --> 00:03.000\n<v Bob>Two\n'.replaceAll('\n', '\r\r\n')
    expect(readVtt(text)).toEqual([
      { text: 'One', speaker: 'Ann', start: 1, end: 2, fragment: true },
      { text: 'Two', speaker: 'Bob', start: 2, end: 3, fragment: true },
    ])
  })
})

describe('readVtt errors', () => {
  it.each([
    { id: 'no header', text: '00:01.000 --> 00:02.000\nHello\n', where: /line 1: expected the "WEBVTT" header/ },
    { id: 'unreadable end time', text: 'WEBVTT\n\n00:00:01.000 --> banana\nHello\n', where: /line 3: cannot read the end time "banana"/ },
    { id: 'unreadable start time', text: 'WEBVTT\n\nsoon --> 00:00:02.000\nHello\n', where: /line 3: cannot read the start time "soon"/ },
    { id: 'block without a timing line', text: 'WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n\ncue-2\nstray text\n', where: /line 7: expected a timing line/ },
    { id: 'header only', text: 'WEBVTT\n\n', where: /no cues/ },
  ])('$id is MALFORMED and names the line', ({ text, where }) => {
    expect(() => readVtt(text)).toThrow(expect.objectContaining({ name: 'PodpipeError', code: 'MALFORMED', message: expect.stringMatching(/^not valid WebVTT: /) }))
    expect(() => readVtt(text)).toThrow(where)
  })
})
