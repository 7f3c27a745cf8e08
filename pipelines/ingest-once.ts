/**
 * `podpipe ingest FEED`: one poll now, then a report of what happened to every episode. The
 * report is built from what can be checked (job states, and the stores for episodes the feed
 * state remembers as done), never from memory alone, and it is honest when it stops waiting.
 */
import { setTimeout as delay } from 'node:timers/promises'
import type { Queue } from 'bullmq'
import { createLogger, type Config } from '../src/config/index.js'
import { PodpipeError } from '../src/errors/index.js'
import {
  QUEUE, QUEUE_ORDER, connectCheckedRedis, createBlobArea, createFeedState, createQueues, closeQueues, episodeIdOfChain, feedIdOf, jobId,
  parseJobData, withTuning, type BlobArea, type PollReport, type QueueName,
} from '../src/queue/index.js'
import { chainsToRead, isUnfinished, readChainState, type ChainState, type EpisodeFailure } from '../src/stage/index.js'
import { startWorkers, type RunningWorkers, type WorkerOptions } from './runtime.js'

export type { EpisodeFailure } from '../src/stage/index.js'

export type EpisodeStatus = 'published' | 'unchanged' | 'in-progress' | 'failed'

export interface EpisodeOutcome {
  episodeId: string
  /**
   * published: by a chain of this ingest (or one it waited for); unchanged: every store holds
   * the current record, checked; in-progress: a job of it is still waiting, running or being
   * retried; failed: see `failure`.
   */
  status: EpisodeStatus
  /** For in-progress: where its chain is, and the last error when the job is being retried. */
  stage?: QueueName
  jobState?: string
  lastError?: string
  failure?: EpisodeFailure
}

export interface IngestResult {
  /** Episodes the poll looked at: the feed's items, or on a 304 the remembered ones it rechecked. */
  found: number
  unchanged: number
  published: number
  failed: number
  /** Episodes still waiting or running when ingest stopped waiting (only after a timeout). */
  inProgress: number
  failures: EpisodeFailure[]
  /** One entry per episode, failures and work in progress first. */
  episodes: EpisodeOutcome[]
  /** The feed answered 304 Not Modified: only the remembered episodes it rechecks were looked at. */
  notModified: boolean
  /** Feed-level warnings, e.g. items left out by PODPIPE_MAX_ITEMS_PER_FEED. */
  warnings: string[]
  /** Why ingest stopped waiting with episodes in progress, as far as the jobs tell. */
  gaveUp?: string
}

export type IngestProgress = Pick<IngestResult, 'found' | 'unchanged' | 'published' | 'failed'> & { pending: number }

export interface IngestOptions extends WorkerOptions {
  /** Run the workers in this process for the duration. Off when workers run elsewhere. @defaultValue true */
  startWorkers?: boolean
  /** Ignore remembered ETag and episode hashes. @defaultValue false */
  force?: boolean
  speakers?: string[]
  /** How often job states are read. @defaultValue 200 */
  pollMs?: number
  /**
   * Most chains whose state one look reads (src/stage/chain-state.ts, chainsToRead): a large feed
   * waits at this cost to Redis, not at one read per episode. @defaultValue 200
   */
  maxChainReads?: number
  /** Stop waiting after this long and report what is still in progress. @defaultValue no limit */
  timeoutMs?: number
  /**
   * Called when no episode has moved on for `stallNoticeMs`, with the likeliest reason; called
   * again after each further stall. The wait goes on: only `timeoutMs` ends it.
   */
  onStall?: (why: string) => void
  /** @defaultValue 30000 */
  stallNoticeMs?: number
}

/** A job ingest waits for, as far as it got. */
interface Waiting {
  queue: QueueName
  state: string
  lastError?: string | undefined
}

const NOT_QUEUED = 'not queued yet'
const WAITING_FOR_A_WORKER = new Set(['waiting', 'prioritized', NOT_QUEUED])

/**
 * Why jobs are not done, for the message that ends a wait: failing attempts name their error
 * (a database down shows as STORE_FAILED here), queued jobs no worker listens to name the
 * queue; only when neither is the case is the work just slow.
 */
