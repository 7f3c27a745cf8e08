import { readFileSync } from 'node:fs'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorkers, type RunningWorkers } from '../pipelines/runtime.js'
import { QUEUE, createQueues, feedIdOf, jobId } from '../src/queue/index.js'
import { FAST, REPO, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'
import { waitForQuiescence } from './helpers/quiescence.js'
import { startRedisServer, type TestRedis } from './helpers/redis-server.js'

/** PODPIPE_MEMORY_EPISODES=1000 for the full measurement; the default keeps the suite quick. */
const EPISODES = Number(process.env.PODPIPE_MEMORY_EPISODES ?? 200)
const LIMIT_FOR_1000 = 100 * 1024 * 1024
const vtt = readFileSync(`${REPO}fixtures/seed/seed.vtt`)

const usedMemory = async (redis: Redis): Promise<number> =>
  Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? Number.NaN)

describe('Redis memory is bounded by work in flight', () => {
  let redisServer: TestRedis
  let server: Awaited<ReturnType<typeof serve>>
  let workers: RunningWorkers
  let client: Redis
  let config: ReturnType<typeof testConfig>

  beforeAll(async () => {
    redisServer = await startRedisServer()
    // Compressed blobs, as a deployment that expects a backlog (a store outage) sets them: by
    // default a seed-size record goes plain (≈ 330 KB in V8's format), cheaper in CPU than compressing it.
    config = testConfig({ REDIS_URL: redisServer.url, PODPIPE_CONCURRENCY: '16', PODPIPE_MAX_ITEMS_PER_FEED: String(EPISODES), PODPIPE_BLOB_COMPRESS_MIN_BYTES: '0' })
    client = new Redis(redisServer.url)
    client.on('error', () => {})
    server = await serve({
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(
        Array.from({ length: EPISODES }, (_, i) => ({ guid: `mem-${i}`, title: `Episode ${i}`, transcript: { url: `${server.url}/seed.vtt?ep=${i}`, type: 'text/vtt' } })),
      )),
      '/seed.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/vtt' }).end(vtt),
    })
  })

  afterAll(async () => {
    await workers?.close()
    await server?.close()
    client?.disconnect()
    await obliterate(config).catch(() => {})
    await redisServer?.destroy()
  })

  it(`stays under 100 MB per 1,000 seed-size episodes piled up before the slowest stage, blobs compressed (${EPISODES} episodes)`, async () => {
    const baseline = await usedMemory(client)
    // No publish worker: every chain stops with its record in the blob area, the most Redis can hold per episode.
    workers = await startWorkers(config, [QUEUE.feeds, QUEUE.transcripts, QUEUE.analyze], { tuning: FAST })
    const queues = createQueues(client, config.queuePrefix)
    const feedUrl = `${server.url}/feed.xml`
    await queues.feeds.add(QUEUE.feeds, { feedId: feedIdOf(feedUrl), feedUrl }, { jobId: jobId('poll', `${feedIdOf(feedUrl)}-mem`) })
    await waitForQuiescence([queues.feeds, queues.transcripts, queues.analyze], { timeoutMs: 600_000 })
    expect(await queues.publish.getWaitingCount()).toBe(EPISODES)

    const used = (await usedMemory(client)) - baseline
    const blobs = await client.keys(`${config.queuePrefix}:blob:*`)
    // Each stage deleted what it read: only the record, which carries what publish needs, remains per chain.
    expect(blobs.filter((k) => k.endsWith(':analyzed'))).toHaveLength(EPISODES)
    expect(blobs.filter((k) => !k.endsWith(':analyzed'))).toEqual([])
    console.info(`redis used_memory for ${EPISODES} seed-size episodes in flight: ${(used / 1024 / 1024).toFixed(1)} MB (${Math.round(used / EPISODES / 1024)} KB each)`)
    expect((used / EPISODES) * 1000).toBeLessThan(LIMIT_FOR_1000)
    await Promise.all(Object.values(queues).map((q) => q.close()))
  }, 660_000)
})
