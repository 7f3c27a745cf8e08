import { readdirSync } from 'node:fs'
import { setTimeout as delay } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce, startWorkers, type RunningWorkers } from '../pipelines/runtime.js'
import { connectRedis, preflight } from '../src/queue/index.js'
import { FAST, SMALL_VTT, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'
import { sparePort, startRedisServer, type TestRedis } from './helpers/redis-server.js'

const recordFiles = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((p) => p.endsWith('.json'))

describe('Redis restarted under a running pipeline', () => {
  let redis: TestRedis
  let server: Awaited<ReturnType<typeof serve>>
  let workers: RunningWorkers
  let config: ReturnType<typeof testConfig>
  let onTranscript: (() => Promise<void>) | undefined
  // Lock outlives the outage, so a job paused by the restart is not also declared stalled.
  const tuning = { ...FAST, lockDurationMs: 10_000 }

  beforeAll(async () => {
    redis = await startRedisServer()
    config = testConfig({ REDIS_URL: redis.url, LOG_LEVEL: process.env.PODPIPE_TEST_LOG ?? 'silent' })
    server = await serve({
      ...Object.fromEntries(['idle', 'busy'].map((name) => [`/${name}.xml`, (_req: unknown, res: import('node:http').ServerResponse) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(
          [1, 2, 3].map((n) => ({ guid: `${name}-${n}`, title: `${name} ${n}`, transcript: { url: `${server.url}/t.vtt?${name}${n}`, type: 'text/vtt' } })),
        ))])),
      '/t.vtt': (_req, res) => {
        const hook = onTranscript
        onTranscript = undefined
        void (hook ?? (async () => {}))().then(() => res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT))
      },
    })
    workers = await startWorkers(config, undefined, { tuning })
  })

  afterAll(async () => {
    await workers?.close()
    await server?.close()
    await obliterate(config).catch(() => {})
    await redis?.destroy()
  })

  it('resumes after a restart while idle, without restarting podpipe', async () => {
    await redis.stop()
    await delay(300)
    await redis.start()
    const result = await ingestOnce(config, `${server.url}/idle.xml`, () => {}, { tuning, startWorkers: false })
    expect(result).toMatchObject({ found: 3, published: 3, failed: 0 })
  }, 30_000)

  it('loses nothing when Redis restarts while jobs are in flight', async () => {
    const before = recordFiles(config.dataDir).length
    // The first transcript request stops Redis, waits, starts it again, and only then answers.
    onTranscript = async () => {
      await redis.stop()
      await delay(500)
      await redis.start()
    }
    const result = await ingestOnce(config, `${server.url}/busy.xml`, () => {}, { tuning, startWorkers: false })
    expect(result).toMatchObject({ found: 3, published: 3, failed: 0 })
    expect(recordFiles(config.dataDir).length - before).toBe(3)
    expect(workers.health().every((h) => h.running)).toBe(true)
  }, 30_000)
})

describe('Redis preflight', () => {
  it('refuses a Redis that may evict keys, saying how to fix it', async () => {
    const lru = await startRedisServer(['--maxmemory-policy', 'allkeys-lru'])
    try {
      const config = testConfig({ REDIS_URL: lru.url })
      await expect(startWorkers(config)).rejects.toThrow(/maxmemory-policy is "allkeys-lru".*CONFIG SET maxmemory-policy noeviction/)
      const conn = await connectRedis(lru.url, 'producer')
      await conn.config('SET', 'maxmemory-policy', 'noeviction')
      await expect(preflight(conn)).resolves.toMatchObject({ policy: 'noeviction' })
      conn.disconnect()
    } finally {
      await lru.destroy()
    }
  })

  it('says how to get a Redis when none answers', async () => {
    const port = await sparePort()
    const config = testConfig({ REDIS_URL: `redis://127.0.0.1:${port}` })
    await expect(startWorkers(config)).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\. Start one with `redis-server` \(or `docker compose up -d redis`\)/)
  })
})
