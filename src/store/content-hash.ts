import { createHash } from 'node:crypto'
import { isValidatedRecord } from '../record/build-record.js'
import type { EpisodeRecord } from '../record/schema.js'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/**
 * JSON with object keys sorted at every depth, so two records that differ only in key order
 * (a JSONB round trip reorders keys) serialise to the same bytes. Keys whose value is
 * `undefined` are dropped, as JSON.stringify does; array order is kept because it is meaningful.
 */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value as Json))

const sortKeys = (value: Json): Json => {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  const out: { [key: string]: Json } = {}
  for (const key of Object.keys(value).sort()) {
    const v = value[key]
    if (v !== undefined) out[key] = sortKeys(v)
  }
  return out
}

const hashes = new WeakMap<EpisodeRecord, string>()

/**
 * The content hash every store compares before writing: sha256 (hex) of the canonical JSON of
 * the record without `provenance.processedAt` and `provenance.stageMs`. Those two change on
 * every run, so leaving them in would turn each retried or duplicated publish into an update.
 *
 * @example
 * recordContentHash(rerun) === recordContentHash(first) // same episode, same content, later run
 */
export const recordContentHash = (record: EpisodeRecord): string => {
  // A record from buildRecord is frozen, so its hash is computed once however many stores ask.
  const known = hashes.get(record)
  if (known !== undefined) return known
  const { processedAt: _processedAt, stageMs: _stageMs, ...provenance } = record.provenance
  const hash = createHash('sha256').update(canonicalJson({ ...record, provenance })).digest('hex')
  if (isValidatedRecord(record)) hashes.set(record, hash)
  return hash
}
