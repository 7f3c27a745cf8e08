// Shell only: fetch and parse live in src/feed; this decides what is new and starts one chain per episode.
import { canonicalSha256 } from '../src/store/index.js'
import { decodeText, fetchResource, parseFeed, selectTranscript, type FeedEpisode } from '../src/feed/index.js'
import { QUEUE, chainIdOf, defineStage, pollChainIdOf, retryMark, type JobContext, type JobData, type PollReport } from '../src/queue/index.js'
import { recordId } from '../src/record/index.js'
import { bodySource, handOff, type Deps, isLocalSource, type EpisodeBlob, type FeedBlob, readChainState, checkStores } from '../src/stage/index.js'

/** One feed item as this poll sees it; also what the recheck list remembers for a 304 poll. */
interface Version {
  ep: FeedEpisode
  episodeId: string
  hash: string
}

interface Chain extends Version {
  chainId: string
  recheck: boolean
}

const newestFirst = (a: Version, b: Version): number =>
  (b.ep.episode.publishedAt ?? '').localeCompare(a.ep.episode.publishedAt ?? '')

/**
 * The known, unchanged items whose `podcast:transcript` file is fetched again, newest first and
 * at most `max`: the bound on conditional GETs one poll sends. Post bodies need no recheck (they
 * are in the feed, so the item hash covers them).
 */
const recheckCandidates = (unchanged: readonly Version[], max: number): Version[] =>
  unchanged.filter((v) => selectTranscript(v.ep) !== null).sort(newestFirst).slice(0, max)

/**
 * Only items whose transcript file was processed before (published, or refused as malformed):
 * with nothing to compare against, the first chain is still in flight or could not fetch the
 * file, and a recheck would only duplicate it.
 */
const withRememberedTranscript = async (deps: Deps, feedId: string, items: readonly Version[]): Promise<Version[]> => {
  const links = items.map((v) => selectTranscript(v.ep)?.url ?? '')
  const memos = await deps.feedState.transcripts(feedId, items.map((v) => v.ep.key), links)
  return items.filter((_, i) => memos[i]?.sha256 !== undefined)
}

/** What a poll with `verify` learned of the episodes it remembered as done. */
interface Verified {
  /** The stores hold their current record. */
  current: Version[]
  /** Their chain is still running or failed for good: the poll reports them, it does not start them again. */
  carried: Chain[]
  /** No chain is running and the stores lack the record: started again. */
  repairs: Chain[]
  unverified: PollReport['unverified']
}

/**
 * Checks each episode the feed state remembers as done. One whose chain is still running is
 * carried into this poll's report as it is; otherwise the stores are read: the current record
 * in each means done, a failed chain is carried with its failure, and anything else (a crash
 * between stages and stores, a deleted data dir) is started again.
 */
const verifyKnown = async (deps: Deps, items: readonly Version[], pollJobId: string): Promise<Verified> => {
  const out: Verified = { current: [], carried: [], repairs: [], unverified: [] }
  if (items.length === 0) return out
  // Opened once: a database that is down fails every check the same way.
  const stores = await deps.stores().then((s) => ({ s }), (err: unknown) => ({ err }))
  for (const v of items) {
    const chainId = chainIdOf(v.episodeId, v.hash)
    const { state } = await readChainState(deps.queues, chainId)
    if (state === 'pending') {
      out.carried.push({ ...v, chainId, recheck: false })
      continue
    }
    let check
    try {
      if ('err' in stores) throw stores.err
      check = await checkStores(stores.s, v.ep, v.episodeId)
    } catch (err) {
      if (state === 'failed') out.carried.push({ ...v, chainId, recheck: false })
      else out.unverified.push({ episodeId: v.episodeId, reason: `could not check the stores: ${err instanceof Error ? err.message : String(err)}` })
      continue
    }
    if (check.current) out.current.push(v)
    else if (state === 'failed') out.carried.push({ ...v, chainId, recheck: false })
    else {
      deps.log.warn({ episodeId: v.episodeId, problem: check.problem }, 'an episode remembered as published is not in the stores; processing it again')
      out.repairs.push({ ...v, chainId: pollChainIdOf(v.episodeId, v.hash, pollJobId), recheck: false })
    }
  }
  return out
}

