/**
 * Does sandboxing the CPU-bound stages help? Runs the same turns jobs with the stage in-process
 * and sandboxed, and reports the worker process's event-loop delay (what delays lock renewal
 * and every I/O stage in the process) and the wall time.
 *
 *   node --import tsx pipelines/measure-sandbox.ts [jobs=40] [copies=8] [turns|claims]
 *
 * Needs Redis at REDIS_URL (default 127.0.0.1:6379); uses a throw-away prefix.
 */
import { readFileSync } from 'node:fs'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { Redis } from 'ioredis'
import { loadConfig } from '../src/config/index.js'
import { QUEUE, createQueues, jobId, type QueueName } from '../src/queue/index.js'
import { readTranscript } from '../src/transcript/index.js'
import { splitTurns } from '../src/turns/index.js'
import { startWorkers } from './runtime.js'
import { createDeps, closeDeps } from '../src/stage/index.js'
import type { TranscriptBlob, TurnsBlob } from '../src/stage/index.js'

const jobs = Number(process.argv[2] ?? 40)
const copies = Number(process.argv[3] ?? 8)
const stage = process.argv[4] === 'claims' ? QUEUE.claims : QUEUE.turns
const next = stage === QUEUE.claims ? QUEUE.publish : QUEUE.claims
const seed = readFileSync(new URL('../fixtures/seed/seed.vtt', import.meta.url))
const { paragraphs } = readTranscript(seed, { fileName: 'seed.vtt' })
// A long episode: the seed transcript several times over.
const big = Array.from({ length: copies }, () => paragraphs).flat()

const run = async (sandbox: boolean) => {
  const prefix = `ppbench-${sandbox ? 'sandbox' : 'inline'}-${Date.now()}`
  const config = loadConfig({ ...process.env, PODPIPE_QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent', PODPIPE_CONCURRENCY: '4' })
  const deps = await createDeps(config)
  const carried = { transcript: { source: 'file' as const, format: 'vtt' as const, url: null, sha256: null, wordCount: 0 }, warnings: [], stageMs: {} }
  const transcriptBlob: TranscriptBlob = { paragraphs: big, ...carried }
  const turnsBlob: TurnsBlob = { ...splitTurns(big), ...carried }
  for (let i = 0; i < jobs; i++) {
    if (stage === QUEUE.turns) await deps.blobs.put(`bench-${i}`, 'transcript', transcriptBlob)
    else await deps.blobs.put(`bench-${i}`, 'turns', turnsBlob)
  }
  const workers = await startWorkers(config, [stage], { sandbox, tuning: { lockDurationMs: 30_000 } })
  let stalled = 0
  workers.workers[0]?.on('stalled', () => { stalled++ })
  // Warm-up job so child start-up is not billed to the measurement.
  const add = (i: number) => deps.queues[stage].add(stage, { chainId: `bench-${i}`, episodeId: `bench-${i}`, feedId: 'bench', feedUrl: 'bench' }, { jobId: jobId(stage, `bench-${i}`) })
  await add(0)
  while ((await deps.queues[next].getWaitingCount()) < 1) await new Promise((r) => setTimeout(r, 20))
  const lag = monitorEventLoopDelay({ resolution: 10 })
  lag.enable()
  const started = performance.now()
  for (let i = 1; i < jobs; i++) await add(i)
  while ((await deps.queues[next].getWaitingCount()) < jobs) await new Promise((r) => setTimeout(r, 20))
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
  return { stage, mode: sandbox ? 'sandboxed' : 'in-process', jobs: jobs - 1, paragraphs: big.length, wallMs: Math.round(wall), lagP50Ms: Math.round(lag.percentile(50) / 1e6), lagP99Ms: Math.round(lag.percentile(99) / 1e6), lagMaxMs: Math.round(lag.max / 1e6), stalled }
}

console.table([await run(false), await run(true)])
