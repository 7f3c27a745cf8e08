/**
 * What one poll of one feed changes in the registry: a pure function of the feed as the registry
 * holds it, what the request found, the time and the configured bounds.
 */
import { adaptiveIntervalS, afterWait, errorBackoffS, mergePublishTimes, nextPollAt, type IntervalBounds } from './schedule.js'

/** The part of a registry row the next poll time depends on. */
export interface FeedTiming {
  id: string
  /** Per-feed bounds (a feeds file's cron pins both); null takes the configured one. */
  minIntervalS: number | null
  maxIntervalS: number | null
  publishTimes: Date[]
  consecutiveErrors: number
}

/** What polling one feed found. */
export type PollFinding =
  /** 200: the feed changed; its items' dates feed the adaptive interval. */
  | { kind: 'changed'; etag?: string | undefined; lastModified?: string | undefined; publishTimes: Date[] }
  | { kind: 'not-modified' }
  /** 429 or 503 with a usable Retry-After: the host asked us to wait; not the feed's fault. */
  | { kind: 'throttled'; waitS: number; error: string }
  | { kind: 'failed'; error: string }
  /** Not requested: its host asked every client to wait (Retry-After) until `until`. */
  | { kind: 'deferred'; until: Date }

export type PollStatus = 'changed' | 'not-modified' | 'throttled' | 'failed'

/** One row of a batch's write-back (registry.recordPolls). */
export interface PollUpdate {
  id: string
  nextPollAt: Date
  intervalS: number
  consecutiveErrors: number
  /** undefined: not requested (deferred), the row keeps its last poll. */
  polledAt?: Date
  status?: PollStatus
  error?: string
  /** Replace the validators (only after a 200, with whatever it sent). */
  validators?: { etag: string | null; lastModified: string | null }
  publishTimes?: Date[]
  /** Set when the feed was handed to a full poll, which rechecks its newest transcripts. */
  recheckedAt?: Date
}

export const boundsOf = (feed: Pick<FeedTiming, 'minIntervalS' | 'maxIntervalS'>, configured: IntervalBounds): IntervalBounds => {
  const minS = feed.minIntervalS ?? configured.minS
  return { minS, maxS: Math.max(minS, feed.maxIntervalS ?? configured.maxS) }
}

/**
 * The registry update after polling `feed` at `now`. A 200 or 304 resets the error count and
 * schedules the next poll on the feed's grid at its adapted interval; a failure backs off from
 * it, doubling per failure in a row; a host's Retry-After is honoured as asked, without counting
 * against the feed.
 *
 * @example
 * pollUpdate(feed, { kind: 'not-modified' }, now, { minS: 900, maxS: 86400 }).nextPollAt
 */
export const pollUpdate = (feed: FeedTiming, finding: PollFinding, now: Date, configured: IntervalBounds): PollUpdate => {
  const bounds = boundsOf(feed, configured)
  const base = { id: feed.id }
  switch (finding.kind) {
    case 'changed': {
      const publishTimes = mergePublishTimes(feed.publishTimes, finding.publishTimes)
      const intervalS = adaptiveIntervalS(publishTimes, now, bounds)
      return {
        ...base, intervalS, nextPollAt: nextPollAt(feed.id, now, intervalS), consecutiveErrors: 0, polledAt: now, status: 'changed',
        validators: { etag: finding.etag ?? null, lastModified: finding.lastModified ?? null }, publishTimes,
      }
    }
    case 'not-modified': {
      const intervalS = adaptiveIntervalS(feed.publishTimes, now, bounds)
      return { ...base, intervalS, nextPollAt: nextPollAt(feed.id, now, intervalS), consecutiveErrors: 0, polledAt: now, status: 'not-modified' }
    }
    case 'throttled': {
      const intervalS = adaptiveIntervalS(feed.publishTimes, now, bounds)
      return {
        ...base, intervalS, nextPollAt: afterWait(feed.id, now, finding.waitS), consecutiveErrors: feed.consecutiveErrors,
        polledAt: now, status: 'throttled', error: finding.error,
      }
    }
    case 'failed': {
      const intervalS = adaptiveIntervalS(feed.publishTimes, now, bounds)
      const errors = feed.consecutiveErrors + 1
      return {
        ...base, intervalS, nextPollAt: afterWait(feed.id, now, errorBackoffS(errors, intervalS)), consecutiveErrors: errors,
        polledAt: now, status: 'failed', error: finding.error,
      }
    }
    case 'deferred': {
      const intervalS = adaptiveIntervalS(feed.publishTimes, now, bounds)
      const waitS = Math.max(0, (finding.until.getTime() - now.getTime()) / 1000)
      return { ...base, intervalS, nextPollAt: afterWait(feed.id, now, waitS), consecutiveErrors: feed.consecutiveErrors }
    }
  }
}