const whyStuck = async (queues: Record<QueueName, Queue>, jobs: readonly Waiting[]): Promise<string> => {
  const errors = new Map<string, number>()
  for (const j of jobs) if (j.lastError) errors.set(`${j.queue}: ${j.lastError}`, (errors.get(`${j.queue}: ${j.lastError}`) ?? 0) + 1)
  if (errors.size > 0) {
    const [reason, n] = [...errors].sort((a, b) => b[1] - a[1])[0]!
    const what = /STORE_FAILED/.test(reason) ? 'a store is failing' : 'their jobs keep failing'
    return `${[...errors.values()].reduce((a, b) => a + b, 0)} job(s) are being retried because ${what}; ${n} with: ${reason.slice(0, 500)}`
  }
  const queued = [...new Set(jobs.filter((j) => WAITING_FOR_A_WORKER.has(j.state)).map((j) => j.queue))]
  const counts = await Promise.all(queued.map((q) => queues[q].getWorkersCount().catch(() => undefined)))
  const idle = queued.filter((_, i) => counts[i] === 0)
  if (idle.length > 0) {
    return `no worker is taking jobs from the ${idle.join(', ')} queue${idle.length > 1 ? 's' : ''}; are workers running on this Redis and prefix (REDIS_URL, PODPIPE_QUEUE_PREFIX)?`
  }
  return `${jobs.length} job(s) are still waiting or running; wait longer (--timeout) or add workers`
}

/** Reads until the poll job settles, riding out Redis blips (the producer connection fails fast). */
const settle = async (queues: Record<QueueName, Queue>, id: string, pollMs: number, deadline: number) => {
  const feeds = queues[QUEUE.feeds]
  for (;;) {
    if (Date.now() > deadline) {
      const job = await feeds.getJob(id).catch(() => undefined)
      const state = job ? await job.getState().catch(() => 'unknown') : NOT_QUEUED
      const why = await whyStuck(queues, [{ queue: QUEUE.feeds, state, lastError: job?.failedReason }])
      throw new PodpipeError('TIMEOUT', `gave up waiting for the poll job ${id}: ${why}`, { permanent: false })
    }
    try {
      // State first, then the job: a job read while active and found completed a moment later
      // would carry no return value.
      const state = await feeds.getJobState(id)
      const job = state === 'completed' || state === 'failed' ? await feeds.getJob(id) : undefined
      if (job) return job
    } catch {
      // Redis unreachable for a moment: keep waiting, the workers wait too.
    }
    await delay(pollMs)
  }
}

type ReadState = (chainId: string, details?: boolean) => Promise<ChainState>

/**
 * A chain's state from its jobs and, when none of them is left, from how it ended. Once the poll
 * job has settled every chain it lists is queued, so a chain with no job had its jobs removed by
 * retention (the newest 1,000 completed a queue are kept; failed jobs stay 14 days): on a busy
 * Redis, or on a feed of thousands of new episodes whose chains are read in turn (chainsToRead),
 * that can happen before this ingest reads the chain. Publish's summary (kept for the blob TTL)
 * says it was published; else a recheck chain ended at its transcript, found unchanged.
 */
const chainStateReader = (queues: Record<QueueName, Queue>, blobs: BlobArea, rechecks: ReadonlySet<string>): ReadState => async (chainId, details = false) => {
  const state = await readChainState(queues, chainId, { details })
  if (state.state !== 'absent') return state
  if (await blobs.has(chainId, 'published')) return { state: 'published' }
  return rechecks.has(chainId) ? { state: 'unchanged' } : state
}

/**
 * Reads the unfinished chains again with each job's last error (the clue to why they are not
 * done), updating `states`, and returns where each one waits.
 */
const stillWaiting = async (readState: ReadState, chains: readonly string[], states: Map<string, ChainState>): Promise<Waiting[]> => {
  const waiting: Waiting[] = []
  for (const chainId of chains) {
    const known = states.get(chainId)
    if (!isUnfinished(known)) continue
    const s = await readState(chainId, true).catch((): ChainState => known ?? { state: 'absent' })
    states.set(chainId, s)
    if (s.state === 'pending') waiting.push({ queue: s.stage, state: s.jobState, lastError: s.lastError })
    else if (s.state === 'absent') waiting.push({ queue: QUEUE.transcripts, state: NOT_QUEUED })
  }
  return waiting
}

