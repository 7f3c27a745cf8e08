import type { JobsOptions } from 'bullmq'
import { QUEUE, type QueueName } from './names.js'
import type { QueueTuning } from './tuning.js'

const DAY_SECONDS = 86_400

/**
 * Attempts per stage, by what usually fails there: the network (feeds, transcripts) and the
 * store (publish) recover; the CPU stage only retries blob-area hiccups.
 */
const ATTEMPTS: Record<QueueName, number> = {
  // A retried batch polls only the feeds whose results it has not written (its lease holds them).
  [QUEUE.polls]: 3,
  [QUEUE.feeds]: 3,
  [QUEUE.transcripts]: 5,
  [QUEUE.analyze]: 3,
  [QUEUE.publish]: 8,
  // A receiver may be down for hours: 2 s doubling to about 9 h, about 18 h in all (less with jitter).
  [QUEUE.webhook]: 16,
}

/**
 * The backoff type of webhook deliveries: exponential like the others, but a receiver's
 * Retry-After can lengthen a wait, so the worker computes it (src/webhook/backoff.ts).
 */
export const WEBHOOK_BACKOFF = 'webhook-retry-after'

/**
 * Default job options of one queue (queue.md §7 items 8 and 10). Retention is bounded so Redis
 * does not grow forever; failed jobs stay 14 days so an operator can read why and retry them.
 * Completed poll jobs must outlive one cron slot, or a late scheduler could add the slot again:
 * a day is far longer than any clock skew.
 */
export const defaultJobOptions = (queue: QueueName, tuning: Pick<QueueTuning, 'backoffMs' | 'attempts'>): JobsOptions => ({
  attempts: Math.max(3, tuning.attempts ?? ATTEMPTS[queue]),
  // Jitter spreads the retries of many episodes that failed together (one store outage).
  backoff: { type: queue === QUEUE.webhook ? WEBHOOK_BACKOFF : 'exponential', delay: tuning.backoffMs, jitter: 0.5 },
  removeOnComplete: { age: DAY_SECONDS, count: 1_000 },
  removeOnFail: { age: 14 * DAY_SECONDS },
})
