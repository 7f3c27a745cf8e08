import { UnrecoverableError, Worker, type BackoffStrategy, type ConnectionOptions } from 'bullmq'
import type { Logger } from 'pino'
import { PodpipeError, isPermanent, isPodpipeError } from '../errors/index.js'
import { MAX_PAYLOAD_BYTES, parseJobData, type JobData } from './jobs.js'
import type { QueueName } from './names.js'
import type { QueueTuning } from './tuning.js'

/** What a stage returns: a small summary for the dashboard, never the data itself. */
export type StageResult = Record<string, string | number | boolean | null | undefined>

export interface JobContext {
  queue: QueueName
  jobId: string
  /** 1 on the first run. */
  attempt: number
  log: Logger
}

export type StageHandler<Q extends QueueName> = (data: JobData[Q], ctx: JobContext) => Promise<StageResult>

/** One queue's work: a handler built from the process's dependencies. */
export interface Stage<Q extends QueueName, D> {
  queue: Q
  /** Computes the delay of the queue's custom backoff type (e.g. one that honours Retry-After). */
  backoffStrategy?: BackoffStrategy
  create(deps: D): StageHandler<Q>
}

export const defineStage = <Q extends QueueName, D>(
  queue: Q,
  create: (deps: D) => StageHandler<Q>,
  { backoffStrategy }: { backoffStrategy?: BackoffStrategy } = {},
): Stage<Q, D> => ({ queue, create, ...(backoffStrategy ? { backoffStrategy } : {}) })

/**
 * The single retry decision (style.md item 9): a permanent core error (bad input) fails the job
 * now; anything else (network, store, Redis) is rethrown so BullMQ retries with backoff.
 * The code leads the message so the failure reason in the dashboard says what kind it was.
 */
export const toJobError = (err: unknown): Error => {
  if (isPermanent(err)) {
    const code = isPodpipeError(err) ? `${err.code}: ` : ''
    return new UnrecoverableError(`${code}${(err as Error).message}`)
  }
  if (isPodpipeError(err)) return new Error(`${err.code}: ${err.message}`, { cause: err })
  return err instanceof Error ? err : new Error(String(err))
}

/** The part of a BullMQ job (in-process or sandboxed) a stage run needs. */
export interface RunnableJob {
  id?: string | undefined
  data: unknown
  attemptsMade: number
}

/** Validates, logs and runs one job. */
export const runJob = async <Q extends QueueName>(
  queue: Q,
  handler: StageHandler<Q>,
  job: RunnableJob,
  log: Logger,
): Promise<StageResult> => {
  const attempt = job.attemptsMade + 1
  const raw = (job.data ?? {}) as { episodeId?: unknown; feedId?: unknown; recordId?: unknown }
  const episodeKey = typeof raw.episodeId === 'string' ? raw.episodeId : (raw.feedId ?? raw.recordId)
  const jobLog = log.child({ queue, jobId: job.id, episodeKey, attempt })
  try {
    const data = parseJobData(queue, job.data)
    const result = await handler(data, { queue, jobId: job.id ?? '', attempt, log: jobLog })
    // Return values are copied into the job hash and the events stream like job data.
    const size = Buffer.byteLength(JSON.stringify(result))
    if (size > MAX_PAYLOAD_BYTES) {
      throw new PodpipeError('TOO_LARGE', `the result of a "${queue}" job is ${size} bytes; the limit is ${MAX_PAYLOAD_BYTES}`, { input: job.id ?? queue })
    }
    jobLog.debug({ result }, 'job completed')
    return result
  } catch (err) {
    const final = toJobError(err)
    const level = final instanceof UnrecoverableError ? 'error' : 'warn'
    jobLog[level]({ err }, final instanceof UnrecoverableError ? 'job failed for good' : 'job failed; will retry')
    throw final
  }
}

export interface WorkerSetup {
  /** A worker-role connection (maxRetriesPerRequest: null); BullMQ duplicates it for blocking reads. */
  connection: ConnectionOptions
  prefix: string
  tuning: QueueTuning
  concurrency: number
  log: Logger
}

/**
 * Starts the one Worker of a stage. Nothing here runs at import time: a test or the CLI imports
 * stage code freely and only this call touches Redis. I/O stages are bounded by their fetch and
 * store timeouts; analysis by its thread's deadline (tuning.cpuStageTimeoutMs).
 */
export const createWorker = <Q extends QueueName, D>(stage: Stage<Q, D>, deps: D, setup: WorkerSetup): Worker => {
  const common = {
    connection: setup.connection,
    prefix: setup.prefix,
    concurrency: setup.concurrency,
    lockDuration: setup.tuning.lockDurationMs,
    stalledInterval: setup.tuning.stalledIntervalMs,
    maxStalledCount: setup.tuning.maxStalledCount,
    runRetryDelay: setup.tuning.runRetryDelayMs,
    ...(stage.backoffStrategy ? { settings: { backoffStrategy: stage.backoffStrategy } } : {}),
  }
  const handler = stage.create(deps)
  const worker = new Worker(stage.queue, async (job) => runJob(stage.queue, handler, job, setup.log), common)
  // An unhandled 'error' event would crash the process on a Redis blip; BullMQ reconnects itself.
  worker.on('error', (err) => setup.log.warn({ err, queue: stage.queue }, 'worker error'))
  return worker
}