const RANK: Record<EpisodeStatus, number> = { failed: 0, 'in-progress': 1, published: 2, unchanged: 3 }

/**
 * One episode's outcome from its chains (its own, a recheck, one carried from an earlier poll):
 * a record published now wins; else work still running; else a failure; else the stores were
 * found holding the current record.
 */
const outcomeOf = (episodeId: string, chains: readonly [string, ChainState][], startedAt: number): EpisodeOutcome => {
  if (chains.some(([, s]) => s.state === 'published')) return { episodeId, status: 'published' }
  for (const [, s] of chains) {
    if (s.state === 'absent') return { episodeId, status: 'in-progress', stage: QUEUE.transcripts, jobState: NOT_QUEUED }
    if (s.state === 'pending') {
      return { episodeId, status: 'in-progress', stage: s.stage, jobState: s.jobState, ...(s.lastError ? { lastError: s.lastError } : {}) }
    }
  }
  for (const [, s] of chains) {
    if (s.state === 'failed') {
      const earlier = s.failure.failedAt !== undefined && s.failure.failedAt < startedAt
      return { episodeId, status: 'failed', failure: { ...s.failure, ...(earlier ? { earlier } : {}) } }
    }
  }
  return { episodeId, status: 'unchanged' }
}

const summarize = (
  found: number, chainsOf: ReadonlyMap<string, string[]>, states: ReadonlyMap<string, ChainState>, report: PollReport, startedAt: number,
): { found: number; episodes: EpisodeOutcome[] } => {
  const outcomes = new Map<string, EpisodeOutcome>()
  for (const [episodeId, chains] of chainsOf) {
    outcomes.set(episodeId, outcomeOf(episodeId, chains.map((c) => [c, states.get(c) ?? { state: 'absent' }]), startedAt))
  }
  for (const episodeId of report.verified) if (!outcomes.has(episodeId)) outcomes.set(episodeId, { episodeId, status: 'unchanged' })
  // A store that could not be read leaves "unchanged" unproven; work that is running or done now stands.
  for (const { episodeId, reason } of report.unverified) {
    if ((outcomes.get(episodeId)?.status ?? 'unchanged') !== 'unchanged') continue
    outcomes.set(episodeId, { episodeId, status: 'failed', failure: { episodeId, stage: QUEUE.feeds, reason, attemptsMade: 1 } })
  }
  const episodes = [...outcomes.values()]
  episodes.sort((a, b) => RANK[a.status] - RANK[b.status] || a.episodeId.localeCompare(b.episodeId))
  return { found: Math.max(found, episodes.length), episodes }
}

const count = (episodes: readonly EpisodeOutcome[], status: EpisodeStatus) => episodes.filter((e) => e.status === status).length

const EMPTY_REPORT: PollReport = { verified: [], unverified: [], warnings: [] }

/**
 * Polls one feed now and waits until every episode is published, failed for good, or checked
 * unchanged in the stores; at `timeoutMs` it stops waiting and reports the rest as in progress,
 * with the likeliest reason. A feed-level failure (unreachable, not a feed) rejects with its reason.
 *
 * @example
 * const result = await ingestOnce(config, 'https://example.com/feed.xml', (p) => bar.update(p.published + p.failed))
 * process.exitCode = result.failed + result.inProgress > 0 ? 1 : 0
 */
