import type { Redis } from 'ioredis'
import { PodpipeError } from '../errors/index.js'
import { recordContentHash } from './content-hash.js'
import { runPublishScript } from './stream-publish.js'
import type { PutResult, RecordStore } from './types.js'
import { checkRecord, parseStoredRecord, pingRedis, storeError } from './validate.js'

export interface StreamStoreOptions {
  /** A client the caller owns; close() leaves it open. */
  redis: Redis
  /**
   * Stream key. The index keys are `<stream>:hashes` and `<stream>:latest`; on Redis Cluster
   * give the stream a hash tag (`{podpipe}:records`) so all three share a slot.
   * @defaultValue 'podpipe:records'
   */
  stream?: string
  /** Entries kept, trimmed approximately (MAXLEN ~), so trimming stays O(1). @defaultValue 10000 */
  maxLen?: number
  /**
   * Largest record, in bytes of its JSON, that an entry carries in its `record` field; larger
   * ones are announced by id, hash and size only, and consumers read them from the file or
   * PostgreSQL store. 0 never inlines. Redis memory for the stream is then at most about
   * maxLen × (inlineMaxBytes + 200 bytes).
   * @defaultValue 65536
   */
  inlineMaxBytes?: number
}

/** The fields of one stream entry, as a consumer reads them. */
export interface StreamEntryFields {
  id: string
  hash: string
  schemaVersion: string
  change: 'created' | 'updated'
  /** Size of the record's JSON in bytes, whether or not the entry carries it; absent in entries of older versions. */
  bytes?: number
  /** The record JSON, present only when `bytes` is at most the store's inlineMaxBytes. */
  record?: string
}

const DEFAULT_INLINE_MAX_BYTES = 64 * 1024

/**
 * The event sink: one Redis Stream entry per created or changed record, for downstream
 * consumers that follow with consumer groups (XREADGROUP); the entry id is the position a
 * consumer resumes after. A republish of the same content appends nothing. An entry announces
 * the record (id, content hash, change, size) and carries the record itself only up to
 * inlineMaxBytes, so the stream's memory is bounded by maxLen × inlineMaxBytes, not by how large
 * transcripts get.
 *
 * get(id) returns the record only while the id's newest entry is in the stream and carries it;
 * otherwise (too large to inline, or trimmed) it answers undefined, "not here", so a reader such
 * as GET /api/episodes/:id goes on to the next store instead of serving a stale version.
 *
 * @example
 * const store = createStreamStore({ redis, stream: '{podpipe}:records' })
 * await store.put(record)
 * // consumer: XGROUP CREATE {podpipe}:records search 0 MKSTREAM; XREADGROUP GROUP search c1 STREAMS {podpipe}:records >
 */
export const createStreamStore = ({
  redis,
  stream = 'podpipe:records',
  maxLen = 10_000,
  inlineMaxBytes = DEFAULT_INLINE_MAX_BYTES,
}: StreamStoreOptions): RecordStore => {
  if (!Number.isInteger(maxLen) || maxLen < 1) {
    throw new PodpipeError('CONFIG', `stream store: maxLen must be a positive integer, got ${maxLen}`, { input: stream })
  }
  if (!Number.isInteger(inlineMaxBytes) || inlineMaxBytes < 0) {
    throw new PodpipeError('CONFIG', `stream store: inlineMaxBytes must be an integer of 0 or more, got ${inlineMaxBytes}`, { input: stream })
  }
  const keys: [string, string, string] = [stream, `${stream}:hashes`, `${stream}:latest`]
  /** The fields of the id's newest entry, while the stream still holds it. */
  const latestEntry = async (id: string): Promise<string[] | undefined> => {
    try {
      const entry = await redis.hget(keys[2], id)
      if (entry === null) return undefined
      return (await redis.xrange(stream, entry, entry))[0]?.[1]
    } catch (err) {
      throw storeError('stream', `could not read record ${id} from ${stream}`, id, err)
    }
  }

  return {
    name: 'stream',
    async put(input) {
      const record = checkRecord('stream', input)
      const hash = recordContentHash(record)
      try {
        // Skips sending the record for the common duplicate; the script compares again atomically.
        if ((await redis.hget(keys[1], record.id)) === hash) return 'unchanged'
        const json = JSON.stringify(record)
        const bytes = Buffer.byteLength(json, 'utf8')
        const [change] = await runPublishScript(redis, keys, [
          record.id, hash, String(maxLen), record.schemaVersion, String(bytes), bytes <= inlineMaxBytes ? json : '',
        ])
        return change as PutResult
      } catch (err) {
        throw storeError('stream', `could not publish record ${record.id} to ${stream}`, record.id, err)
      }
    },
    async get(id) {
      const fields = await latestEntry(id)
      // Trimmed away, or announced without the record (larger than inlineMaxBytes).
      const json = fields === undefined ? undefined : fieldValue(fields, 'record')
      if (json === undefined) return undefined
      return parseStoredRecord('stream', `entry ${keys[2]}[${id}] of ${stream}`, id, json)
    },
    async heldHash(id) {
      const fields = await latestEntry(id)
      return fields === undefined ? undefined : fieldValue(fields, 'hash')
    },
    ping: () => pingRedis('stream', redis, stream),
    async close() {
      // The client belongs to the caller.
    },
  }
}

/** A field of a stream entry, given as the flat [name, value, name, value…] list Redis returns. */
export const fieldValue = (fields: readonly string[], name: string): string | undefined => {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1]
  return undefined
}

/** The entry's fields as an object, for consumers reading with XREADGROUP. */
export const parseStreamEntry = (fields: readonly string[]): StreamEntryFields => {
  const get = (name: string) => fieldValue(fields, name)
  const change = get('change')
  const out: StreamEntryFields = {
    id: get('id') ?? '',
    hash: get('hash') ?? '',
    schemaVersion: get('schemaVersion') ?? '',
    change: change === 'updated' ? 'updated' : 'created',
  }
  const bytes = Number(get('bytes'))
  if (Number.isSafeInteger(bytes)) out.bytes = bytes
  const record = get('record')
  if (record !== undefined) out.record = record
  return out
}
