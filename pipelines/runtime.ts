import { availableParallelism } from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import type { Job, Queue, Worker } from 'bullmq'
import { createLogger, redactSecrets, type Config } from '../src/config/index.js'
import { PodpipeError } from '../src/errors/index.js'
import {
  QUEUE, QUEUE_ORDER, connectCheckedRedis, createFeedState, createQueues, closeQueues, createWorker, episodeIdOfChain, feedIdOf, jobId,
  parseJobData, withTuning, type JobData, type QueueName,
} from '../src/queue/index.js'
import { closeDeps, createDeps, type Deps, type DepsOptions } from './deps.js'
import { INGEST, STAGES } from './ingest.js'
import { SANDBOX_ENV, type SandboxEnv } from './sandbox-processor.js'

export interface WorkerOptions extends DepsOptions {
  /**
   * Run CPU-bound stages in forked children. Off only to measure what sandboxing buys
   * (pipelines/measure-sandbox.ts) or where forking is impossible. @defaultValue true
   */
  sandbox?: boolean
  /**
   * Called once when a worker has stopped on its own while the process lives on (after some
   * Redis failovers a BullMQ worker stops fetching for good, BullMQ #3185). The commands close
   * and exit 1 so the supervisor restarts the process. @defaultValue log the error only
   */
  onWorkerStopped?: (queue: QueueName) => void
  /** How often the workers' running state is checked. @defaultValue 10000 */
  watchdogMs?: number
}

export interface RunningWorkers {
  workers: Worker[]
  deps: Deps
  /** Stops taking jobs, lets in-flight ones finish within the grace period, closes connections. */
  close(): Promise<void>
  /**
   * For a liveness probe: a worker that is no longer running (it can happen after a Redis
   * failover, BullMQ #3185) means the process should be restarted.
   */
  health(): { queue: QueueName; running: boolean }[]
}

