import { randomUUID } from 'node:crypto'
import cron, { type ScheduledTask } from 'node-cron'
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { createLogger, type Config } from '../src/config/index.js'
import { claimDueFeeds, countFeeds, importFeeds, openRegistry, readFeedList, revalidateFeeds, type RegistryDb } from '../src/feeds/index.js'
import {
  QUEUE, closeQueues, connectCheckedRedis, createFeedState, createQueues, parseJobData, pollBatchJobId, withTuning, type QueueTuning,
} from '../src/queue/index.js'

export interface FeedSchedulerOptions {
  /** The registry's database when this process already holds it (`podpipe start`). @defaultValue opened from the config */
  registry?: RegistryDb
  tuning?: Partial<QueueTuning>
  log?: Logger
  /**
   * How long a claimed feed is held by its batch: a batch lost with its worker is polled again
   * after this. @defaultValue 600
   */
  leaseS?: number
  /**
   * Batches waiting in the polls queue above which a tick claims nothing: while the workers are
   * behind, due feeds wait in the registry (where their lag can be seen) rather than as jobs in
   * Redis, and no lease runs out in the queue. With 5 s ticks and batches of 100 it also caps one
   * scheduler at 1,000 polls/s. @defaultValue 50
   */
  maxWaitingBatches?: number
  /** Claim at once at start-up rather than at the first tick. @defaultValue true */
  pollOnStart?: boolean
  /** Tick on the clock, every PODPIPE_POLL_TICK_S; a test that calls `tick()` itself turns it off. @defaultValue true */
  ticking?: boolean
  /** Import the feeds file (PODPIPE_FEEDS) while the registry is empty (`podpipe start`). @defaultValue false */
  importFeedsFile?: boolean
  /** Called after each batch is queued (tests, benchmarks). */
  onBatch?: (jobId: string, feeds: number) => void
  now?: () => Date
}

export interface RunningFeedScheduler {
  /** Claims and queues what is due now; what each tick runs. Returns the feeds queued. */
  tick(): Promise<number>
  close(): Promise<void>
}

/**
 * The feed scheduler: every PODPIPE_POLL_TICK_S, claims the registry's due feeds in batches of
 * PODPIPE_POLL_BATCH_SIZE and queues one poll-batch job per batch, named by its lease. A tick
 * only claims and enqueues (queue.md §3). Several schedulers may run at once on PostgreSQL: the
 * claim skips rows another is claiming, so no feed is in two batches; the job id is the lease, so
 * re-adding a batch after a Redis error adds nothing. A claim whose job never got queued (Redis
 * down, a crash) is polled when its lease runs out. Each tick also drops the registry's
 * validators of the feeds whose episodes failed for a transient reason and brings their next
 * poll to within their minimum interval, so that poll comes soon, reads the feed in full and
 * starts those episodes again.
 */
export const startFeedScheduler = async (config: Config, options: FeedSchedulerOptions = {}): Promise<RunningFeedScheduler> => {
  const log = options.log ?? createLogger({ level: config.logLevel, bindings: { service: 'scheduler' } })
  const leaseS = options.leaseS ?? 600
  const maxWaiting = options.maxWaitingBatches ?? 50
  const now = options.now ?? (() => new Date())
  // Redis first: a bad REDIS_URL is reported at once, before the embedded database's slow first open.
  const redis: Redis = await connectCheckedRedis(config.redisUrl, 'producer', { log })
  const owned = options.registry ? undefined : await openRegistry(config).catch(async (err: unknown) => {
    await redis.quit().catch(() => redis.disconnect())
    throw err
  })
  const db = options.registry ?? owned!
  const queues = createQueues(redis, config.queuePrefix, withTuning(options.tuning), log)
  const feedState = createFeedState(redis, config.queuePrefix)

  let imported = !options.importFeedsFile
  const claimAndQueue = async (): Promise<number> => {
    // In the tick, not at start-up: a database that is down at start is imported into once it answers.
    if (!imported) {
      await importFeedsFileIfEmpty(config, db, log)
      imported = true
    }
    const revalidate = await feedState.takeRevalidations(1000, now())
    if (revalidate.length > 0) await revalidateFeeds(db, revalidate, { now: now(), minIntervalS: config.polling.minIntervalS })
    const waiting = await queues.polls.getWaitingCount()
    let queued = 0
    for (let batches = waiting; batches < maxWaiting; batches++) {
      const leaseId = `lease-${randomUUID()}`
      const claimed = await claimDueFeeds(db, { now: now(), limit: config.polling.batchSize, leaseId, leaseS })
      if (claimed.length === 0) break
      const id = pollBatchJobId(leaseId)
      await queues.polls.add(QUEUE.polls, parseJobData(QUEUE.polls, { leaseId, feeds: claimed.length }), { jobId: id })
      options.onBatch?.(id, claimed.length)
      queued += claimed.length
      if (claimed.length < config.polling.batchSize) break
    }
    return queued
  }

  // One tick at a time: a slow tick (a database under load) is not overlapped by the next.
  let running: Promise<number> | undefined
  const tick = (): Promise<number> => {
    running ??= claimAndQueue().finally(() => { running = undefined })
    return running
  }
  const onTick = () => tick().catch((err: unknown) => log.warn({ err }, 'feeds not claimed this tick; the next tick tries again'))
  if (options.pollOnStart ?? true) await onTick()
  const task: ScheduledTask | undefined = options.ticking === false
    ? undefined
    : cron.schedule(`*/${config.polling.tickS} * * * * *`, onTick, { name: `feed-scheduler-${randomUUID()}` })
  log.info({ tickS: config.polling.tickS, batchSize: config.polling.batchSize }, 'feed scheduler started')
  return {
    tick,
    async close() {
      await task?.destroy()
      await running?.catch(() => undefined)
      await closeQueues(queues)
      await redis.quit().catch(() => redis.disconnect())
      await owned?.close()
    },
  }
}

/**
 * A fresh machine works with zero setup: when the registry holds no feed, the configured feeds
 * file (PODPIPE_FEEDS, the bundled fixture by default) is imported. Returns the feeds added.
 */
export const importFeedsFileIfEmpty = async (config: Config, db: RegistryDb, log?: Logger): Promise<number> => {
  if ((await countFeeds(db)) > 0) return 0
  const result = await importFeeds(db, await readFeedList(config.feedsFile), config.polling, new Date())
  log?.info({ feedsFile: config.feedsFile, added: result.added }, 'the feed registry was empty: imported the feeds file')
  return result.added
}
