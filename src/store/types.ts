import type { EpisodeRecord } from '../record/schema.js'

/** What a sink reports for one put: a retried or duplicated publish is `unchanged`. */
export type PutResult = 'created' | 'updated' | 'unchanged'

/**
 * A downstream store of episode records. Writes are idempotent upserts keyed by record id
 * and content hash, so a retried job never duplicates data.
 */
export interface RecordStore {
  readonly name: string
  put(record: EpisodeRecord): Promise<PutResult>
  get(id: string): Promise<EpisodeRecord | undefined>
  /** Cheap reachability check for /readyz. Throws when the store cannot be reached. */
  ping(): Promise<void>
  close(): Promise<void>
}
