import { AsyncLocalStorage } from 'node:async_hooks'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { ChildPool, UnrecoverableError, Worker, type BackoffStrategy, type Child, type ConnectionOptions, type Job } from 'bullmq'
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
  /** CPU-bound: runs in a forked processor so the parent's event loop keeps renewing job locks. */
  sandboxed: boolean
  /** Computes the delay of the queue's custom backoff type (e.g. one that honours Retry-After). */
  backoffStrategy?: BackoffStrategy
  create(deps: D): StageHandler<Q>
}

export const defineStage = <Q extends QueueName, D>(
  queue: Q,
  create: (deps: D) => StageHandler<Q>,
  { sandboxed = false, backoffStrategy }: { sandboxed?: boolean; backoffStrategy?: BackoffStrategy } = {},
): Stage<Q, D> => ({ queue, create, sandboxed, ...(backoffStrategy ? { backoffStrategy } : {}) })

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

/** Validates, logs and runs one job; shared by in-process workers and the sandbox processor. */
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
  /** The processor module sandboxed stages fork, and the environment it rebuilds its deps from. */
  sandbox?: { processor: URL; env: Record<string, string> }
}

/**
 * When the processor is TypeScript source (tsx, vitest), the forked child must load TypeScript
 * too: add tsx's loader, resolved from here so it works from any cwd. The built package
 * (dist/*.js) needs nothing and tsx, a dev dependency, is never looked up.
 */
const forkExecArgv = (processor: URL): string[] => {
  const inherited = process.execArgv.filter((a) => !a.startsWith('--inspect'))
  if (!processor.pathname.endsWith('.ts') || inherited.some((a) => a.includes('tsx'))) return inherited
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  return [...inherited, '--import', tsx]
}

/**
 * A sandboxed processor with a deadline. BullMQ's own sandbox can only ask a child to cancel,
 * which a child stuck in CPU work never reads; so this keeps its own pool, notes which child
 * runs which job, and kills that child when the job overruns. The job then fails for good.
 */
type SandboxFn = (file: string, pool: ChildPool) => (job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>

const sandboxedProcessor = (queue: QueueName, setup: WorkerSetup & { sandbox: NonNullable<WorkerSetup['sandbox']> }) => {
  const require = createRequire(import.meta.url)
  // BullMQ's sandbox runner is the default export of an internal module (its index re-exports
  // only named ones), so it is loaded by path, from the same CommonJS build as ChildPool.
  const sandbox = (require('bullmq/dist/cjs/classes/sandbox.js') as { default: SandboxFn }).default
  const pool = new ChildPool({
    mainFile: require.resolve('bullmq/dist/cjs/classes/main.js'),
    workerForkOptions: { execArgv: forkExecArgv(setup.sandbox.processor), env: { ...process.env, ...setup.sandbox.env } },
  })
  const running = new AsyncLocalStorage<{ child?: Child }>()
  const retain = pool.retain.bind(pool)
  pool.retain = async (file: string) => {
    const child = await retain(file)
    const slot = running.getStore()
    if (slot) slot.child = child
    return child
  }
  const run = sandbox(setup.sandbox.processor.href, pool)
  const timeoutMs = setup.tuning.cpuStageTimeoutMs
  const processor = async (job: Job, token?: string, signal?: AbortSignal) => {
    const slot: { child?: Child } = {}
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      if (slot.child) void pool.kill(slot.child, 'SIGKILL')
    }, timeoutMs)
    try {
      return await running.run(slot, () => run(job, token, signal))
    } catch (err) {
      if (!timedOut) throw err
      const message = `TIMEOUT: the ${queue} stage ran longer than ${timeoutMs} ms on job ${job.id}; its process was stopped`
      setup.log.error({ queue, jobId: job.id, timeoutMs }, 'sandboxed stage timed out')
      throw new UnrecoverableError(message)
    } finally {
      clearTimeout(timer)
    }
  }
  return { processor, close: () => pool.clean() }
}

/**
 * Starts the one Worker of a stage. Nothing here runs at import time: a test or the CLI imports
 * stage code freely and only this call touches Redis. Sandboxed stages have a deadline
 * (tuning.cpuStageTimeoutMs); in-process I/O stages are bounded by their fetch and store timeouts.
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
  let worker: Worker
  if (stage.sandboxed && setup.sandbox) {
    const sandboxed = sandboxedProcessor(stage.queue, { ...setup, sandbox: setup.sandbox })
    worker = new Worker(stage.queue, sandboxed.processor, common)
    worker.on('closed', () => void sandboxed.close())
  } else {
    const handler = stage.create(deps)
    worker = new Worker(stage.queue, async (job) => runJob(stage.queue, handler, job, setup.log), common)
  }
  // An unhandled 'error' event would crash the process on a Redis blip; BullMQ reconnects itself.
  worker.on('error', (err) => setup.log.warn({ err, queue: stage.queue }, 'worker error'))
  return worker
}