/** A verifying poll checks the episodes remembered as done; a scheduled one takes the memory's word. */
const checkDone = (deps: Deps, data: JobData['feeds'], items: readonly Version[], pollJobId: string): Promise<Verified> =>
  data.verify ? verifyKnown(deps, items, pollJobId) : Promise.resolve({ current: [...items], carried: [], repairs: [], unverified: [] })

/**
 * Writes each chain's data and queues its first job: the transcripts job for an episode whose
 * `podcast:transcript` file must be fetched; for one whose document is its post body (or which
 * has none), the analyze job itself, since nothing is left to fetch.
 */
const startChains = async (deps: Deps, data: JobData['feeds'], chains: readonly Chain[]): Promise<void> => {
  const speakers = data.speakers ?? []
  for (const { ep, episodeId, hash, chainId, recheck } of chains) {
    const job = { chainId, episodeId, feedId: data.feedId, feedUrl: data.feedUrl, item: { key: ep.key, hash }, ...(recheck ? { recheck: true as const } : {}) }
    const link = selectTranscript(ep)
    if (link === null) {
      await deps.blobs.put(chainId, 'source', bodySource(ep, ep.body, speakers, episodeId, deps.config.limits.transcriptMaxBytes))
      await handOff(deps, QUEUE.analyze, job, chainId)
      continue
    }
    // Without the body: a chain that fetches its transcript never reads it.
    const blob: EpisodeBlob = { feedEpisode: { ...ep, body: null }, link, speakers, allowFileUrls: isLocalSource(data.feedUrl) }
    await deps.blobs.put(chainId, 'episode', blob)
    await handOff(deps, QUEUE.transcripts, job, chainId)
  }
}

/**
 * The items a recheck may look at: not those started again anyway, nor those whose record could
 * not be checked. A failed chain is rechecked too, so a malformed file the publisher replaces is
 * processed again.
 */
const recheckable = (items: readonly Version[], known: Verified): Version[] => {
  const skip = new Set([...known.repairs.map((c) => c.episodeId), ...known.unverified.map((u) => u.episodeId)])
  return items.filter((v) => !skip.has(v.episodeId))
}

/**
 * What ingestOnce reports beyond the chains a verifying poll started, kept beside the poll
 * (lists stay out of the job's return value, which is a small summary); the counts go in it.
 */
const report = async (deps: Deps, data: JobData['feeds'], ctx: JobContext, known: Verified, rechecks: readonly Chain[], warnings: readonly string[] = []) => {
  if (!data.verify) return {}
  await deps.feedState.savePollReport(ctx.jobId, {
    verified: known.current.map((v) => v.episodeId),
    unverified: known.unverified,
    // At most one per item read and one for the items left out: bounded by PODPIPE_MAX_ITEMS_PER_FEED.
    warnings: [...warnings],
    rechecks: rechecks.map((c) => c.chainId),
  })
  return { verified: known.current.length, unverified: known.unverified.length, carried: known.carried.length, repaired: known.repairs.length }
}

