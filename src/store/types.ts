import type { EpisodeRecord } from '../record/schema.js'
import type { EncodedRecord } from './record-encodings.js'

/** What a sink reports for one put: a retried or duplicated publish is `unchanged`. */
export type PutResult = 'created' | 'updated' | 'unchanged'

/**
 * A downstream store of episode records. Writes are idempotent upserts keyed by record id
 * and content hash (recordContentHash: the record without provenance.processedAt/stageMs),
 * so a retried job never duplicates data and an unchanged record is not written at all.
 *
 * Failures are PodpipeErrors whose message names the store: code STORE_FAILED and
 * `permanent: false` when retrying can help (unreachable, timeout, disk error), MALFORMED or
 * `permanent: true` when the record itself is refused.
 */
export interface RecordStore {
  /** 'file' | 'postgres' | 'stream' | 'webhook'; publishToAll keys its results by it. */
  readonly name: string
  /**
   * The store holds no record, it only tells others about one (the webhook store). publishToAll
   * writes it after every other store has taken the record, and not while one of them fails, so
   * a notice never arrives before the record can be read.
   */
  readonly announces?: boolean
  put(record: EpisodeRecord): Promise<PutResult>
  /**
   * Writes a record as analysis encoded it, for a store that needs none of its objects (the file
   * store); publishEncoded calls it instead of put when the store has it.
   */
  putEncoded?(record: EncodedRecord): Promise<PutResult>
  /** The stored record, validated against the schema; undefined when the store has none for the id. */
  get(id: string): Promise<EpisodeRecord | undefined>
  /**
   * The content hash of what the store holds for the id, for a store that may hold less than the
   * whole record (the stream store announces large records by id and hash); without it, callers
   * hash what `get` returns.
   */
  heldHash?(id: string): Promise<string | undefined>
  /** Cheap reachability check for /readyz. Throws when the store cannot be reached. */
  ping(): Promise<void>
  /** Releases what the store opened itself (a pool, its own client); never a client it was given. */
  close(): Promise<void>
}
