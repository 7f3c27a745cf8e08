import { createHash } from 'node:crypto'
import { deserialize, serialize } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { buildRecord, hasSchemaKeyOrder } from '../record/index.js'
import { reverseKeys } from '../../tests/helpers/reverse-keys.js'
import { sampleRecord } from '../../tests/helpers/sample-record.js'
import { seedFeedRecords, seedRecords } from '../../tests/helpers/seed-records.js'
import { canonicalJson, canonicalRecordFile, canonicalSha256, recordContentHash, recordHashAndFile } from './content-hash.js'

/**
 * canonicalJson as it was first written, which every stored hash came from: a copy with the keys
 * inserted sorted, then JSON.stringify. The writer that replaced it must give the same bytes.
 */
const firstCanonicalJson = (value: unknown): string => {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys)
    if (v === null || typeof v !== 'object') return v
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[key]
      if (x !== undefined) out[key] = sortKeys(x)
    }
    return out
  }
  return JSON.stringify(sortKeys(value))
}

describe('recordContentHash', () => {
  const record = sampleRecord({ processedAt: new Date('2025-10-15T00:00:00Z') })

  it('ignores when and how fast the record was processed', () => {
    const rerun = sampleRecord({ processedAt: new Date('2026-01-01T12:00:00Z'), stageMs: { split: 99 } })
    expect(rerun.provenance.processedAt).not.toBe(record.provenance.processedAt)
    expect(recordContentHash(rerun)).toBe(recordContentHash(record))
  })

  it('ignores key order at every depth', () => {
    const shuffled = reverseKeys(record)
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(record))
    expect(recordContentHash(shuffled)).toBe(recordContentHash(record))
  })

  it('changes when any content changes, however deep', () => {
    const base = recordContentHash(record)
    expect(recordContentHash(sampleRecord({ title: 'Another title' }))).not.toBe(base)
    const claims = record.claims.map((c, i) => (i === 1 ? { ...c, confidence: 0.65 } : c))
    expect(recordContentHash({ ...record, claims })).not.toBe(base)
    const provenance = { ...record.provenance, pipelineVersion: '9.9.9' }
    expect(recordContentHash({ ...record, provenance })).not.toBe(base)
  })

  it('is a sha256 hex digest', () => {
    expect(recordContentHash(record)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('is the hash stored hashes were made with, on real records and on their copies through V8 serialization', () => {
    for (const built of [...seedRecords(), ...seedFeedRecords()]) {
      for (const r of [built, deserialize(serialize(built)) as typeof built]) {
        const { processedAt: _processedAt, stageMs: _stageMs, ...provenance } = r.provenance
        expect(recordContentHash(r)).toBe(createHash('sha256').update(firstCanonicalJson({ ...r, provenance })).digest('hex'))
      }
    }
  })
})

describe('canonicalJson', () => {
  it('sorts keys, keeps array order and drops undefined like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: undefined, c: null }, 1] })).toBe('{"a":[3,{"c":null},1],"b":1}')
  })

  it('gives the bytes of its first implementation on real records', () => {
    for (const r of [...seedRecords(), ...seedFeedRecords()]) expect(canonicalJson(r)).toBe(firstCanonicalJson(r))
  })

  it('gives the bytes of its first implementation at the edges of JSON', () => {
    const values: unknown[] = [
      { '10': 'a', '9': 'b', '01': 'c', '4294967295': 'd', '4294967294': 'e', b: 1, a: 2, '': 3, B: 4, é: 5, '😀': 6 },
      JSON.parse('{"__proto__":{"x":1},"y":2}'),
      { quote: 'say "hi"\\n', control: '\u0000\u001f\t', lone: '\ud800 \udc00', pair: '😀', wide: '中文 — ’', line: '\u2028' },
      { n: [0, -0, 1.5, 1e21, 1e-7, -2, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_VALUE] },
      // eslint-disable-next-line no-sparse-arrays
      { holes: [1, , 3], gaps: [undefined, () => 1, Symbol('s')], f: () => 1, s: Symbol('s'), u: undefined },
      { empty: {}, none: [], allUndefined: { a: undefined }, deep: { z: { y: { x: [{ b: 1, a: 2 }] } } } },
      { date: new Date(0), map: new Map([[1, 2]]), boxed: Object.assign(new String('ab'), { k: 1 }) },
      [{ b: 1, a: 2 }, { a: 2, b: 1 }, { c: 3 }],
      'text', 42, true, null,
    ]
    for (const v of values) expect(canonicalJson(v)).toBe(firstCanonicalJson(v))
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError)
  })
})

