import { describe, expect, it } from 'vitest'
import { seedFeedRecords, seedRecords } from '../../tests/helpers/seed-records.js'
import { prettyJsonFile, writeCanonicalJson } from './json-text.js'

describe('prettyJsonFile', () => {
  it('writes a record file that reads back as the record, indented, in UTF-8, with one newline at the end', () => {
    for (const built of [...seedRecords(), ...seedFeedRecords()]) {
      const file = prettyJsonFile(built)
      const text = file.toString('utf8')
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(built)))
      expect(text.startsWith('{\n  "')).toBe(true)
      expect(text.endsWith('}\n')).toBe(true)
      expect(Buffer.byteLength(text)).toBe(file.length)
    }
    expect(prettyJsonFile({ wide: '中文 — ’' }).toString('utf8')).toBe('{\n  "wide": "中文 — ’"\n}\n')
  })

  it('refuses what has no JSON text', () => {
    expect(() => prettyJsonFile(undefined)).toThrow(TypeError)
    expect(() => prettyJsonFile(() => 1)).toThrow(TypeError)
  })
})

describe('writeCanonicalJson', () => {
  it('hands out a large record in pieces small enough to stay out of V8\'s large-object space', () => {
    const [episode] = seedFeedRecords().filter((r) => r.turns.length > 10)
    const pieces: string[] = []
    writeCanonicalJson(episode, (piece) => pieces.push(piece))
    expect(pieces.length).toBeGreaterThan(5)
    // 64 K characters: 128 KB once a string holds a character above U+00FF.
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(64 * 1024)
  })
})
