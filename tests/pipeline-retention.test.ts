import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce, startWorkers, type IngestResult, type RunningWorkers } from '../pipelines/runtime.js'
import { QUEUE, closeQueues, createQueues, withTuning } from '../src/queue/index.js'
import { FAST, obliterate, rss, seedHtml, serve, testConfig } from './helpers/pipeline-env.js'

// Retention keeps the newest 1,000 completed jobs a queue: on a busy Redis, or on a feed of
// thousands of new episodes whose chains ingest reads in turn, a chain's jobs can be gone before
// ingest reads it. Here every job of a chain is removed the moment it is published.
const config = testConfig()
let server: Awaited<ReturnType<typeof serve>>
let running: RunningWorkers
let result: IngestResult
const removed: string[] = []

beforeAll(async () => {
  server = await serve({
    '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(
      ['one', 'two', 'three'].map((guid, i) => ({ guid, title: `Episode ${guid}`, body: seedHtml(49 + i, 90 + i) })),
    )),
  })
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null })
  const queues = createQueues(redis, config.queuePrefix, withTuning(FAST))
  running = await startWorkers(config, [QUEUE.feeds, QUEUE.transcripts, QUEUE.analyze, QUEUE.publish], { tuning: FAST })
  const publish = running.workers.find((w) => w.name === QUEUE.publish)!
  publish.on('completed', (job) => {
    const chainId = job.id!.slice(`${QUEUE.publish}-`.length)
    void Promise.all([QUEUE.transcripts, QUEUE.analyze, QUEUE.publish].map((q) => queues[q].remove(`${q}-${chainId}`)))
      .then(() => removed.push(chainId))
  })
  try {
    // Each look comes seconds apart, long after the chains were published and their jobs removed.
    result = await ingestOnce(config, `${server.url}/feed.xml`, () => {}, { startWorkers: false, pollMs: 3_000, timeoutMs: 20_000 })
  } finally {
    await running.close()
    await closeQueues(queues)
    redis.disconnect()
  }
}, 60_000)

afterAll(async () => {
  await server.close()
  await obliterate(config)
})

describe('a chain whose jobs retention removed before ingest read it', () => {
  it('is reported published, from publish\'s summary, without waiting for the timeout', () => {
    expect(removed).toHaveLength(3)
    expect(result.gaveUp).toBeUndefined()
    expect(result.inProgress).toBe(0)
    expect(result.published).toBe(3)
  })
})
