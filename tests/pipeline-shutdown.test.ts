import { spawn, type ChildProcess } from 'node:child_process'
import { Queue } from 'bullmq'
import { afterAll, describe, expect, it } from 'vitest'
import { QUEUE, feedIdOf, jobId } from '../src/queue/index.js'
import { FAST, REPO, SMALL_VTT, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'
import { entryArgs } from './helpers/entry.js'
import { workersReady } from './helpers/spawn-worker.js'

const config = testConfig()
let child: ChildProcess | undefined

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await obliterate(config)
})

describe('SIGTERM', () => {
  it('stops taking jobs, finishes the one in flight, and exits 0', async () => {
    let release: (() => void) | undefined
    let requested: (() => void) | undefined
    const inFlight = new Promise<void>((r) => { requested = r })
    const server = await serve({
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(
        [1, 2].map((n) => ({ guid: `term-${n}`, title: `${n}`, transcript: { url: `${server.url}/t${n}.vtt`, type: 'text/vtt' } })),
      )),
      '/t1.vtt': (_req, res) => { requested?.(); release = () => res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT) },
      '/t2.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT),
    })
    const transcripts = new Queue(QUEUE.transcripts, { connection: { url: config.redisUrl }, prefix: config.queuePrefix })
    const feeds = new Queue(QUEUE.feeds, { connection: { url: config.redisUrl }, prefix: config.queuePrefix })
    try {
      // Only the transcripts worker runs, one job at a time, so the second episode must wait.
      child = spawn(process.execPath, entryArgs('pipelines/worker-main.ts'), {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env, REDIS_URL: config.redisUrl, PODPIPE_QUEUE_PREFIX: config.queuePrefix, PODPIPE_DATA_DIR: config.dataDir,
          PODPIPE_STORES: 'file', PODPIPE_ALLOW_PRIVATE_ADDRESSES: 'true', LOG_LEVEL: 'silent', PODPIPE_CONCURRENCY: '1',
          PODPIPE_QUEUES: 'feeds,transcripts', PODPIPE_QUEUE_TUNING: JSON.stringify({ ...FAST, shutdownGraceMs: 10_000 }),
        },
      })
      await workersReady(child)
      const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)))
      const feedUrl = `${server.url}/feed.xml`
      await feeds.add(QUEUE.feeds, { feedId: feedIdOf(feedUrl), feedUrl }, { jobId: jobId('poll', `${feedIdOf(feedUrl)}-term`) })
      await inFlight
      child.kill('SIGTERM')
      // Give the worker time to (wrongly) pick up more work before the held job ends.
      await new Promise((r) => setTimeout(r, 300))
      release?.()
      expect(await exited).toBe(0)

      const jobs = await transcripts.getJobs(['completed', 'waiting', 'active', 'failed', 'delayed'])
      const states = await Promise.all(jobs.map(async (j) => [j.data.episodeId, await j.getState(), j.attemptsMade] as const))
      // The held job completed once, in this process; the other was never started.
      expect(states.map(([, s]) => s).sort()).toEqual(['completed', 'waiting'])
      expect(states.find(([, s]) => s === 'completed')?.[2]).toBe(1)
      expect(server.hits.get('/t2.vtt') ?? 0).toBe(0)
      await waitFor(async () => ((await transcripts.getActiveCount()) === 0 ? true : undefined))
    } finally {
      await transcripts.close()
      await feeds.close()
      await server.close()
    }
  }, 30_000)
})

describe('SIGTERM with a job that outlives the grace period', () => {
  it('exits 0 at the deadline and the job is completed once by the next worker', async () => {
    const cfg = testConfig()
    let first = true
    let requested: (() => void) | undefined
    const inFlight = new Promise<void>((r) => { requested = r })
    const server = await serve({
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(
        [{ guid: 'late-1', title: 'late', transcript: { url: `${server.url}/t.vtt`, type: 'text/vtt' } }],
      )),
      // The first request hangs past the grace period; later ones answer.
      '/t.vtt': (_req, res) => {
        if (first) { first = false; requested?.(); return }
        res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT)
      },
    })
    const env = {
      ...process.env, REDIS_URL: cfg.redisUrl, PODPIPE_QUEUE_PREFIX: cfg.queuePrefix, PODPIPE_DATA_DIR: cfg.dataDir,
      PODPIPE_STORES: 'file', PODPIPE_ALLOW_PRIVATE_ADDRESSES: 'true', LOG_LEVEL: 'silent',
      PODPIPE_QUEUES: 'feeds,transcripts', PODPIPE_QUEUE_TUNING: JSON.stringify({ ...FAST, shutdownGraceMs: 500 }),
    }
    const start = async () => {
      const proc = spawn(process.execPath, entryArgs('pipelines/worker-main.ts'), { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'], env })
      await workersReady(proc)
      return proc
    }
    const feeds = new Queue(QUEUE.feeds, { connection: { url: cfg.redisUrl }, prefix: cfg.queuePrefix })
    const transcripts = new Queue(QUEUE.transcripts, { connection: { url: cfg.redisUrl }, prefix: cfg.queuePrefix })
    let second: ChildProcess | undefined
    try {
      child = await start()
      const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)))
      const feedUrl = `${server.url}/feed.xml`
      await feeds.add(QUEUE.feeds, { feedId: feedIdOf(feedUrl), feedUrl }, { jobId: jobId('poll', `${feedIdOf(feedUrl)}-late`) })
      await inFlight
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      second = await start()
      const done = await waitFor(async () => (await transcripts.getCompleted())[0], { timeoutMs: 20_000, what: 'the transcript job to complete' })
      // Started twice (BullMQ counts the abandoned run as an attempt) and completed once.
      expect(done.attemptsStarted).toBe(2)
      expect(await transcripts.getCompletedCount()).toBe(1)
      expect(server.hits.get('/t.vtt')).toBe(2)
    } finally {
      second?.kill('SIGTERM')
      await feeds.close()
      await transcripts.close()
      await server.close()
      await obliterate(cfg)
    }
  }, 30_000)
})
