import { sealTransferred } from '../record/build-record.js'
import type { EpisodeRecord } from '../record/schema.js'
import { adoptContentHash, recordHashAndFile } from './content-hash.js'

/**
 * A record encoded once, where it was built (the analyze stage's thread), for the stores: the
 * file store writes it as it is, so the event loop that publishes neither decodes, hashes nor
 * serialises the record; a store that needs the record's objects decodes it (decodeRecord).
 */
export interface EncodedRecord {
  id: string
  /** recordContentHash of the record. */
  hash: string
  /** The record file (canonicalRecordFile): its canonical JSON and a newline, in UTF-8. */
  json: Uint8Array
}

/** Only for a validated record (from buildRecord): the stores trust what it says of itself. */
export const encodeRecord = (record: EpisodeRecord): EncodedRecord => {
  const { hash, file } = recordHashAndFile(record)
  return { id: record.id, hash, json: file }
}

/**
 * The record back from its encoding. It is sealed as buildRecord's own (not parsed against the
 * schema again) when this version made it; a record of another version is checked by each store.
 */
export const decodeRecord = (encoded: EncodedRecord): EpisodeRecord => {
  const record = sealTransferred(JSON.parse(Buffer.from(encoded.json.buffer, encoded.json.byteOffset, encoded.json.byteLength).toString('utf8')) as EpisodeRecord)
  adoptContentHash(record, encoded.hash)
  return record
}
