import { createHash } from 'node:crypto'
import { z } from 'zod'
import { PodpipeError } from '../errors/index.js'
import { QUEUE, type QueueName } from './names.js'

/** Job data and return values stay small: they are copied into the job hash and the events stream. */
export const MAX_PAYLOAD_BYTES = 16 * 1024

const id = z.string().min(1).max(200).regex(/^[^:]+$/, 'must not contain ":"')

/** A feed entry as feeds.json declares it; the poll job carries it so a worker needs no feeds file. */
export const FeedJob = z.object({
  feedId: id,
  feedUrl: z.string().min(1).max(4096),
  speakers: z.array(z.string().min(1).max(200)).max(50).optional(),
  /** Ignore the remembered ETag and episode hashes: re-ingest every episode. */
  force: z.boolean().optional(),
  /**
   * Check that the stores hold the current record of every episode remembered as done, and
   * restart the ones they do not (`podpipe ingest`); a scheduled poll trusts its memory.
   */
  verify: z.boolean().optional(),
  /**
   * A poll batch already fetched the feed (a 200): its body waits in the blob area under this
   * job's id (`feed`), so the feed is not requested twice. When the blob is gone (its TTL ran
   * out), the job fetches the feed itself.
   */
  prefetched: z.literal(true).optional(),
})

/** Due feeds claimed from the registry under one lease: the worker reads them by the lease id. */
export const PollBatchJob = z.object({
  leaseId: id,
  /** How many were claimed, for the dashboard. */
  feeds: z.number().int().min(1).max(10_000),
})

/**
 * Every later stage names only its episode chain: the intermediate data (paragraphs, turns,
 * extraction) sits in the blob area under the chain id, never in job data (queue.md §7 item 9).
 */
export const EpisodeJob = z.object({
  /** record id + content hash: one chain per version of an episode */
  chainId: id,
  episodeId: id,
  feedId: id,
  feedUrl: z.string().min(1).max(4096),
  /**
   * Set on a chain that re-fetches the transcript of an episode already published: the chain
   * ends at the transcript stage when the file is unchanged (304 or the same sha256).
   */
  recheck: z.literal(true).optional(),
  /**
   * The feed item and the hash the poll saw, set on every chain a poll starts: when the chain
   * fails for a reason a retry can fix, the item is marked so the next poll starts it again.
   */
  item: z.object({ key: z.string().min(1).max(4096), hash: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
})

/**
 * One webhook delivery: what the receiver is told about a published record. The job id is
 * `webhook-<recordId>-<hash>`, so publishing the same content twice sends one notice.
 */
export const WebhookJob = z.object({
  recordId: id,
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  schemaVersion: z.string().min(1).max(50),
  change: z.enum(['created', 'updated']),
  /** When the store took the record (ISO 8601): the notice's timestamp, the same on every attempt. */
  publishedAt: z.iso.datetime(),
})

export const JOB_SCHEMAS = {
  [QUEUE.polls]: PollBatchJob,
  [QUEUE.feeds]: FeedJob,
  [QUEUE.transcripts]: EpisodeJob,
  [QUEUE.analyze]: EpisodeJob,
  [QUEUE.publish]: EpisodeJob,
  [QUEUE.webhook]: WebhookJob,
} as const satisfies Record<QueueName, z.ZodType>

/** The payload of each queue (IM `JobOf<T>`). */
export type JobData = { [Q in QueueName]: z.infer<(typeof JOB_SCHEMAS)[Q]> }

const byteSize = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')

/**
 * Validates a payload on its way in or out of a queue. Bad or oversized data is a permanent
 * error: retrying the same job can never fix it.
 */
export const parseJobData = <Q extends QueueName>(queue: Q, data: unknown): JobData[Q] => {
  const size = byteSize(data)
  if (size > MAX_PAYLOAD_BYTES) {
    throw new PodpipeError('TOO_LARGE', `job data for queue "${queue}" is ${size} bytes; the limit is ${MAX_PAYLOAD_BYTES}. Put large data in the blob area and pass its key`, { input: queue })
  }
  const parsed = JOB_SCHEMAS[queue].safeParse(data)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
    throw new PodpipeError('MALFORMED', `invalid job data for queue "${queue}": ${issues}`, { input: queue })
  }
  return parsed.data as JobData[Q]
}

/**
 * A deterministic BullMQ job id, so a re-run or a second producer dedupes instead of adding work.
 * BullMQ rejects ':' in custom ids and all-digit ones (its own counters); the '-' joining stage
 * and key means the id is never all digits.
 *
 * @example jobId('analyze', 'ep-0a1b-3f2e') // 'analyze-ep-0a1b-3f2e'
 */
export const jobId = (stage: string, key: string): string => {
  if (!stage || !key) throw new PodpipeError('MALFORMED', `job id needs a stage and a key (got "${stage}", "${key}")`)
  const value = `${stage}-${key}`
  if (value.includes(':')) throw new PodpipeError('MALFORMED', `job id "${value}" contains ":", which BullMQ rejects`)
  return value
}

/** A stable, ':'-free id for a feed URL: the same feed has the same id on every machine. */
export const feedIdOf = (feedUrl: string): string =>
  'feed-' + createHash('sha256').update(feedUrl.trim()).digest('hex').slice(0, 16)

/** The poll job id for one cron slot (or one batch's poll time): several schedulers firing the same slot add one job. */
export const pollJobId = (feedId: string, slotEpochMs: number): string => jobId('poll', `${feedId}-${slotEpochMs}`)

/** One chain per version of an episode: a changed body or transcript link starts a new chain. */
export const chainIdOf = (episodeId: string, contentHash: string): string => `${episodeId}-${contentHash.slice(0, 16)}`

/** The episode id a chain id was made from by `chainIdOf`. */
export const episodeIdOfChain = (chainId: string): string => chainId.replace(/-[0-9a-f]{16}$/, '')

/**
 * A chain that belongs to one poll job: a transcript recheck, or a forced re-ingest. A new poll
 * gets new chains (a retained completed or failed job with the episode's usual chain id would
 * turn the re-add into a no-op), while two schedulers firing one slot still add one chain.
 */
export const pollChainIdOf = (episodeId: string, contentHash: string, pollJobId: string): string =>
  chainIdOf(episodeId, createHash('sha256').update(`${contentHash}\n${pollJobId}`).digest('hex'))

/** The job of one poll batch: named by its lease, so re-adding it after a Redis error adds nothing. */
export const pollBatchJobId = (leaseId: string): string => jobId('polls', leaseId)
