import { availableParallelism } from 'node:os'
import type { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { createLogger, type AnalysisPlacement, type Config } from '../config/index.js'
import {
  connectCheckedRedis, createBlobArea, createFeedState, createQueues, closeQueues, parseJobData, jobId, withTuning,
  type BlobArea, type FeedState, type JobData, type QueueName, type QueueTuning,
} from '../queue/index.js'
import type { Agent } from 'undici'
import { createFetchAgent } from '../feed/index.js'
import { createSqlItemMemory, openRegistry, type RegistryDb } from '../feeds/index.js'
import { createStores, type RecordStore } from '../store/index.js'
import { analyzeEncoded, type AnalysisOutcome, type AnalysisRequest } from './analysis.js'
import { createThreadPool } from './thread-pool.js'

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
  /**
   * The feed registry's database, opened on first use (the poll-batch stage), or the one the
   * process already holds (DepsOptions.registry).
   */
  registry(): Promise<RegistryDb>
  /** Keep-alive connections for feed polls, at most PODPIPE_POLL_HOST_CONCURRENCY per host; made on first use. */
  fetchAgent(): Agent
  /** The analyze stage's CPU work (src/stage/analysis.ts), in a thread unless `analysis: 'inline'`. */
  analyze(request: AnalysisRequest): Promise<AnalysisOutcome>
  now(): Date
}

export interface DepsOptions {
  tuning?: Partial<QueueTuning>
  log?: Logger
  /** Replaces createStores(config), e.g. a PostgreSQL store in a test's own schema. */
  openStores?: () => Promise<RecordStore[]>
  /** PostgreSQL schema for createStores and the feed registry. @defaultValue 'podpipe' */
  postgresSchema?: string
  /**
   * Where analysis runs: 'threads', a pool of `analysisThreads` threads, so this event loop
   * stays free for lock renewals and I/O stages; or 'inline', on this thread (one process per
   * core). @defaultValue config.analysis (PODPIPE_ANALYSIS)
   */
  analysis?: AnalysisPlacement
  /** @defaultValue min(PODPIPE_CONCURRENCY, cores − 1), at least 1 */
  analysisThreads?: number
  /**
   * The feed registry's database when this process already holds it (`podpipe start`: the
   * server's PGlite, which no second opener may take). @defaultValue opened from the config
   */
  registry?: RegistryDb
}

/**
 * Where this process runs analysis: the option, else PODPIPE_ANALYSIS. The thread pool and the
 * analyze worker's concurrency (pipelines/runtime.ts) both follow it, so they never disagree.
 */
export const analysisOf = (config: Pick<Config, 'analysis'>, options: Pick<DepsOptions, 'analysis'>): AnalysisPlacement => options.analysis ?? config.analysis

/** Remembers a successful open; a failed one is retried by the next job (the database may be back). */
const memoOpen = <T extends { close(): Promise<void> }>(open: () => Promise<T>) => {
  let pending: Promise<T> | undefined
  const get = () => {
    pending ??= open().catch((err: unknown) => { pending = undefined; throw err })
    return pending
  }
  const close = async () => {
    const p = pending
    pending = undefined
    const opened = await p?.catch(() => undefined)
    await opened?.close().catch(() => undefined)
  }
  return { get, close }
}

const memoStores = (open: () => Promise<RecordStore[]>) => {
  const memo = memoOpen(async () => {
    const stores = await open()
    return { stores, close: async () => void (await Promise.allSettled(stores.map((s) => s.close()))) }
  })
  return { get: async () => (await memo.get()).stores, close: memo.close }
}

// Built output is .js, source under tsx/vitest is .ts: start whichever this module is.
const ANALYSIS_THREAD = new URL(`./analysis-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)

const closers = new WeakMap<Deps, () => Promise<void>>()

export const createDeps = async (config: Config, options: DepsOptions = {}): Promise<Deps> => {
  const tuning = withTuning(options.tuning)
  const log = options.log ?? createLogger({ level: config.logLevel, bindings: { service: 'worker' } })
  const redis = await connectCheckedRedis(config.redisUrl, 'worker', { log })
  const pool = analysisOf(config, options) === 'inline' ? undefined : createThreadPool<AnalysisRequest, AnalysisOutcome>({
    file: ANALYSIS_THREAD,
    size: options.analysisThreads ?? Math.max(1, Math.min(config.concurrency, availableParallelism() - 1)),
    timeoutMs: tuning.cpuStageTimeoutMs,
    what: 'analyze',
  })
  const stores = memoStores(options.openStores ?? (() => createStores(config, { log, tuning, ...(options.postgresSchema ? { postgresSchema: options.postgresSchema } : {}) })))
  const registry = memoOpen(async () => {
    if (options.registry) return { db: options.registry, close: async () => undefined }
    const db = await openRegistry(config, options.postgresSchema ? { schema: options.postgresSchema } : {})
    return { db, close: () => db.close() }
  })
  let agent: Agent | undefined
  const deps: Deps = {
    config,
    tuning,
    log,
    redis,
    queues: createQueues(redis, config.queuePrefix, tuning, log),
    blobs: createBlobArea(redis, config.queuePrefix, tuning.blobTtlSeconds, config.blobCompressMinBytes),
    // With PostgreSQL, finished items are remembered there: Redis would hold every back catalogue.
    feedState: createFeedState(redis, config.queuePrefix, config.databaseUrl
      ? createSqlItemMemory({
        db: async () => (await registry.get()).db, redis, prefix: config.queuePrefix,
        // No chain outlives its data: past the blob TTL, marks from before the switch are settled.
        settleAfterMs: tuning.blobTtlSeconds * 1000,
      })
      : undefined),
    stores: stores.get,
    registry: async () => (await registry.get()).db,
    fetchAgent: () => (agent ??= createFetchAgent({
      allowPrivateAddresses: config.allowPrivateAddresses,
      timeoutMs: config.limits.fetchTimeoutMs,
      connectionsPerHost: config.polling.hostConcurrency,
    })),
    analyze: pool
      // The source blob's bytes are copied once into memory the thread then owns (transferred).
      ? (request) => { const raw = new Uint8Array(request.raw); return pool.run({ ...request, raw }, [raw.buffer]) }
      : async (request) => analyzeEncoded(request),
    now: () => new Date(),
  }
  closers.set(deps, async () => {
    await closeQueues(deps.queues)
    await pool?.close()
    await stores.close()
    await registry.close()
    await agent?.destroy().catch(() => undefined)
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