// Built output is .js, source under tsx/vitest is .ts: fork whichever this module is.
const sandboxProcessor = new URL(`./sandbox-processor${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)

/**
 * Starts one worker per queue in `queues` (all by default). CPU-bound stages run sandboxed,
 * one forked child per concurrent job, so turn splitting and extraction never block the
 * event loop that renews the I/O stages' job locks.
 *
 * @example
 * const running = await startWorkers(loadConfig(), ['transcripts', 'publish'])
 * onShutdown(running.close)
 */
export const startWorkers = async (
  config: Config,
  queues: readonly QueueName[] = QUEUE_ORDER,
  options: WorkerOptions = {},
): Promise<RunningWorkers> => {
  const deps = await createDeps(config, options)
  const cpuSlots = Math.max(1, Math.min(config.concurrency, availableParallelism() - 1))
  const start = <Q extends QueueName>(queue: Q): Worker => {
    const stage = STAGES[queue]
    const env: SandboxEnv = { config, tuning: deps.tuning, queue }
    return createWorker(stage, deps, {
      connection: deps.redis,
      prefix: config.queuePrefix,
      tuning: deps.tuning,
      concurrency: stage.sandboxed ? cpuSlots : config.concurrency,
      log: deps.log,
      ...(options.sandbox === false ? {} : { sandbox: { processor: sandboxProcessor, env: { [SANDBOX_ENV]: JSON.stringify(env) } } }),
    })
  }
  const workers = queues.map(start)
  // Tracked so close() waits for them: a mark lost to a closed connection loses the retry.
  const marking = new Set<Promise<void>>()
  workers.forEach((w, i) => {
    if (queues[i] === QUEUE.feeds) return
    w.on('failed', (job, err) => {
      const mark = retryNextPoll(deps, job, err).finally(() => marking.delete(mark))
      marking.add(mark)
    })
  })
  let closing: Promise<void> | undefined
  const health = () => workers.map((w, i) => ({ queue: queues[i] as QueueName, running: w.isRunning() }))
  const watchdog = setInterval(() => {
    const stopped = health().find((h) => !h.running)
    if (closing || !stopped) return
    clearInterval(watchdog)
    deps.log.error({ queue: stopped.queue }, 'a worker stopped on its own; this process no longer takes its jobs')
    options.onWorkerStopped?.(stopped.queue)
  }, options.watchdogMs ?? 10_000)
  watchdog.unref()
  const close = () => {
    clearInterval(watchdog)
    closing ??= (async () => {
      // pause() stops fetching and waits for the jobs in flight; close() is called only after,
      // because a pending graceful close() makes a later close(true) wait for it too.
      const drained = Promise.all(workers.map((w) => w.pause())).then(() => true)
      const inTime = await Promise.race([drained, delay(deps.tuning.shutdownGraceMs, false)])
      if (!inTime) {
        // Past the deadline the jobs still running are abandoned, not failed: their locks lapse
        // and the stalled-job check hands them to another worker (at-least-once; stages are idempotent).
        deps.log.warn('shutdown deadline passed; in-flight jobs go back to the queue via stall recovery')
      }
      await Promise.all(workers.map((w) => w.close(!inTime)))
      await Promise.all(marking)
      await closeDeps(deps)
    })()
    return closing
  }
  deps.log.info({ queues, prefix: config.queuePrefix }, 'workers started')
  return { workers, deps, close, health }
}

/**
 * A chain that failed for good for a transient reason (its attempts ran out: a host down for
 * longer than the backoff, a database outage) is not lost: its feed item is marked so the next
 * poll starts it again. A permanent failure (bad input) stays failed until the item changes.
 */
const retryNextPoll = async (deps: Deps, job: Job | undefined, err: Error): Promise<void> => {
  // BullMQ emits 'failed' for every failed attempt; finishedOn is set only on the last.
  if (!job || typeof job.finishedOn !== 'number' || err.name === 'UnrecoverableError') return
  const data = job.data as Partial<JobData['transcripts']>
  if (!data.feedId || !data.item) return
  try {
    if (await deps.feedState.retryLater(data.feedId, data.item.key, data.item.hash)) {
      deps.log.warn({ jobId: job.id, episodeId: data.episodeId }, 'episode failed after its retries; the next poll of its feed starts it again')
    }
  } catch (e) {
    deps.log.error({ err: e, jobId: job.id }, 'could not mark a failed episode for retry; `podpipe ingest --force` retries it')
  }
}

/** SIGTERM/SIGINT: run `close` once, then exit 0; a second signal exits at once. */
export const onShutdown = (close: () => Promise<void>, exit: (code: number) => void = (c) => process.exit(c)): void => {
  let stopping = false
  const handler = () => {
    if (stopping) return exit(1)
    stopping = true
    close().then(() => exit(0), () => exit(1))
  }
  process.on('SIGTERM', handler)
  process.on('SIGINT', handler)
}

export interface EpisodeFailure {
  episodeId: string
  chainId: string
  stage: QueueName
  reason: string
  attemptsMade: number
}

export interface IngestResult {
  /** Episodes the poll looked at: the feed's items, or on a 304 the ones it rechecked. */
  found: number
  /**
   * Episodes seen before with the same content, not processed again; a transcript recheck that
   * found the file unchanged (or could not fetch it, keeping the record) counts here.
   */
  unchanged: number
  published: number
  failed: number
  failures: EpisodeFailure[]
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
  /** Give up waiting after this long (e.g. no worker is running anywhere). @defaultValue no limit */
  timeoutMs?: number
}

type ChainState = { state: 'pending' } | { state: 'published' } | { state: 'unchanged' } | { state: 'failed'; failure: EpisodeFailure }

const chainState = async (queues: Record<QueueName, Queue>, chainId: string): Promise<ChainState> => {
  const episodeId = episodeIdOfChain(chainId)
  for (const stage of [...INGEST].reverse()) {
    if (stage === QUEUE.feeds) continue
    const state = await queues[stage].getJobState(jobId(stage, chainId))
    if (state === 'unknown') continue
    if (stage === QUEUE.publish && state === 'completed') return { state: 'published' }
    // Only a failure, or a transcript recheck that found nothing new and ended its chain
    // (workers/transcripts.ts), needs the job itself.
    const settled = state === 'failed' || (state === 'completed' && stage === QUEUE.transcripts)
    const job = settled ? await queues[stage].getJob(jobId(stage, chainId)) : undefined
    if (job && state === 'failed') {
      return { state: 'failed', failure: { episodeId, chainId, stage, reason: job.failedReason, attemptsMade: job.attemptsMade } }
    }
    if ((job?.returnvalue as { unchanged?: boolean } | undefined)?.unchanged === true) return { state: 'unchanged' }
    return { state: 'pending' }
  }
  return { state: 'pending' }
}

/**
 * Past the deadline, blames what is known: the last failure of work being retried (a database
 * that is down), or, when nothing failed, the absence of workers.
 */
const checkDeadline = (deadline: number, what: string, lastFailure?: string) => {
  if (Date.now() > deadline) {
    const blame = lastFailure ? `episodes are still being retried after: ${redactSecrets(lastFailure)}` : 'are workers running on this Redis and prefix?'
    throw new PodpipeError('TIMEOUT', `gave up waiting for ${what}; ${blame}`, { permanent: false })
  }
}

/** Why the latest attempt of a stage of these chains failed, if one did (a retried job keeps its failedReason). */
const lastFailure = async (queues: Record<QueueName, Queue>, chainIds: readonly string[]): Promise<string | undefined> => {
  for (const chainId of chainIds) {
    for (const stage of [...INGEST].reverse()) {
      if (stage === QUEUE.feeds) continue
      const job = await queues[stage].getJob(jobId(stage, chainId))
      if (job?.failedReason) return job.failedReason
    }
  }
  return undefined
}

/** Reads until the job settles, riding out Redis blips (the producer connection fails fast). */
const settle = async (queue: Queue, id: string, pollMs: number, deadline: number) => {
  for (;;) {
    checkDeadline(deadline, `the poll job ${id}`)
    try {
      // State first, then the job: a job read while active and found completed a moment later
      // would carry no return value.
      const state = await queue.getJobState(id)
      const job = state === 'completed' || state === 'failed' ? await queue.getJob(id) : undefined
      if (job) return job
    } catch {
      // Redis unreachable for a moment: keep waiting, the workers wait too.
    }
    await delay(pollMs)
  }
}

/**
 * Polls one feed now and waits until every new or changed episode is published or has failed
 * for good. A feed-level failure (unreachable, not a feed) rejects with its reason.
 *
 * @example
 * const { published, failures } = await ingestOnce(config, 'https://example.com/feed.xml', (p) => bar.update(p.published + p.failed))
 */
export const ingestOnce = async (
  config: Config,
  feedUrl: string,
  onProgress: (progress: IngestProgress) => void = () => {},
  options: IngestOptions = {},
): Promise<IngestResult> => {
  const { pollMs = 200, timeoutMs = Number.POSITIVE_INFINITY } = options
  const deadline = Date.now() + timeoutMs
  const log = options.log ?? createLogger({ level: config.logLevel, bindings: { service: 'ingest' } })
  const redis = await connectCheckedRedis(config.redisUrl, 'producer', { log })
  const queues = createQueues(redis, config.queuePrefix, withTuning(options.tuning), log)
  let running: RunningWorkers | undefined
  try {
    if (options.startWorkers ?? true) running = await startWorkers(config, QUEUE_ORDER, options)
    const feedId = feedIdOf(feedUrl)
    const pollId = jobId('ingest', `${feedId}-${Date.now()}`)
    const data = parseJobData(QUEUE.feeds, { feedId, feedUrl, ...(options.force ? { force: true } : {}), ...(options.speakers ? { speakers: options.speakers } : {}) })
    await queues.feeds.add(QUEUE.feeds, data, { jobId: pollId })
    const poll = await settle(queues.feeds, pollId, pollMs, deadline)
    if ((await poll.getState()) === 'failed') {
      throw new PodpipeError('FETCH_FAILED', `the feed could not be ingested: ${poll.failedReason}`, { input: feedUrl })
    }
    const summary = poll.returnvalue as { found: number }
    const chains = await createFeedState(redis, config.queuePrefix).pollChains(pollId)
    // On a 304 the feed's items are unknown, but its rechecks are still episodes looked at.
    const found = Math.max(summary.found, chains.length)
    const done = new Map<string, ChainState>()
    for (;;) {
      for (const chainId of chains) {
        if (done.has(chainId)) continue
        const state = await chainState(queues, chainId).catch((): ChainState => ({ state: 'pending' }))
        if (state.state !== 'pending') done.set(chainId, state)
      }
      const states = [...done.values()]
      const failures = states.flatMap((s) => (s.state === 'failed' ? [s.failure] : []))
      const published = states.filter((s) => s.state === 'published').length
      const pending = chains.length - done.size
      const progress: IngestProgress = { found, unchanged: found - chains.length + states.filter((s) => s.state === 'unchanged').length, published, failed: failures.length, pending }
      onProgress(progress)
      if (pending > 0 && Date.now() > deadline) {
        const failure = await lastFailure(queues, chains.filter((c) => !done.has(c))).catch(() => undefined)
        checkDeadline(deadline, `${pending} episode(s) of ${feedUrl}`, failure)
      }
      if (pending === 0) return { found, unchanged: progress.unchanged, published, failed: failures.length, failures }
      await delay(pollMs)
    }
  } finally {
    await running?.close()
    await closeQueues(queues)
    await redis.quit().catch(() => redis.disconnect())
  }
}
