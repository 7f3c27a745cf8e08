// Redis holds only work in flight and derived state (queues, blobs, remembered feed hashes); the
// feeds and the stores are the sources of truth. So when Redis loses everything (FLUSHALL, or a
// restart without persistence), the next poll is the reconcile cycle: it finds the episodes whose
// work was lost unknown again, re-creates that work, and the idempotent stores keep one record
// each. With PostgreSQL, finished episodes are remembered there, so only lost work is redone.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce, startWorkers } from '../pipelines/runtime.js'
import { QUEUE, closeQueues, createQueues, feedIdOf, jobId, parseJobData } from '../src/queue/index.js'
import { FAST, PG_URL, SMALL_VTT, rss, serve, testConfig } from './helpers/pipeline-env.js'
import { startRedisServer, type TestRedis } from './helpers/redis-server.js'

const schema = `podpipe_flush_${randomBytes(5).toString('hex')}`
afterAll(async () => {
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.end()
})

const SETUPS: { name: string; env: Record<string, string>; options: { postgresSchema?: string }; republishedAfterRun: number; marksInRedis: number }[] = [
  { name: 'Redis alone', env: {}, options: {}, republishedAfterRun: 3, marksInRedis: 3 },
  { name: 'PostgreSQL', env: { PODPIPE_STORES: 'file,postgres', DATABASE_URL: PG_URL }, options: { postgresSchema: schema }, republishedAfterRun: 0, marksInRedis: 0 },
]

describe.each(SETUPS)('Redis loses every key (FLUSHALL), items remembered by $name', ({ env, options, republishedAfterRun, marksInRedis }) => {
  let redis: TestRedis
  let server: Awaited<ReturnType<typeof serve>>
  let config: ReturnType<typeof testConfig>
  const feedUrl = () => `${server.url}/feed.xml`
  const flushAll = async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 })
    await client.flushall()
    client.disconnect()
  }
  const changeLog = () => {
    const path = join(config.dataDir, 'changes.jsonl')
    return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n') : []
  }

  beforeAll(async () => {
    redis = await startRedisServer()
    config = testConfig({ REDIS_URL: redis.url, ...env })
    server = await serve({
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(
        [1, 2, 3].map((n) => ({ guid: `ep-${n}`, title: `Episode ${n}`, transcript: { url: `${server.url}/t${n}.vtt`, type: 'text/vtt' } })),
      )),
      ...Object.fromEntries([1, 2, 3].map((n) => [`/t${n}.vtt`, (_req: unknown, res: import('node:http').ServerResponse) =>
        res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT.replace('Welcome to the show.', `Welcome to episode ${n}.`))])),
    })
  })

  afterAll(async () => {
    await server?.close()
    await redis?.destroy()
  })

  it('restores work that was accepted but not yet processed: the next poll queues it again', async () => {
    // Only the feed worker runs, so the poll's three chains wait in the transcripts queue.
    const pollers = await startWorkers(config, [QUEUE.feeds], { tuning: FAST, ...options })
    const queues = createQueues(pollers.deps.redis, config.queuePrefix)
    const feedId = feedIdOf(feedUrl())
    await queues.feeds.add(QUEUE.feeds, parseJobData(QUEUE.feeds, { feedId, feedUrl: feedUrl() }), { jobId: jobId('poll', `${feedId}-1`) })
    for (let i = 0; i < 100 && (await queues.transcripts.getWaitingCount()) < 3; i++) await delay(50)
    expect(await queues.transcripts.getWaitingCount()).toBe(3)
    await closeQueues(queues)
    await pollers.close()

    await flushAll()
    const result = await ingestOnce(config, feedUrl(), () => {}, { tuning: FAST, pollMs: 50, timeoutMs: 60_000, ...options })
    expect(result).toMatchObject({ found: 3, unchanged: 0, published: 3, failed: 0 })
    expect(changeLog()).toHaveLength(3)
  }, 60_000)

  it(`after a flush of a finished run, republishes ${republishedAfterRun} episodes, and the stores still hold one record per episode`, async () => {
    // What Redis remembers per episode once every chain has finished.
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 })
    const feed = `${config.queuePrefix}:feed:${feedIdOf(feedUrl())}`
    expect((await client.hlen(`${feed}:seen`)) + (await client.hlen(`${feed}:in-flight`))).toBe(marksInRedis)
    client.disconnect()
    await flushAll()
    const result = await ingestOnce(config, feedUrl(), () => {}, { tuning: FAST, pollMs: 50, timeoutMs: 60_000, ...options })
    expect(result).toMatchObject({ found: 3, published: republishedAfterRun, unchanged: 3 - republishedAfterRun, failed: 0 })
    expect(changeLog()).toHaveLength(3)
  }, 60_000)
})
