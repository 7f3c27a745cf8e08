import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isJson, readJson } from './json.js'

const fixtureText = (name: string): string => readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url), 'utf8')

const doc = (segments: unknown[]): string => JSON.stringify({ version: '1.0.0', segments })

describe('readJson on the spec example (word level, no space segments)', () => {
  it('joins words per speaker into sentences with the first and last times', () => {
    expect(readJson(fixtureText('pc20-spec-transcript.json'))).toEqual([
      { text: 'I am your father.', speaker: 'Darth Vader', start: 0.5, end: 2.5, fragment: true },
      { text: 'Nooooo', speaker: 'Luke', start: 2.75, end: 3, fragment: true },
    ])
  })
})

describe('readJson on Podnews Weekly Review (spaces and punctuation are segments)', () => {
  const paragraphs = readJson(fixtureText('podnews-weekly-review-2023-06-02-words.json'))

  it('drops the 18 space segments and puts no space before punctuation', () => {
    expect(paragraphs.map((p) => p.text)).toEqual(["It's Friday, the 2nd of June 2023.", 'The last word in podcasting news.', 'This is the Pod News'])
  })

  it('keeps both speakers and the segment times', () => {
    expect(paragraphs.map((p) => p.speaker)).toEqual(['Speaker 1', 'Speaker 2', 'Speaker 2'])
    expect(paragraphs[0]).toMatchObject({ start: 0.221, end: 3.09, fragment: true })
    expect(paragraphs[2]).toMatchObject({ start: 7.186, end: 8.729 })
  })
})

describe('readJson on caption-line segments', () => {
  it('joins lines with a space, cuts at sentence ends and speaker changes, tolerates missing endTime and speaker', () => {
    const paragraphs = readJson(doc([
      { speaker: 'Kevin', startTime: 0, endTime: 2, body: 'Welcome to the show,' },
      { speaker: 'Kevin', startTime: 0, endTime: 2, body: 'where we talk (briefly)' },
      { speaker: 'Kevin', startTime: 2, endTime: 3.5, body: "about podcasts. It's great" },
      { speaker: 'Alban', startTime: 4, body: '"Thanks" - really!\n' },
      { startTime: 5, endTime: 6, body: 'Music' },
    ]))
    expect(paragraphs).toEqual([
      { text: "Welcome to the show, where we talk (briefly) about podcasts. It's great", speaker: 'Kevin', start: 0, end: 3.5, fragment: true },
      { text: '"Thanks" - really!', speaker: 'Alban', start: 4, end: 4, fragment: true },
      { text: 'Music', start: 5, end: 6, fragment: true },
    ])
  })

  it('attaches split-off clitics and keeps opening brackets tight', () => {
    const words = ['I', "'m", 'sure', 'it', 'is', "n't", '(', 'so', ')', '.']
    expect(readJson(doc(words.map((body, i) => ({ speaker: 'A', startTime: i, endTime: i, body }))))[0]!.text).toBe("I'm sure it isn't (so).")
  })
})

describe('readJson on imperfect segments', () => {
  it('reads numeric strings as times, and drops bad segments with one warning that names the first', () => {
    const warnings: { code: string; message: string }[] = []
    const paragraphs = readJson(doc([
      { speaker: 'A', startTime: '0.5', endTime: '1', body: 'Hello' },
      { speaker: 'A', startTime: null, body: 'lost' },
      { speaker: 'A', startTime: 2, endTime: '', body: 'also lost' },
      { speaker: 'A', startTime: 3, endTime: 3.5, body: 'world.' },
    ]), warnings)
    expect(paragraphs).toEqual([{ text: 'Hello world.', speaker: 'A', start: 0.5, end: 3.5, fragment: true }])
    expect(warnings).toEqual([{ code: 'SEGMENTS_DROPPED', message: expect.stringMatching(/^2 of 4 JSON segments dropped: segments\[1\]\.startTime: .* \(and 1 more\)$/) }])
  })
})

describe('isJson', () => {
  it.each([
    { id: 'spec document', text: '{\n  "version": "1.0.0",\n  "segments": []}', expected: true },
    { id: 'truncated document', text: '{"version":"1.0.0","segments":[{"speaker":', expected: true },
    { id: 'other JSON', text: '{"title": "x"}', expected: false },
    { id: 'bracketed timestamp text', text: '[00:03:12] Name: text', expected: false },
  ])('$id → $expected', ({ text, expected }) => {
    expect(isJson(text)).toBe(expected)
  })
})

describe('readJson errors', () => {
  it.each([
    { id: 'truncated', text: '{"version":"1.0.0","segments":[{"speaker":', where: /the JSON does not parse/ },
    { id: 'no segments', text: '{"version":"1.0.0"}', where: /segments: / },
    { id: 'segments not an array', text: '{"segments":{}}', where: /segments: / },
    { id: 'no readable segment', text: doc([{ startTime: 0 }, { startTime: 'soon', body: 'b' }]), where: /no segment is readable \(segments\[0\]\.body: / },
    { id: 'a segment that is not an object', text: doc(['word']), where: /segments\[0\]: / },
    { id: 'empty segments', text: doc([]), where: /"segments" is empty/ },
    { id: 'only space segments', text: doc([{ startTime: 0, body: ' ' }]), where: /every segment is empty/ },
  ])('$id is MALFORMED with the path of the problem', ({ text, where }) => {
    expect(() => readJson(text)).toThrow(expect.objectContaining({ name: 'PodpipeError', code: 'MALFORMED', message: expect.stringMatching(/^not a valid Podcasting 2\.0 JSON transcript: /) }))
    expect(() => readJson(text)).toThrow(where)
  })
})
