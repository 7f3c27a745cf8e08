import { setTimeout as delay } from 'node:timers/promises'
import type { Job, Worker } from 'bullmq'
import { applyHeapGrowth, type Config } from '../src/config/index.js'
import { ALL_QUEUES, QUEUE, createWorker, type JobData, type QueueName } from '../src/queue/index.js'
import { analysisOf, closeDeps, createDeps, migrateLegacyQueues, type Deps, type DepsOptions } from '../src/stage/index.js'
import { STAGES } from './ingest.js'

export interface WorkerOptions extends DepsOptions {
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

/**
 * Jobs a worker of `queue` runs at once. Analysis jobs beyond the threads wait in the pool,
 * fetched and ready, while a thread works; analysis inline runs one at a time, so a second job
 * would only hold its lock unrenewed behind the first. Poll batches mostly wait on the network:
 * they have a setting of their own.
 */
const concurrencyOf = (queue: QueueName, config: Config, options: WorkerOptions): number => {
  if (queue === QUEUE.polls) return config.polling.batches
  if (queue === QUEUE.analyze && analysisOf(config, options) === 'inline') return 1
  return config.concurrency
}

/**
 * Starts one worker per queue in `queues` (all by default). Analysis runs in the process's
 * analysis threads, so it never blocks the event loop that renews job locks and runs the I/O
 * stages, unless PODPIPE_ANALYSIS (or DepsOptions.analysis) puts it inline. A worker of analyze
 * first moves the jobs an older version left in its turns and claims queues
 * (src/stage/legacy.ts). The webhook queue's worker runs only where PODPIPE_WEBHOOK_URL is set:
 * elsewhere its jobs wait for a process that can send them.
 *
 * @example
 * const running = await startWorkers(loadConfig(), ['transcripts', 'publish'])
 * onShutdown(running.close)
 */
export const startWorkers = async (
  config: Config,
  requested: readonly QueueName[] = ALL_QUEUES,
  options: WorkerOptions = {},
): Promise<RunningWorkers> => {
  applyHeapGrowth(config.heapGrowingPercent)
  // Poll batches read and write the feed registry: PostgreSQL from anywhere, the embedded PGlite
  // only in the process that holds it (podpipe start passes it); elsewhere their jobs wait.
  const canPoll = options.registry !== undefined || config.databaseUrl !== undefined
  const queues = requested.filter((q) => (q !== QUEUE.webhook || config.webhook) && (q !== QUEUE.polls || canPoll))
  const deps = await createDeps(config, options)
  if (queues.includes(QUEUE.analyze)) await migrateLegacyQueues(deps.redis, config.queuePrefix, deps.queues.analyze, deps.log)
  const start = <Q extends QueueName>(queue: Q): Worker => createWorker(STAGES[queue], deps, {
    connection: deps.redis,
    prefix: config.queuePrefix,
    tuning: deps.tuning,
    concurrency: concurrencyOf(queue, config, options),
    log: deps.log,
  })
  const workers = queues.map(start)
  // Tracked so close() waits for them: a mark lost to a closed connection loses the retry.
  const marking = new Set<Promise<void>>()
  workers.forEach((w, i) => {
    if (queues[i] === QUEUE.feeds) return
    w.on('failed', (job, err) => {
      const mark = settleFailedChain(deps, job, err).finally(() => marking.delete(mark))
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
const settleFailedChain = async (deps: Deps, job: Job | undefined, err: Error): Promise<void> => {
  // BullMQ emits 'failed' for every failed attempt; finishedOn is set only on the last.
  if (!job || typeof job.finishedOn !== 'number') return
  const data = job.data as Partial<JobData['transcripts']>
  if (!data.feedId || !data.item) return
  try {
    if (err.name === 'UnrecoverableError') await deps.feedState.markDone(data.feedId, data.item.key, data.item.hash)
    else if (await deps.feedState.retryLater(data.feedId, data.item.key, data.item.hash)) {
      deps.log.warn({ jobId: job.id, episodeId: data.episodeId }, 'episode failed after its retries; the next poll of its feed starts it again')
    }
  } catch (e) {
    deps.log.error({ err: e, jobId: job.id }, 'could not remember how a failed episode ended; `podpipe ingest --force` processes it again')
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

export { ingestOnce, type EpisodeFailure, type EpisodeOutcome, type EpisodeStatus, type IngestOptions, type IngestProgress, type IngestResult } from './ingest-once.js'