describe('canonicalSha256', () => {
  it('is the sha256 of the canonical JSON text, as feed items were hashed: long and two-byte text included', () => {
    const long = { body: `${'中文 — ’ '.repeat(20_000)}😀`, title: 'x'.repeat(40_000), n: [1, 2] }
    for (const v of [...seedRecords(), long, { b: 1, a: 'é' }, 'text', null]) {
      expect(canonicalSha256(v)).toBe(createHash('sha256').update(firstCanonicalJson(v)).digest('hex'))
    }
  })
})

describe('the record file and its hash in one pass (recordHashAndFile)', () => {
  const firstHash = (r: ReturnType<typeof seedRecords>[number]) => {
    const { processedAt: _processedAt, stageMs: _stageMs, ...provenance } = r.provenance
    return createHash('sha256').update(firstCanonicalJson({ ...r, provenance })).digest('hex')
  }

  it('gives the stored hash and the canonical JSON of the whole record, on real records and their V8 copies', () => {
    for (const built of [...seedRecords(), ...seedFeedRecords()]) {
      const copy = deserialize(serialize(built)) as typeof built
      // Both ways of writing: JSON.stringify for the record buildRecord parsed, the sorting writer for the copy.
      expect([hasSchemaKeyOrder(built), hasSchemaKeyOrder(copy)]).toEqual([true, false])
      for (const r of [built, copy]) {
        const { hash, file } = recordHashAndFile(r)
        expect(hash).toBe(firstHash(r))
        expect(file.toString('utf8')).toBe(`${firstCanonicalJson(r)}\n`)
        expect(canonicalRecordFile(r).equals(file)).toBe(true)
      }
    }
  })

  it('gives each record a file of its own, a record too large for the room it keeps included', () => {
    const [seed] = seedRecords()
    const { provenance, schemaVersion: _v, id: _id, ...rest } = seed!
    // About 3 million characters: past the 8 MB of room kept between records, at 3 bytes each.
    const turns = rest.turns.map((t, i) => (i === 0 ? { ...t, text: `${t.text}${' é'.repeat(1_500_000)}` } : t))
    const large = buildRecord({ ...rest, turns, stageMs: provenance.stageMs, warnings: provenance.warnings ?? [], processedAt: new Date(provenance.processedAt) })
    const records = [seed!, large, seed!, sampleRecord()]
    // Each file read only once all are written: none may share the room the next one is written in.
    const written = records.map((r) => recordHashAndFile(r))
    records.forEach((r, i) => {
      expect(written[i]!.hash).toBe(firstHash(r))
      expect(written[i]!.file.toString('utf8')).toBe(`${firstCanonicalJson(r)}\n`)
    })
  })

  it('writes arrays of any length around the pieces they are stringified in', () => {
    const [seed] = seedRecords()
    const { provenance, schemaVersion: _v, id: _id, ...rest } = seed!
    expect(rest.claims.length).toBeGreaterThan(49)
    for (const n of [0, 1, 23, 24, 25, 48, 49]) {
      const r = buildRecord({ ...rest, claims: rest.claims.slice(0, n), stageMs: provenance.stageMs, warnings: provenance.warnings ?? [], processedAt: new Date(provenance.processedAt) })
      expect(hasSchemaKeyOrder(r)).toBe(true)
      const { hash, file } = recordHashAndFile(r)
      expect(file.toString('utf8'), `${n} claims`).toBe(`${firstCanonicalJson(r)}\n`)
      expect(hash).toBe(firstHash(r))
    }
  })

  it('keeps processedAt and stageMs in the file and out of the hash', () => {
    const [built] = seedRecords()
    const r = { ...built!, provenance: { ...built!.provenance, processedAt: '2031-01-01T00:00:00.000Z', stageMs: { analyze: 7 } } }
    const { hash, file } = recordHashAndFile(r)
    expect(hash).toBe(recordHashAndFile(built!).hash)
    expect(JSON.parse(file.toString('utf8'))).toEqual(r)
  })
})