export const feedsStage = defineStage(QUEUE.feeds, (deps: Deps) => async (data, ctx) => {
  const { limits, allowPrivateAddresses } = deps.config
  const asRechecks = (items: readonly Version[]): Chain[] =>
    items.map((v) => ({ ...v, chainId: pollChainIdOf(v.episodeId, v.hash, ctx.jobId), recheck: true }))
  // A poll batch fetched it already; its blob is gone only when the job waited past the blob TTL.
  const prefetched = data.prefetched ? await deps.blobs.get<FeedBlob>(ctx.jobId, 'feed') : undefined
  // The registry keeps the validators of the feeds it schedules; only other polls use the memo.
  const cache = data.force || data.prefetched ? {} : await deps.feedState.httpCache(data.feedId)
  const fetched = prefetched
    ? { status: 'ok' as const, url: data.feedUrl, body: Buffer.from(prefetched.body), ...(prefetched.contentType ? { contentType: prefetched.contentType } : {}) }
    : await fetchResource(
      data.feedUrl,
      { timeoutMs: limits.fetchTimeoutMs, maxBytes: limits.feedMaxBytes, maxRedirects: limits.maxRedirects, allowPrivateAddresses, allowFileUrls: true },
      { cache },
    )
  if (fetched.status === 'not-modified') {
    const remembered = limits.recheckItems > 0 ? await deps.feedState.recheckList<Version>(data.feedId) : []
    const listed = remembered.slice(0, limits.recheckItems)
    const known = await checkDone(deps, data, listed, ctx.jobId)
    const rechecks = asRechecks(await withRememberedTranscript(deps, data.feedId, recheckable(listed, known)))
    const chains = [...rechecks, ...known.repairs]
    await deps.feedState.recordPoll(ctx.jobId, [...chains, ...known.carried].map((c) => c.chainId))
    await startChains(deps, data, chains)
    return {
      found: 0, enqueued: 0, rechecked: rechecks.length, unchanged: 0, notModified: true,
      ...(await report(deps, data, ctx, known, rechecks)),
    }
  }

  const feed = parseFeed(decodeText(fetched.body, fetched.contentType), {
    feedUrl: data.feedUrl, maxItems: limits.maxItemsPerFeed, maxItemsSetting: `PODPIPE_MAX_ITEMS_PER_FEED=${limits.maxItemsPerFeed}`,
  })
  for (const warning of feed.warnings) ctx.log.warn({ feedUrl: data.feedUrl, code: warning.code }, warning.message)
  // Identity and change detection use what the feed says about the item: a new body or a new
  // transcript link starts a new chain; a changed file behind the same link is found by a recheck.
  const versions: Version[] = feed.episodes.map((ep) => ({
    ep,
    episodeId: recordId(ep.episode.feedUrl, ep.episode.guid),
    hash: canonicalSha256({ episode: ep.episode, transcripts: ep.transcripts, body: ep.body, people: ep.people }),
  }))
  const seen = data.force ? [] : await deps.feedState.seen(data.feedId, versions.map((v) => v.ep.key))
  // A forced poll and a retry of a failed version get chains of their own: the usual id may
  // still name a retained completed or failed job, and re-adding that is a no-op.
  const fresh: Chain[] = versions.flatMap((v, i) => seen[i] === v.hash ? [] : [{
    ...v,
    chainId: data.force || seen[i] === retryMark(v.hash) ? pollChainIdOf(v.episodeId, v.hash, ctx.jobId) : chainIdOf(v.episodeId, v.hash),
    recheck: false,
  }])
  const done = versions.filter((v, i) => seen[i] === v.hash)
  const known = await checkDone(deps, data, done, ctx.jobId)
  const candidates = recheckCandidates(recheckable(done, known), limits.recheckItems)
  const rechecks = asRechecks(await withRememberedTranscript(deps, data.feedId, candidates))
  const started = [...fresh, ...known.repairs, ...rechecks]

  // Recorded before anything is handed on: a poll re-run after a crash finds these episodes
  // seen and starts nothing, yet ingestOnce must still wait for them.
  await deps.feedState.recordPoll(ctx.jobId, [...started, ...known.carried].map((c) => c.chainId))
  await startChains(deps, data, started)
  // Remembered only after every chain is queued: a crash before this line re-queues, and the
  // deterministic job ids turn that into a no-op rather than a duplicate.
  await deps.feedState.markSeen(data.feedId, fresh.map((v) => [v.ep.key, v.hash] as const))
  if (limits.recheckItems > 0) {
    const remember = recheckCandidates(versions, limits.recheckItems).map((v) => ({ ...v, ep: { ...v.ep, body: null } }))
    await deps.feedState.saveRecheckList(data.feedId, remember)
  }
  if (data.prefetched) await deps.blobs.delete(ctx.jobId, 'feed')
  else await deps.feedState.saveHttpCache(data.feedId, { etag: fetched.etag, lastModified: fetched.lastModified })
  ctx.log.info({ found: versions.length, enqueued: fresh.length, repaired: known.repairs.length, rechecked: rechecks.length, warnings: feed.warnings.length }, 'feed polled')
  return {
    found: versions.length, enqueued: fresh.length, rechecked: rechecks.length, unchanged: versions.length - fresh.length, notModified: false,
    ...(await report(deps, data, ctx, known, rechecks, feed.warnings.map((w) => w.message))),
    ...(feed.skippedItems ? { skippedItems: feed.skippedItems } : {}),
  }
})
