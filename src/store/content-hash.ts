import { createHash } from 'node:crypto'
import { isValidatedRecord } from '../record/build-record.js'
import type { EpisodeRecord } from '../record/schema.js'
import { writeCanonicalJson } from './json-text.js'

/**
 * JSON with object keys sorted at every depth, so two records that differ only in key order
 * (a JSONB round trip reorders keys) serialise to the same bytes. Keys whose value is
 * `undefined` are dropped, as JSON.stringify does; array order is kept because it is meaningful.
 */
export const canonicalJson = (value: unknown): string => {
  const pieces: string[] = []
  writeCanonicalJson(value, (piece) => pieces.push(piece))
  return pieces.join('')
}

/**
 * sha256 (hex) of canonicalJson(value), hashed piece by piece: the whole text as one string
 * would cost more to flatten than to hash (json-text.ts).
 */
export const canonicalSha256 = (value: unknown): string => {
  const sha256 = createHash('sha256')
  writeCanonicalJson(value, (piece) => sha256.update(piece))
  return sha256.digest('hex')
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
  const hash = canonicalSha256({ ...record, provenance })
  if (isValidatedRecord(record)) hashes.set(record, hash)
  return hash
}

/** Remembers a hash recordContentHash computed for this validated record elsewhere (record-encodings.ts). */
export const adoptContentHash = (record: EpisodeRecord, hash: string): void => {
  if (isValidatedRecord(record)) hashes.set(record, hash)
}
