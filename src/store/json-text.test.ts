import { describe, expect, it } from 'vitest'
import { seedFeedRecords } from '../../tests/helpers/seed-records.js'
import { writeCanonicalJson } from './json-text.js'

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
