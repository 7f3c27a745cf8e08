// Shell only: the polling policy is src/feeds/poll-feeds.ts, the registry's rules src/feeds/poll-outcome.ts.
// One job polls a batch of due feeds: one read and one write of the registry, one Redis read of
// the hosts that asked to wait, and Redis writes only for the feeds that changed.
import type { JobsOptions } from 'bullmq'
import { decodeText, fetchResource, parseFeed, type FetchResult } from '../src/feed/index.js'
import { leasedFeeds, pollFeeds, pollUpdate, recordPolls, type LeasedFeed, type PolledFeed, type PollFinding } from '../src/feeds/index.js'
import { QUEUE, defineStage, feedIdOf, parseJobData, pollJobId, type JobContext } from '../src/queue/index.js'
import type { Deps, FeedBlob } from '../src/stage/index.js'

/**
 * How often a feed that keeps answering 304 is read in full anyway, by the feed job: a full
 * poll also rechecks the newest transcript files, which can change behind an unchanged feed.
 */
export const RECHECK_EVERY_MS = 86_400_000

/** The dates of the items of a changed feed, for its adaptive interval; none when it does not parse (the feed job says why). */
const publishTimesOf = (deps: Deps, feed: LeasedFeed, fetched: Extract<FetchResult, { status: 'ok' }>): Date[] => {
  try {
    const parsed = parseFeed(decodeText(fetched.body, fetched.contentType), { feedUrl: feed.url, maxItems: deps.config.limits.maxItemsPerFeed })
    return parsed.episodes.flatMap((e) => (e.episode.publishedAt ? [new Date(e.episode.publishedAt)] : []))
  } catch {
    return []
  }
}

const needsRecheck = (deps: Deps, feed: LeasedFeed, now: Date): boolean =>
  deps.config.limits.recheckItems > 0 && now.getTime() - (feed.recheckedAt?.getTime() ?? 0) >= RECHECK_EVERY_MS

/**
 * Starts the feed job of each feed that changed (its body waits in the blob area, so the feed
 * is not requested again) and of each unchanged feed due for a transcript recheck (which reads
 * the feed itself). The job id is the feed and the time it was due: a retried batch adds the
 * same jobs, so nothing is polled twice for one due time.
 */
const handOff = async (deps: Deps, feeds: readonly { polled: PolledFeed<LeasedFeed>; prefetched: boolean }[], now: Date): Promise<void> => {
  if (feeds.length === 0) return
  const jobs = feeds.map(({ polled: { feed, fetched }, prefetched }) => {
    const id = pollJobId(feedIdOf(feed.url), Math.floor((feed.dueAt ?? now).getTime() / 1000) * 1000)
    const data = parseJobData(QUEUE.feeds, {
      feedId: feed.id, feedUrl: feed.url,
      ...(feed.speakers?.length ? { speakers: feed.speakers } : {}),
      ...(feed.options.force ? { force: true } : {}),
      ...(prefetched ? { prefetched: true } : {}),
    })
    const blob: FeedBlob | undefined = prefetched && fetched
      ? { body: fetched.body, ...(fetched.contentType ? { contentType: fetched.contentType } : {}) }
      : undefined
    return { id, data, blob }
  })
  await Promise.all(jobs.flatMap(({ id, blob }) => (blob ? [deps.blobs.put(id, 'feed', blob)] : [])))
  await deps.queues.feeds.addBulk(jobs.map(({ id, data }) => ({ name: QUEUE.feeds, data, opts: { jobId: id } satisfies JobsOptions })))
}

const tally = (polled: readonly PolledFeed<LeasedFeed>[]): Record<PollFinding['kind'], number> => {
  const counts = { changed: 0, 'not-modified': 0, throttled: 0, failed: 0, deferred: 0 }
  for (const p of polled) counts[p.finding.kind]++
  return counts
}

export const pollsStage = defineStage(QUEUE.polls, (deps: Deps) => async (data, ctx: JobContext) => {
  const { config } = deps
  const db = await deps.registry()
  // Only the feeds this batch still holds: after a retry or a lapsed lease, fewer or none.
  const feeds = await leasedFeeds(db, data.leaseId)
  if (feeds.length === 0) return { claimed: data.feeds, polled: 0 }
  const hosts = [...new Set(feeds.map((f) => f.host))]
  const hostWaits = await deps.feedState.hostWaits(hosts, deps.now())
  const asked = new Map(hostWaits)
  const fetchOptions = {
    timeoutMs: config.limits.fetchTimeoutMs, maxBytes: config.limits.feedMaxBytes, maxRedirects: config.limits.maxRedirects,
    allowPrivateAddresses: config.allowPrivateAddresses,
    // Registry feeds were named by the operator (podpipe feeds add or import), as on the command line.
    allowFileUrls: true,
  }
  const agent = deps.fetchAgent()
  const polled = await pollFeeds(feeds, {
    fetch: (f) => fetchResource(f.url, fetchOptions, {
      agent,
      cache: f.options.force ? {} : { ...(f.etag ? { etag: f.etag } : {}), ...(f.lastModified ? { lastModified: f.lastModified } : {}) },
    }),
    now: deps.now,
    concurrency: config.polling.concurrency,
    hostConcurrency: config.polling.hostConcurrency,
    hostWaits,
  })
  const now = deps.now()
  const handed: { polled: PolledFeed<LeasedFeed>; prefetched: boolean }[] = []
  const updates = polled.map((p) => {
    let finding = p.finding
    let handedOn = true
    if (p.fetched && finding.kind === 'changed') {
      finding = { ...finding, publishTimes: publishTimesOf(deps, p.feed, p.fetched) }
      handed.push({ polled: p, prefetched: true })
    } else if (finding.kind === 'not-modified' && needsRecheck(deps, p.feed, now)) {
      handed.push({ polled: p, prefetched: false })
    } else {
      handedOn = false
    }
    const update = pollUpdate(p.feed, finding, now, { minS: config.polling.minIntervalS, maxS: config.polling.maxIntervalS })
    // A feed job reads the whole feed, which rechecks its newest transcripts.
    return handedOn ? { ...update, recheckedAt: now } : update
  })
  // Handed on before the registry learns the new validators: a crash in between polls the feed
  // again, finds it changed again, and re-adds the same feed job (a no-op), never losing it.
  await handOff(deps, handed, now)
  const written = await recordPolls(db, data.leaseId, updates)
  const newWaits = new Map([...hostWaits].filter(([host, until]) => asked.get(host)?.getTime() !== until.getTime()))
  await deps.feedState.saveHostWaits(newWaits)
  const counts = tally(polled)
  if (counts.throttled + counts.failed > 0) ctx.log.info({ ...counts, hostsWaiting: newWaits.size }, 'poll batch had failures')
  return { claimed: data.feeds, polled: polled.length - counts.deferred, written, handedOn: handed.length, ...counts }
})
