import { isValidatedRecord } from '../record/build-record.js'
import type { EpisodeRecord } from '../record/schema.js'
import { adoptContentHash, recordContentHash } from './content-hash.js'
import { prettyJsonFile } from './json-text.js'

/**
 * What the stores would compute from a record before writing it: its content hash, and the
 * file store's bytes. Analysis computes them where the record is built (the analyze stage's
 * thread), so the event loop that publishes neither hashes nor serialises the record.
 */
export interface RecordEncodings {
  hash: string
  /** The file store's record file; absent when no file store is configured. */
  file?: Uint8Array
}

export const encodeForStores = (record: EpisodeRecord, { file }: { file: boolean }): RecordEncodings => ({
  hash: recordContentHash(record),
  ...(file ? { file: prettyJsonFile(record) } : {}),
})

const files = new WeakMap<EpisodeRecord, Uint8Array>()

/**
 * Lets the stores use encodings made where the record was built. Only for a validated (frozen)
 * record, which cannot change after the fact; any other record is encoded by each store itself.
 */
export const adoptEncodings = (record: EpisodeRecord, { hash, file }: RecordEncodings): void => {
  if (!isValidatedRecord(record)) return
  adoptContentHash(record, hash)
  if (file) files.set(record, file)
}

/** The file store's bytes for the record: `JSON.stringify(record, null, 2)` and a newline, in UTF-8. */
export const recordFile = (record: EpisodeRecord): Uint8Array => files.get(record) ?? prettyJsonFile(record)
