import type { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { createLogger, type Config } from '../config/index.js'
import {
  connectCheckedRedis, createBlobArea, createFeedState, createQueues, closeQueues, parseJobData, jobId, withTuning,
  type BlobArea, type FeedState, type JobData, type QueueName, type QueueTuning,
} from '../queue/index.js'
import { createStores, type RecordStore } from '../store/index.js'

/** What a worker process gives its stages: connections, the blob area, the sinks. Built once per process. */
export interface Deps {
  config: Config
  tuning: QueueTuning
  log: Logger
  /** Worker-role connection (waits through a Redis restart) for blobs, feed state and hand-offs. */
  redis: Redis
  queues: Record<QueueName, Queue>
  blobs: BlobArea
  feedState: FeedState
  /** Opened on first use, so processes that never publish never connect to PostgreSQL. */
  stores(): Promise<RecordStore[]>
  now(): Date
}

export interface DepsOptions {
  tuning?: Partial<QueueTuning>
  log?: Logger
  /** Replaces createStores(config), e.g. a PostgreSQL store in a test's own schema. */
  openStores?: () => Promise<RecordStore[]>
  /** PostgreSQL schema for createStores. @defaultValue 'podpipe' */
  postgresSchema?: string
}

/** Remembers a successful open; a failed one is retried by the next job (the database may be back). */
const memoStores = (open: () => Promise<RecordStore[]>) => {
  let pending: Promise<RecordStore[]> | undefined
  const get = () => {
    pending ??= open().catch((err: unknown) => { pending = undefined; throw err })
    return pending
  }
  const close = async () => {
    const p = pending
    pending = undefined
    if (p) await Promise.allSettled((await p.catch(() => [])).map((s) => s.close()))
  }
  return { get, close }
}

const closers = new WeakMap<Deps, () => Promise<void>>()

export const createDeps = async (config: Config, options: DepsOptions = {}): Promise<Deps> => {
  const tuning = withTuning(options.tuning)
  const log = options.log ?? createLogger({ level: config.logLevel, bindings: { service: 'worker' } })
  const redis = await connectCheckedRedis(config.redisUrl, 'worker', { log })
  const stores = memoStores(options.openStores ?? (() => createStores(config, { log, ...(options.postgresSchema ? { postgresSchema: options.postgresSchema } : {}) })))
  const deps: Deps = {
    config,
    tuning,
    log,
    redis,
    queues: createQueues(redis, config.queuePrefix, tuning, log),
    blobs: createBlobArea(redis, config.queuePrefix, tuning.blobTtlSeconds),
    feedState: createFeedState(redis, config.queuePrefix),
    stores: stores.get,
    now: () => new Date(),
  }
  closers.set(deps, async () => {
    await closeQueues(deps.queues)
    await stores.close()
    await redis.quit().catch(() => redis.disconnect())
  })
  return deps
}

export const closeDeps = async (deps: Deps): Promise<void> => {
  await closers.get(deps)?.()
  closers.delete(deps)
}

/**
 * Hands an episode chain to the next stage. The job id is the stage plus the chain id, so a
 * re-run of the current stage (retry, stall) adds nothing: linear hand-off, no flow parents.
 */
export const handOff = async <Q extends QueueName>(deps: Deps, queue: Q, data: JobData[Q], key: string): Promise<string> => {
  const id = jobId(queue, key)
  await deps.queues[queue].add(queue, parseJobData(queue, data), { jobId: id })
  return id
}
