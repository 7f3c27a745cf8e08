import { describe, expect, it } from 'vitest'
import { sampleRecord } from '../../tests/helpers/sample-record.js'
import { canonicalJson, recordContentHash } from './content-hash.js'

/** The same value with every object's keys in reverse order, as a JSONB round trip may give. */
const reverseKeys = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(reverseKeys)
  if (v === null || typeof v !== 'object') return v
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]))
}

describe('recordContentHash', () => {
  const record = sampleRecord({ processedAt: new Date('2025-10-15T00:00:00Z') })

  it('ignores when and how fast the record was processed', () => {
    const rerun = sampleRecord({ processedAt: new Date('2026-01-01T12:00:00Z'), stageMs: { split: 99 } })
    expect(rerun.provenance.processedAt).not.toBe(record.provenance.processedAt)
    expect(recordContentHash(rerun)).toBe(recordContentHash(record))
  })

  it('ignores key order at every depth', () => {
    const shuffled = reverseKeys(record) as typeof record
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
})

describe('canonicalJson', () => {
  it('sorts keys, keeps array order and drops undefined like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: undefined, c: null }, 1] })).toBe('{"a":[3,{"c":null},1],"b":1}')
  })
})
