import { Job, QueueEvents, type ConnectionOptions, type Queue } from 'bullmq'
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { Counter, Histogram, type Registry } from 'prom-client'
import type { ErrorCode } from '../errors/index.js'

// A Record, not a list, so adding a code to ErrorCode without adding it here fails to compile.
const ERROR_CODES: Record<ErrorCode, true> = {
  EMPTY_INPUT: true, BINARY_INPUT: true, TOO_LARGE: true, UNKNOWN_FORMAT: true, MALFORMED: true, NOT_A_FEED: true,
  FETCH_FAILED: true, HTTP_STATUS: true, TIMEOUT: true, TOO_MANY_REDIRECTS: true, FORBIDDEN_ADDRESS: true,
  FORBIDDEN_SCHEME: true, STORE_FAILED: true, CONFIG: true,
}

/**
 * The error class of a final failure. Workers lead the failure reason with the PodpipeError code
 * (src/queue/create-worker.ts toJobError); anything else is a bug or an outage: `unexpected`.
 * Only known codes become labels, so a free-text reason can never blow up the series count.
 */
export const errorClassOf = (failedReason: string | undefined): ErrorCode | 'unexpected' => {
  const code = /^([A-Z_]+): /.exec(failedReason ?? '')?.[1]
  return code !== undefined && code in ERROR_CODES ? (code as ErrorCode) : 'unexpected'
}

export interface JobEventsObserver {
  close(): Promise<void>
}

export interface JobMetrics {
  completed: Counter<'queue'>
  failed: Counter<'queue' | 'error_class'>
  duration: Histogram<'queue' | 'outcome'>
}

/** The job-outcome metrics, registered up front so /metrics lists them before the first event. */
export const createJobMetrics = (registry: Registry): JobMetrics => ({
  completed: new Counter({ name: 'podpipe_jobs_completed_total', help: 'Jobs completed, seen by this server since it started.', labelNames: ['queue'], registers: [registry] }),
  failed: new Counter({
    name: 'podpipe_jobs_failed_total',
    help: 'Jobs failed for good (retries exhausted or permanent), by PodpipeError code or "unexpected".',
    labelNames: ['queue', 'error_class'],
    registers: [registry],
  }),
  duration: new Histogram({
    name: 'podpipe_job_duration_seconds',
    help: 'Processing time of the final attempt of each finished job, by queue (stage) and outcome.',
    labelNames: ['queue', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
    registers: [registry],
  }),
})

/**
 * Counts finished jobs and their run times from every queue's event stream. Workers are many
 * processes that nobody scrapes; this server sees all their events in one place. Counts start at
 * zero when the server starts, as Prometheus counters may.
 */
export const observeJobEvents = async (
  queues: Record<string, Queue>,
  { completed, failed, duration }: JobMetrics,
  log?: Logger,
): Promise<JobEventsObserver> => {
  const observeDuration = async (queue: Queue, jobId: string, outcome: 'completed' | 'failed') => {
    // Removed already when retention is short; the count above still holds.
    const job = await Job.fromId(queue, jobId)
    if (job?.processedOn && job.finishedOn) duration.observe({ queue: queue.name, outcome }, (job.finishedOn - job.processedOn) / 1000)
  }
  const report = (what: string) => (err: unknown) => log?.warn({ err, what }, 'job event metric not recorded')

  const watchers = Object.entries(queues).map(([name, queue]) => {
    const { connection, owned } = eventsConnection(queue.opts.connection)
    const events = new QueueEvents(queue.name, { connection, prefix: queue.opts.prefix })
    events.on('error', report(`${name} events`))
    events.on('completed', ({ jobId }) => {
      completed.inc({ queue: name })
      observeDuration(queue, jobId, 'completed').catch(report(`${name} ${jobId}`))
    })
    events.on('failed', ({ jobId, failedReason }) => {
      failed.inc({ queue: name, error_class: errorClassOf(failedReason) })
      observeDuration(queue, jobId, 'failed').catch(report(`${name} ${jobId}`))
    })
    return { events, owned }
  })
  // Ready means subscribed: events from here on are counted.
  await Promise.all(watchers.map((w) => w.events.waitUntilReady()))
  return {
    close: async () => {
      await Promise.allSettled(watchers.map((w) => w.events.close()))
      for (const w of watchers) w.owned?.disconnect()
    },
  }
}

/**
 * QueueEvents blocks on XREAD, so it needs a connection of its own that waits out a Redis outage
 * (maxRetriesPerRequest null); a shared producer client would fail it instead.
 */
const eventsConnection = (shared: ConnectionOptions): { connection: ConnectionOptions; owned?: Redis } => {
  if (shared instanceof Redis) {
    const owned = shared.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true })
    return { connection: owned, owned }
  }
  return { connection: shared }
}
