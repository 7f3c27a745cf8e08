import { deserialize, serialize } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { seedFeedRecords, seedRecords } from '../../tests/helpers/seed-records.js'
import { prettyJsonFile, writeCanonicalJson } from './json-text.js'

const asFile = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`)

describe('prettyJsonFile', () => {
  it('gives the bytes of JSON.stringify(value, null, 2) and a newline on real records', () => {
    for (const built of [...seedRecords(), ...seedFeedRecords()]) {
      for (const r of [built, deserialize(serialize(built))]) expect(prettyJsonFile(r).equals(asFile(r))).toBe(true)
    }
  })

  it('gives the bytes of JSON.stringify at the edges of JSON', () => {
    const values: unknown[] = [
      { '10': 'a', '9': 'b', b: 1, a: 2, '': 3, 'q"k': 4, é: 5 },
      { quote: 'say "hi"\\n', control: '\u0000\u001f\t', lone: '\ud800 \udc00', pair: '😀', wide: '中文 — ’', line: '\u2028' },
      { n: [0, -0, 1.5, 1e21, 1e-7, -2, Number.NaN, Number.NEGATIVE_INFINITY] },
      // eslint-disable-next-line no-sparse-arrays
      { holes: [1, , 3], gaps: [undefined, () => 1, Symbol('s')], f: () => 1, u: undefined },
      { empty: {}, none: [], allUndefined: { a: undefined }, deep: { z: [[[]], [{}], [{ y: [1, 'x'] }]] } },
      [], {}, 'text', 7, false, null,
    ]
    for (const v of values) expect(prettyJsonFile(v).toString('utf8')).toBe(asFile(v).toString('utf8'))
    expect(() => prettyJsonFile(undefined)).toThrow(TypeError)
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
