// The seed post in every format podpipe reads (fixtures/seed, built by scripts/build-fixtures.ts)
// goes through the real reader and splitter. Expected values are computed here from the raw seed
// lines with the three known labels, not copied from program output.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { readTranscript } from '../src/transcript/index.js'
import { splitTurns } from '../src/turns/index.js'

const SEED_DIR = new URL('../fixtures/seed/', import.meta.url)
const IDS: Record<string, string> = { 'Chris McGuire': 'mcguire', 'Chris Miller': 'miller', 'Jordan Schneider': 'schneider' }
const LABEL = /^(Chris McGuire|Chris Miller|Jordan Schneider):? /
const WORD = /[\p{L}\p{N}]/u

const expectedFromSeed = () => {
  const lines = readFileSync(new URL('seed.txt', SEED_DIR), 'utf8').split('\n')
  const first = lines.findIndex((l) => l.startsWith('Chris McGuire: Last night'))
  const sequence: string[] = []
  const words: Record<string, number> = {}
  let speaker = ''
  for (const line of lines.slice(first)) {
    const label = LABEL.exec(line)
    if (label) {
      speaker = IDS[label[1]!]!
      if (sequence.at(-1) !== speaker) sequence.push(speaker)
    }
    const body = label ? line.slice(label[0].length) : line
    words[speaker] = (words[speaker] ?? 0) + body.split(/\s+/).filter((t) => WORD.test(t)).length
  }
  return { sequence, words }
}

const expected = expectedFromSeed()

const FIXTURES = [
  { file: 'seed.txt', format: 'text', wholePost: true, timed: false },
  { file: 'seed.html', format: 'html', wholePost: true, timed: false },
  { file: 'seed.timestamped.txt', format: 'text', wholePost: true, timed: true },
  { file: 'seed.vtt', format: 'vtt', wholePost: false, timed: true },
  { file: 'seed.every-cue.vtt', format: 'vtt', wholePost: false, timed: true },
  { file: 'seed.srt', format: 'srt', wholePost: false, timed: true },
  { file: 'seed.json', format: 'json', wholePost: false, timed: true },
] as const

test('the expectation itself matches the brief: 52 turns, McGuire, Schneider, Miller, Schneider first', () => {
  expect(expected.sequence).toHaveLength(52)
  expect(expected.sequence.slice(0, 4)).toEqual(['mcguire', 'schneider', 'miller', 'schneider'])
})

describe.each(FIXTURES)('$file', ({ file, format, wholePost, timed }) => {
  const read = readTranscript(readFileSync(new URL(file, SEED_DIR)), { fileName: file })
  const result = splitTurns(read.paragraphs)
  const { turns, speakers, sections } = result

  test('is read as its format', () => {
    expect(read.format).toBe(format)
  })

  test('gives exactly the seed’s 52 turns, in the seed’s speaker order', () => {
    expect(turns.map((t) => t.speakerId)).toEqual(expected.sequence)
    expect(turns.map((t) => t.index)).toEqual(turns.map((_, i) => i))
  })

  test('has exactly the three speakers, with the seed’s word counts', () => {
    expect(speakers.map((s) => s.id).sort()).toEqual(['mcguire', 'miller', 'schneider'])
    for (const speaker of speakers) {
      expect(speaker.wordCount, speaker.id).toBe(expected.words[speaker.id])
      const own = turns.filter((t) => t.speakerId === speaker.id)
      expect(speaker.turnCount).toBe(own.length)
      expect(own.reduce((n, t) => n + t.wordCount, 0)).toBe(speaker.wordCount)
    }
  })

  test('two consecutive "Jordan Schneider:" paragraphs are one turn', () => {
    expect(turns[1]!.speakerId).toBe('schneider')
    expect(turns[1]!.text).toContain('Whoever in China is copy-pasting')
    expect(turns[1]!.text).toContain('Chris Miller, what’s the potential industry impact?')
  })

  test('"Jordan Schneider If China…" without a colon opens Schneider’s turn and loses the label', () => {
    const index = turns.findIndex((t) => t.text.startsWith('If China wanted to pop the AI bubble'))
    expect(index).toBeGreaterThan(0)
    expect(turns[index]!.speakerId).toBe('schneider')
    expect(turns[index - 1]!.text).toContain('The tooling companies sit below that')
    expect(turns.some((t) => /jordan schneider if china/i.test(t.text))).toBe(false)
  })

  test('"评价: 推荐" is not a speaker', () => {
    expect(speakers.some((s) => s.id.includes('评价') || (s.name ?? '').includes('评价'))).toBe(false)
    expect(turns.some((t) => t.text.includes('评价'))).toBe(false)
  })

  test.runIf(timed)('turn times come from the paragraphs and run forward', () => {
    for (const [i, turn] of turns.entries()) {
      expect(turn.start, `turn ${i}`).toBeTypeOf('number')
      if (turn.end !== undefined) expect(turn.end).toBeGreaterThanOrEqual(turn.start!)
      if (i > 0) expect(turn.start!).toBeGreaterThanOrEqual(turns[i - 1]!.start!)
    }
  })

  test.runIf(wholePost)('the article, promo, Chinese commentary and show notes are sections, not turns', () => {
    const find = (snippet: string) => sections.find((s) => s.text.includes(snippet))
    expect(find('The Outer Space Treaty of 1967')).toMatchObject({ kind: 'article', language: 'en' })
    expect(find('reader-supported publication')).toMatchObject({ kind: 'promo' })
    expect(find('传统上有几个高危职业')).toMatchObject({ language: 'zh' })
    expect(find('We discuss')).toMatchObject({ kind: 'show-notes', language: 'en' })
    for (const snippet of ['Outer Space Treaty of 1967', '高危职业', 'reader-supported', 'We discuss']) {
      expect(turns.some((t) => t.text.includes(snippet)), snippet).toBe(false)
    }
  })
})

describe('hints on the seed', () => {
  const paragraphs = readTranscript(readFileSync(new URL('seed.txt', SEED_DIR)), { fileName: 'seed.txt' }).paragraphs
  const unhinted = splitTurns(paragraphs)

  test('give roles and change nothing else', () => {
    const hinted = splitTurns(paragraphs, {
      speakers: [{ name: 'Jordan', role: 'host' }, { name: 'Chris McGuire', role: 'guest' }, { name: 'Chris Miller', role: 'guest' }],
    })
    expect(hinted.turns).toEqual(unhinted.turns)
    expect(Object.fromEntries(hinted.speakers.map((s) => [s.id, s.role]))).toEqual({ schneider: 'host', mcguire: 'guest', miller: 'guest' })
  })

  test('without hints every role is unknown', () => {
    expect(unhinted.speakers.map((s) => s.role)).toEqual(['unknown', 'unknown', 'unknown'])
  })
})
