/**
 * When a feed is polled next: pure functions of what the registry remembers (publish times,
 * errors, a host's Retry-After) and the time given, so every scheduler and worker computes the
 * same answer and the tests need no clock.
 */
import { createHash } from 'node:crypto'
import { CronExpressionParser } from 'cron-parser'

/** How often a feed may be polled, in seconds. */
export interface IntervalBounds {
  minS: number
  maxS: number
}

/**
 * Polls per typical gap between episodes: a feed that publishes weekly is polled every
 * 1¾ days at most, so a new episode waits on average an eighth of the gap to be seen.
 */
export const POLLS_PER_GAP = 4

/** The longest error backoff: a feed that keeps failing (gone, 404) is still tried weekly. */
export const MAX_ERROR_BACKOFF_S = 7 * 86_400

/** Publish times kept per feed: enough for a median that one odd episode does not move. */
export const KEPT_PUBLISH_TIMES = 10

const clamp = (v: number, { minS, maxS }: IntervalBounds): number => Math.round(Math.min(maxS, Math.max(minS, v)))

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/**
 * The interval a feed is polled at, from the dates of its newest items: the median gap between
 * them, or the time since the newest when the feed has gone quiet for longer, divided by
 * POLLS_PER_GAP and held within the bounds. Fewer than two dates say nothing: the maximum.
 *
 * @example
 * adaptiveIntervalS([daily dates…], now, { minS: 900, maxS: 86400 }) // 21600
 */
export const adaptiveIntervalS = (publishTimes: readonly Date[], now: Date, bounds: IntervalBounds): number => {
  const times = publishTimes.map((d) => d.getTime()).filter((t) => Number.isFinite(t) && t <= now.getTime()).sort((a, b) => b - a)
  if (times.length < 2) return bounds.maxS
  const gaps = times.slice(1).map((t, i) => (times[i]! - t) / 1000)
  const quiet = (now.getTime() - times[0]!) / 1000
  return clamp(Math.max(median(gaps), quiet) / POLLS_PER_GAP, bounds)
}

/** The newest KEPT_PUBLISH_TIMES of the remembered and the new dates, without repeats, newest first. */
export const mergePublishTimes = (kept: readonly Date[], seen: readonly Date[]): Date[] =>
  [...new Set([...kept, ...seen].map((d) => d.getTime()).filter(Number.isFinite))]
    .sort((a, b) => b - a).slice(0, KEPT_PUBLISH_TIMES).map((t) => new Date(t))

/**
 * Seconds to wait after the `errors`-th failure in a row: the feed's interval doubled per
 * failure, up to MAX_ERROR_BACKOFF_S (never below the interval itself).
 */
export const errorBackoffS = (errors: number, intervalS: number): number =>
  Math.max(intervalS, Math.min(MAX_ERROR_BACKOFF_S, intervalS * 2 ** Math.min(Math.max(errors, 1), 20)))

/** The longest Retry-After honoured: a host asking for more is asked again in a day. */
export const MAX_RETRY_AFTER_S = 86_400

/**
 * Seconds a `Retry-After` header asks for (RFC 9110: delay-seconds or an HTTP-date), from `now`,
 * at most MAX_RETRY_AFTER_S; undefined for a missing or unreadable value.
 *
 * @example
 * retryAfterS('120', now) // 120
 * retryAfterS('Wed, 21 Oct 2026 07:28:00 GMT', now) // seconds until then, 0 when past
 */
export const retryAfterS = (header: string | undefined, now: Date): number | undefined => {
  const value = header?.trim()
  if (!value) return undefined
  // An HTTP-date names a weekday and a month; Date.parse alone would read '-5' as a year.
  const seconds = /^\d+$/.test(value) ? Number(value) : /[a-z]{3}/i.test(value) ? (Date.parse(value) - now.getTime()) / 1000 : Number.NaN
  if (!Number.isFinite(seconds)) return undefined
  return Math.min(MAX_RETRY_AFTER_S, Math.max(0, Math.ceil(seconds)))
}

/** A number in [0, 1) fixed by the feed id: the feed's place within any period. */
export const phaseOf = (feedId: string): number =>
  createHash('sha256').update(feedId).digest().readUInt32BE(0) / 2 ** 32

/**
 * The next poll time of a feed polled at `from`, every `intervalS`: on a grid of that period
 * offset by the feed's phase, so feeds sharing an interval fall evenly over it instead of all at
 * the top of the minute, and any scheduler computes the same time. At least half an interval
 * after `from`, so a late poll is not followed at once by the next.
 */
export const nextPollAt = (feedId: string, from: Date, intervalS: number): Date => {
  const period = intervalS * 1000
  const offset = Math.floor(phaseOf(feedId) * period)
  let next = offset + Math.ceil((from.getTime() - offset + 1) / period) * period
  if (next - from.getTime() < period / 2) next += period
  return new Date(next)
}

/**
 * A wait that must last at least `waitS` (a backoff, a Retry-After): spread by the feed's phase
 * over a tenth of the wait (at most a minute more), so the feeds of a host that asked everyone to
 * come back at one time do not all come back in the same second.
 */
export const afterWait = (feedId: string, from: Date, waitS: number): Date =>
  new Date(from.getTime() + waitS * 1000 + Math.floor(phaseOf(feedId) * Math.min(60_000, waitS * 100)))

/**
 * The fixed interval a feeds file's cron expression stands for: the gap between its next two
 * firings after `from`. `*\/15 * * * *` is 900.
 */
export const cronIntervalS = (expression: string, from: Date = new Date(0)): number => {
  const it = CronExpressionParser.parse(expression, { currentDate: from })
  const a = it.next().getTime()
  const b = it.next().getTime()
  return Math.max(1, Math.round((b - a) / 1000))
}
