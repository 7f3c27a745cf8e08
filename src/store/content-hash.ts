import { createHash } from 'node:crypto'
import { hasSchemaKeyOrder, isValidatedRecord } from '../record/build-record.js'
import type { EpisodeRecord } from '../record/schema.js'
import { canonicalProperties, isOmitted, writeCanonicalJson } from './json-text.js'

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

/** What the content hash leaves out: `processedAt` and `stageMs` change on every run. */
const lasting = ({ processedAt: _processedAt, stageMs: _stageMs, ...provenance }: EpisodeRecord['provenance']) => provenance

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
  const hash = canonicalSha256({ ...record, provenance: lasting(record.provenance) })
  if (isValidatedRecord(record)) hashes.set(record, hash)
  return hash
}

/** Remembers a hash recordContentHash computed for this validated record elsewhere (record-encodings.ts). */
export const adoptContentHash = (record: EpisodeRecord, hash: string): void => {
  if (isValidatedRecord(record)) hashes.set(record, hash)
}

const NEWLINE = Buffer.from('\n')

/**
 * Room to write a record's UTF-8 in, kept between records: sized for the worst case (3 bytes a
 * UTF-16 unit), so each piece is written straight in. Buffer.from measures every string before
 * it writes it, and a fresh buffer of that size is fresh pages, each faulted in on first touch.
 * Room for a record larger than KEEP_BYTES is made for it alone, so one very long episode does
 * not leave the process holding its size for good.
 */
const KEEP_BYTES = 8 * 1024 * 1024
let room = Buffer.alloc(0)
const scratch = (size: number): Buffer => {
  if (size > KEEP_BYTES) return Buffer.allocUnsafeSlow(size)
  if (room.length < size) room = Buffer.allocUnsafeSlow(size)
  return room
}

/** The record file: the record's canonical JSON, all of it, and a newline, in UTF-8. */
export const canonicalRecordFile = (record: EpisodeRecord): Buffer => {
  const pieces: Buffer[] = []
  writeCanonicalJson(record, (piece) => pieces.push(Buffer.from(piece)))
  pieces.push(NEWLINE)
  return Buffer.concat(pieces)
}

/** Elements of a long array stringified at a time (measured: 8, 24 and 64; 24 was fastest). */
const ELEMENTS_A_PIECE = 24

/**
 * `JSON.stringify(value)` as pieces that join to it: a long array a few dozen elements at a
 * time. JSON.stringify returns a tree of parts that is flattened when written out, and the
 * flat copy of a whole array of turns or claims (over 64 K two-byte characters) is allocated on
 * fresh pages of V8's large-object space for every record; pieces of a few dozen elements are
 * flattened in the young generation. recordHashAndFile on 150 records fresh from the core, four
 * batches, two processes each way alternating: 1.57-1.75 against 1.45-1.59 ms a record (one
 * batch at 1.97).
 */
const pushStringified = (text: string[], value: unknown): void => {
  if (!Array.isArray(value) || value.length <= ELEMENTS_A_PIECE) {
    text.push(JSON.stringify(value))
    return
  }
  for (let i = 0; i < value.length; i += ELEMENTS_A_PIECE) {
    const piece = JSON.stringify(value.slice(i, i + ELEMENTS_A_PIECE))
    const last = i + ELEMENTS_A_PIECE >= value.length
    // Each piece is a whole array: its brackets go, but the first's opening one and the last's closing one.
    if (i > 0) text.push(',')
    text.push(piece.slice(i === 0 ? 0 : 1, last ? piece.length : -1))
  }
}

/**
 * recordContentHash and canonicalRecordFile in one pass: the two texts differ only inside
 * `provenance`, so every other property is written once, turned into UTF-8 once, and handed to
 * both. On the seed record this took 4.4–5.2 ms against 7.8–8.3 for the hash and an indented
 * file made apart (in-process A/B, 60 records fresh from the core each).
 *
 * A record buildRecord parsed here has its keys in canonical order already (hasSchemaKeyOrder),
 * so its properties are written by the native JSON.stringify; all but `provenance`, whose
 * `stageMs` keys come in the order the stages ran.
 */
export const recordHashAndFile = (record: EpisodeRecord): { hash: string; file: Buffer } => {
  // The file's text in pieces; at `provenanceAt`, the hash reads `lastingProvenance` instead.
  const text: string[] = []
  let provenanceAt = -1
  let lastingProvenance = ''
  const inKeyOrder = hasSchemaKeyOrder(record)
  let empty = true
  for (const { key, label } of canonicalProperties(record)) {
    const value: unknown = record[key as keyof EpisodeRecord]
    if (isOmitted(value)) continue
    text.push(`${empty ? '{' : ','}${label}`)
    empty = false
    if (key === 'provenance') {
      provenanceAt = text.length
      text.push(canonicalJson(value))
      lastingProvenance = canonicalJson(lasting(record.provenance))
    } else if (inKeyOrder) pushStringified(text, value)
    else writeCanonicalJson(value, (piece) => text.push(piece))
  }
  text.push(empty ? '{}' : '}')
  const bytes = scratch(text.reduce((n, piece) => n + piece.length, 1) * 3)
  const sha256 = createHash('sha256')
  let length = 0
  text.forEach((piece, i) => {
    const end = length + bytes.write(piece, length)
    sha256.update(i === provenanceAt ? lastingProvenance : bytes.subarray(length, end))
    length = end
  })
  length += bytes.write('\n', length)
  const hash = sha256.digest('hex')
  adoptContentHash(record, hash)
  return { hash, file: Buffer.from(bytes.subarray(0, length)) }
}
