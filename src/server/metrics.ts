import type { JobState, Queue } from 'bullmq'
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client'

/** The states a BullMQ 6 job can be in (6 has no 'paused' state); each gets a series even at zero so alerts see absence as 0. */
export const JOB_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed', 'waiting-children'] as const satisfies readonly JobState[]

/**
 * A registry of its own per server (not prom-client's global one), so two servers in one process
 * (tests, `podpipe start`) never clash on metric names. Queue gauges are read from Redis at scrape
 * time: the numbers are Redis's, not this process's, and are right whichever process does the work.
 */
export const createMetricsRegistry = (queues: Record<string, Queue>, now: () => number = Date.now): Registry => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })

  new Gauge({
    name: 'podpipe_queue_jobs',
    help: 'Jobs in each queue by state, read from Redis at scrape time.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      const counts = await Promise.all(Object.values(queues).map((q) => q.getJobCounts(...JOB_STATES)))
      this.reset()
      Object.keys(queues).forEach((name, i) => {
        for (const state of JOB_STATES) this.set({ queue: name, state }, counts[i]?.[state] ?? 0)
      })
    },
  })

  new Gauge({
    name: 'podpipe_queue_oldest_waiting_job_age_seconds',
    help: 'Age of the oldest job waiting to start (waiting or prioritized), 0 when none: a growing value means workers are not keeping up.',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      const ages = await Promise.all(Object.values(queues).map((q) => oldestWaitingAgeSeconds(q, now())))
      this.reset()
      Object.keys(queues).forEach((name, i) => this.set({ queue: name }, ages[i] ?? 0))
    },
  })

  return registry
}

const oldestWaitingAgeSeconds = async (queue: Queue, nowMs: number): Promise<number> => {
  // asc = true puts the oldest first, so one job per state is enough.
  const [waiting, prioritized] = await Promise.all([queue.getJobs(['waiting'], 0, 0, true), queue.getJobs(['prioritized'], 0, 0, true)])
  const timestamps = [...waiting, ...prioritized].map((job) => job.timestamp).filter((t) => Number.isFinite(t))
  return timestamps.length === 0 ? 0 : Math.max(0, (nowMs - Math.min(...timestamps)) / 1000)
}
