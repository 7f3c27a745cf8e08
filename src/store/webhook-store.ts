import type { Redis } from 'ioredis'
import { QUEUE, createQueue, jobId, parseJobData, DEFAULT_TUNING, type QueueTuning } from '../queue/index.js'
import { recordContentHash } from './content-hash.js'
import type { PutResult, RecordStore } from './types.js'
import { checkRecord, pingRedis, storeError } from './validate.js'

export interface WebhookStoreOptions {
  /** A client the caller owns (close() leaves it open): the delivery queue and the hash memory use it. */
  redis: Redis
  /** The deployment's BullMQ prefix; the queue is `<prefix>:webhook`. */
  prefix: string
  /** Backoff and attempts of the delivery jobs. @defaultValue DEFAULT_TUNING */
  tuning?: Pick<QueueTuning, 'backoffMs' | 'attempts' | 'eventsMaxLen'>
  /** The notice's timestamp. @defaultValue new Date() */
  now?: () => Date
}

/** The id of the delivery of one version of a record: the same content is announced once. */
export const webhookJobId = (recordId: string, hash: string): string => jobId(QUEUE.webhook, `${recordId}-${hash}`)

/**
 * The push sink: for each created or changed record it adds one delivery job to the `webhook`
 * queue (after the stores that hold records have taken it: `announces`), whose worker (workers/webhook.ts) POSTs a signed notice to PODPIPE_WEBHOOK_URL and
 * retries it with backoff. The put itself only talks to Redis, so a receiver that is down or
 * slow never delays or fails the other stores: its failures are the delivery jobs', visible in
 * the dashboard and /metrics.
 *
 * It remembers, per record id, the hash it last announced (`<prefix>:webhook-hashes`), so an
 * unchanged republish sends nothing, and says `created` for an id it never announced and
 * `updated` otherwise. The job is added before the hash is remembered, and its id is derived
 * from record id and hash, so a publish retried after a crash between the two adds nothing new.
 *
 * get() has no records to give (undefined); heldHash() answers with the hash last announced.
 *
 * @example
 * const store = createWebhookStore({ redis, prefix: 'podpipe' })
 * await store.put(record) // 'created': a delivery job `webhook-<id>-<hash>` is waiting
 */
export const createWebhookStore = ({ redis, prefix, tuning = DEFAULT_TUNING, now = () => new Date() }: WebhookStoreOptions): RecordStore => {
  const queue = createQueue(QUEUE.webhook, redis, prefix, tuning)
  const hashes = `${prefix}:webhook-hashes`
  return {
    name: 'webhook',
    announces: true,
    async put(input): Promise<PutResult> {
      const record = checkRecord('webhook', input)
      const hash = recordContentHash(record)
      try {
        const previous = await redis.hget(hashes, record.id)
        if (previous === hash) return 'unchanged'
        const change = previous === null ? 'created' : 'updated'
        const data = parseJobData(QUEUE.webhook, {
          recordId: record.id, hash, schemaVersion: record.schemaVersion, change, publishedAt: now().toISOString(),
        })
        await queue.add(QUEUE.webhook, data, { jobId: webhookJobId(record.id, hash) })
        await redis.hset(hashes, record.id, hash)
        return change
      } catch (err) {
        throw storeError('webhook', `could not queue the notice of record ${record.id}`, record.id, err)
      }
    },
    async get() {
      return undefined
    },
    async heldHash(id) {
      try {
        return (await redis.hget(hashes, id)) ?? undefined
      } catch (err) {
        throw storeError('webhook', `could not read what was announced for record ${id}`, id, err)
      }
    },
    ping: () => pingRedis('webhook', redis, prefix),
    async close() {
      await queue.close()
    },
  }
}
