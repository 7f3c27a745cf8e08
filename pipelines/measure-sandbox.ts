/**
 * Does sandboxing the CPU-bound stages help? Runs the same turns jobs with the stage in-process
 * and sandboxed, and reports the worker process's event-loop delay (what delays lock renewal
 * and every I/O stage in the process) and the wall time.
 *
 *   node --import tsx pipelines/measure-sandbox.ts [jobs=40] [copies=8]
 *
 * Needs Redis at REDIS_URL (default 127.0.0.1:6379); uses a throw-away prefix.
 */
import { readFileSync } from 'node:fs'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { Redis } from 'ioredis'
import { loadConfig } from '../src/config/index.js'
import { QUEUE, createQueues, jobId, type QueueName } from '../src/queue/index.js'
import { readTranscript } from '../src/transcript/index.js'
import { startWorkers } from './runtime.js'
import { createDeps, closeDeps } from './deps.js'
import type { TranscriptBlob } from './blob-types.js'

const jobs = Number(process.argv[2] ?? 40)
const copies = Number(process.argv[3] ?? 8)
const seed = readFileSync(new URL('../fixtures/seed/seed.vtt', import.meta.url))
const { paragraphs } = readTranscript(seed, { fileName: 'seed.vtt' })
// A long episode: the seed transcript several times over.
const big = Array.from({ length: copies }, () => paragraphs).flat()

const run = async (sandbox: boolean) => {
  const prefix = `ppbench-${sandbox ? 'sandbox' : 'inline'}-${Date.now()}`
  const config = loadConfig({ ...process.env, PODPIPE_QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent', PODPIPE_CONCURRENCY: '4' })
  const deps = await createDeps(config)
  for (let i = 0; i < jobs; i++) {
    const blob: TranscriptBlob = { paragraphs: big, transcript: { source: 'file', format: 'vtt', url: null, sha256: null, wordCount: 0 }, warnings: [], stageMs: {} }
    await deps.blobs.put(`bench-${i}`, 'transcript', blob)
  }
  const workers = await startWorkers(config, [QUEUE.turns], { sandbox, tuning: { lockDurationMs: 30_000 } })
  let stalled = 0
  workers.workers[0]?.on('stalled', () => { stalled++ })
  // Warm-up job so child start-up is not billed to the measurement.
  const add = (i: number) => deps.queues.turns.add(QUEUE.turns, { chainId: `bench-${i}`, episodeId: `bench-${i}`, feedId: 'bench', feedUrl: 'bench' }, { jobId: jobId('turns', `bench-${i}`) })
  await add(0)
  while ((await deps.queues.claims.getWaitingCount()) < 1) await new Promise((r) => setTimeout(r, 20))
  const lag = monitorEventLoopDelay({ resolution: 10 })
  lag.enable()
  const started = performance.now()
  for (let i = 1; i < jobs; i++) await add(i)
  while ((await deps.queues.claims.getWaitingCount()) < jobs) await new Promise((r) => setTimeout(r, 20))
  const wall = performance.now() - started
  lag.disable()
  await workers.close()
  const redis = new Redis(config.redisUrl)
  const queues = createQueues(redis, prefix)
  for (const name of Object.keys(queues) as QueueName[]) await queues[name].obliterate({ force: true })
  await Promise.all(Object.values(queues).map((q) => q.close()))
  for (const key of await redis.keys(`${prefix}:*`)) await redis.del(key)
  redis.disconnect()
  await closeDeps(deps)
  return { mode: sandbox ? 'sandboxed' : 'in-process', jobs: jobs - 1, paragraphs: big.length, wallMs: Math.round(wall), lagP50Ms: Math.round(lag.percentile(50) / 1e6), lagP99Ms: Math.round(lag.percentile(99) / 1e6), lagMaxMs: Math.round(lag.max / 1e6), stalled }
}

console.table([await run(false), await run(true)])