export const ingestOnce = async (
  config: Config,
  feedUrl: string,
  onProgress: (progress: IngestProgress) => void = () => {},
  options: IngestOptions = {},
): Promise<IngestResult> => {
  const { pollMs = 200, timeoutMs = Number.POSITIVE_INFINITY, stallNoticeMs = 30_000, maxChainReads = 200 } = options
  if (!Number.isInteger(maxChainReads) || maxChainReads < 1) throw new RangeError(`maxChainReads: ${maxChainReads} is not a whole number above 0`)
  // Failures that ended before this moment are an earlier run's: this one's workers did not try them.
  const startedAt = Date.now()
  const deadline = startedAt + timeoutMs
  const log = options.log ?? createLogger({ level: config.logLevel, bindings: { service: 'ingest' } })
  const redis = await connectCheckedRedis(config.redisUrl, 'producer', { log })
  const tuning = withTuning(options.tuning)
  const queues = createQueues(redis, config.queuePrefix, tuning, log)
  let running: RunningWorkers | undefined
  try {
    if (options.startWorkers ?? true) running = await startWorkers(config, QUEUE_ORDER, options)
    const feedId = feedIdOf(feedUrl)
    const pollId = jobId('ingest', `${feedId}-${Date.now()}`)
    const data = parseJobData(QUEUE.feeds, {
      feedId, feedUrl, verify: true, ...(options.force ? { force: true } : {}), ...(options.speakers ? { speakers: options.speakers } : {}),
    })
    await queues.feeds.add(QUEUE.feeds, data, { jobId: pollId })
    const poll = await settle(queues, pollId, pollMs, deadline)
    if ((await poll.getState()) === 'failed') {
      // The reason names the feed when the fetch or the parse failed; say it once.
      const reason = poll.failedReason
      throw new PodpipeError('FETCH_FAILED', `the feed could not be ingested: ${reason}`, reason.includes(feedUrl) ? {} : { input: feedUrl })
    }
    const summary = poll.returnvalue as { found: number; notModified?: boolean }
    const feedState = createFeedState(redis, config.queuePrefix)
    const chains = await feedState.pollChains(pollId)
    const report = (await feedState.pollReport(pollId)) ?? EMPTY_REPORT
    const blobs = createBlobArea(redis, config.queuePrefix, tuning.blobTtlSeconds, config.blobCompressMinBytes)
    const readState = chainStateReader(queues, blobs, new Set(report.rechecks))
    const chainsOf = new Map<string, string[]>()
    for (const chainId of chains) chainsOf.set(episodeIdOfChain(chainId), [...(chainsOf.get(episodeIdOfChain(chainId)) ?? []), chainId])
    const states = new Map<string, ChainState>()
    let [lastMove, movedAt] = ['', Date.now()]
    const result = (episodes: EpisodeOutcome[], found: number, gaveUp?: string): IngestResult => ({
      found,
      unchanged: count(episodes, 'unchanged'),
      published: count(episodes, 'published'),
      failed: count(episodes, 'failed'),
      inProgress: count(episodes, 'in-progress'),
      failures: episodes.flatMap((e) => (e.failure ? [e.failure] : [])),
      episodes,
      notModified: summary.notModified === true,
      warnings: report.warnings,
      ...(gaveUp ? { gaveUp } : {}),
    })
    let cursor = 0
    for (;;) {
      const look = chainsToRead(chains.filter((c) => isUnfinished(states.get(c))), maxChainReads, cursor)
      cursor = look.cursor
      for (const chainId of look.read) {
        const known = states.get(chainId)
        states.set(chainId, await readState(chainId).catch((): ChainState => known ?? { state: 'absent' }))
      }
      const { found, episodes } = summarize(summary.found, chainsOf, states, report, startedAt)
      const pending = count(episodes, 'in-progress')
      onProgress({ found, unchanged: count(episodes, 'unchanged'), published: count(episodes, 'published'), failed: count(episodes, 'failed'), pending })
      if (pending === 0) return result(episodes, found)
      const moved = JSON.stringify(episodes.map((e) => [e.status, e.stage, e.jobState]))
      if (moved !== lastMove) [lastMove, movedAt] = [moved, Date.now()]
      else if (options.onStall && Date.now() - movedAt > stallNoticeMs) {
        movedAt = Date.now()
        options.onStall(await whyStuck(queues, await stillWaiting(readState, chains, states)))
      }
      if (Date.now() > deadline) {
        const waiting = await stillWaiting(readState, chains, states)
        const final = summarize(summary.found, chainsOf, states, report, startedAt)
        if (count(final.episodes, 'in-progress') === 0) return result(final.episodes, final.found)
        return result(final.episodes, final.found, await whyStuck(queues, waiting))
      }
      await delay(pollMs)
    }
  } finally {
    await running?.close()
    await closeQueues(queues)
    await redis.quit().catch(() => redis.disconnect())
  }
}
