/**
 * Polls one batch of feeds: conditional GETs, at most `hostConcurrency` at once per host and
 * `concurrency` in all, and a host that answers 429 or 503 with Retry-After is not asked again
 * before then: its other feeds in the batch are deferred unrequested. The request itself is
 * injected (fetchResource on kept-alive connections in the worker), so the policy is tested alone.
 */
import { HttpStatusError, type FetchResult } from '../feed/index.js'
import type { PollFinding } from './poll-outcome.js'
import { retryAfterS } from './schedule.js'

export interface PollTarget {
  id: string
  url: string
  host: string
}

export interface PolledFeed<F extends PollTarget> {
  feed: F
  finding: PollFinding
  /** The body of a 200, for the feed job. */
  fetched?: Extract<FetchResult, { status: 'ok' }>
}

export interface PollFeedsOptions<F extends PollTarget> {
  fetch: (feed: F) => Promise<FetchResult>
  now: () => Date
  /** Requests in flight at once, all hosts together. */
  concurrency: number
  /** Requests in flight at once to one host. */
  hostConcurrency: number
  /**
   * Hosts that asked to be left alone until a time (Retry-After). Read before each request and
   * extended by each 429 or 503 that says how long: the caller shares it across batches.
   */
  hostWaits: Map<string, Date>
}

const THROTTLING = new Set([429, 503])

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 500)

/** A permit pool: at most `size` holders at once, the rest wait in order. */
const semaphore = (size: number) => {
  let free = size
  const waiting: (() => void)[] = []
  return {
    acquire: (): Promise<void> => (free > 0 ? (free--, Promise.resolve()) : new Promise((resolve) => waiting.push(resolve))),
    release: (): void => {
      const next = waiting.shift()
      if (next) next()
      else free++
    },
  }
}

/**
 * Polls every feed of a batch and says what each found, in no particular order. Never throws
 * for one feed: a failure is that feed's finding.
 *
 * @example
 * const polled = await pollFeeds(feeds, { fetch, now: () => new Date(), concurrency: 64, hostConcurrency: 4, hostWaits: new Map() })
 */
export const pollFeeds = async <F extends PollTarget>(feeds: readonly F[], options: PollFeedsOptions<F>): Promise<PolledFeed<F>[]> => {
  const { fetch, now, hostWaits } = options
  const slots = semaphore(Math.max(1, options.concurrency))
  const byHost = new Map<string, F[]>()
  for (const f of feeds) byHost.set(f.host, [...(byHost.get(f.host) ?? []), f])
  const results: PolledFeed<F>[] = []

  const pollOne = async (feed: F): Promise<PolledFeed<F>> => {
    const wait = hostWaits.get(feed.host)
    if (wait && wait.getTime() > now().getTime()) return { feed, finding: { kind: 'deferred', until: wait } }
    try {
      const fetched = await fetch(feed)
      if (fetched.status === 'not-modified') return { feed, finding: { kind: 'not-modified' } }
      return { feed, fetched, finding: { kind: 'changed', etag: fetched.etag, lastModified: fetched.lastModified, publishTimes: [] } }
    } catch (err) {
      const asked = err instanceof HttpStatusError && THROTTLING.has(err.status) ? retryAfterS(err.retryAfter, now()) : undefined
      if (asked === undefined) return { feed, finding: { kind: 'failed', error: errorText(err) } }
      const until = new Date(now().getTime() + asked * 1000)
      if ((hostWaits.get(feed.host)?.getTime() ?? 0) < until.getTime()) hostWaits.set(feed.host, until)
      return { feed, finding: { kind: 'throttled', waitS: asked, error: `${errorText(err)}, Retry-After ${asked} s` } }
    }
  }

  const lane = async (queue: F[]): Promise<void> => {
    for (let feed = queue.shift(); feed !== undefined; feed = queue.shift()) {
      await slots.acquire()
      try {
        results.push(await pollOne(feed))
      } finally {
        slots.release()
      }
    }
  }

  await Promise.all([...byHost.values()].flatMap((queue) =>
    Array.from({ length: Math.min(options.hostConcurrency, queue.length) }, () => lane(queue))))
  return results
}
