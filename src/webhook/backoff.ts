import type { BackoffStrategy } from 'bullmq'

/** The longest Retry-After honoured; a longer one waits this long, so a typo cannot park deliveries for days. */
export const MAX_RETRY_AFTER_MS = 3_600_000

const retryAfterOf = (err: unknown): number | undefined => {
  // The worker wraps the delivery error (src/queue/create-worker.ts toJobError): look through causes.
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const value = (e as { retryAfterMs?: unknown }).retryAfterMs
    if (typeof value === 'number' && Number.isFinite(value)) return value
  }
  return undefined
}

/**
 * The webhook queue's backoff (type WEBHOOK_BACKOFF): BullMQ's exponential with jitter from the
 * job's `backoff.delay`, lengthened to the receiver's Retry-After (429, 503) when that asks for
 * longer, up to MAX_RETRY_AFTER_MS. A Retry-After shorter than the backoff is not waited less
 * for: the schedule only ever slows down for a busy receiver.
 *
 * @example new Worker('webhook', processor, { settings: { backoffStrategy: webhookBackoff } })
 */
export const webhookBackoff: BackoffStrategy = (attemptsMade, _type, err, job) => {
  const { delay = 2_000, jitter = 0 } = (job?.opts.backoff ?? {}) as { delay?: number; jitter?: number }
  const max = 2 ** Math.max(0, attemptsMade - 1) * delay
  const exponential = jitter > 0 ? Math.floor(max * (1 - jitter) + Math.random() * max * jitter) : max
  const retryAfter = retryAfterOf(err)
  return retryAfter === undefined ? exponential : Math.max(exponential, Math.min(retryAfter, MAX_RETRY_AFTER_MS))
}
