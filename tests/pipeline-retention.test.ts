import { createHash } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce, startWorkers, type IngestResult, type RunningWorkers } from '../pipelines/runtime.js'
import type { Config } from '../src/config/index.js'
import { QUEUE, closeQueues, createQueues, withTuning } from '../src/queue/index.js'
import { FAST, SMALL_VTT, obliterate, rss, seedHtml, serve, testConfig } from './helpers/pipeline-env.js'

// Retention keeps the newest 1,000 completed jobs a queue: on a busy Redis, or on a feed of
// thousands of new episodes whose chains ingest reads in turn, a chain's jobs can be gone before
// ingest reads it. Here a chain's jobs are removed the moment it ends, and ingest reads seconds later.
const ETAG = `"${createHash('sha256').update(SMALL_VTT).digest('hex').slice(0, 12)}"`
let server: Awaited<ReturnType<typeof serve>>
const configs: Config[] = []

beforeAll(async () => {
  server = await serve({
    '/posts.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(
      ['one', 'two', 'three'].map((guid, i) => ({ guid, title: `Episode ${guid}`, body: seedHtml(49 + i, 90 + i) })),
    )),
    '/transcripts.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([
      { guid: 'vtt', title: 'With a transcript', transcript: { url: `${server.url}/small.vtt`, type: 'text/vtt' } },
    ])),
    '/small.vtt': (req, res) => req.headers['if-none-match'] === ETAG
      ? res.writeHead(304, { etag: ETAG }).end()
      : res.writeHead(200, { 'content-type': 'text/vtt', etag: ETAG }).end(SMALL_VTT),
  })
})

afterAll(async () => {
  await server.close()
  await Promise.all(configs.map(obliterate))
})

/**
 * One ingest of `feed` by workers of this test, which remove every job of a chain once `ended`
 * says its job on `queue` ended the chain; each look of the ingest comes 3 s after the last.
 */
const ingestRemovingJobs = async (config: Config, feed: string, queue: typeof QUEUE.transcripts | typeof QUEUE.publish, ended: (returned: unknown) => boolean) => {
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null })
  const queues = createQueues(redis, config.queuePrefix, withTuning(FAST))
  const running: RunningWorkers = await startWorkers(config, [QUEUE.feeds, QUEUE.transcripts, QUEUE.analyze, QUEUE.publish], { tuning: FAST })
  const removed: string[] = []
  running.workers.find((w) => w.name === queue)!.on('completed', (job, returned) => {
    if (!ended(returned)) return
    const chainId = job.id!.slice(`${queue}-`.length)
    void Promise.all([QUEUE.transcripts, QUEUE.analyze, QUEUE.publish].map((q) => queues[q].remove(`${q}-${chainId}`)))
      .then(() => removed.push(chainId))
  })
  try {
    const result = await ingestOnce(config, `${server.url}${feed}`, () => {}, { startWorkers: false, pollMs: 3_000, timeoutMs: 20_000 })
    return { result, removed }
  } finally {
    await running.close()
    await closeQueues(queues)
    redis.disconnect()
  }
}

describe('a chain whose jobs retention removed before ingest read it', () => {
  let published: { result: IngestResult; removed: string[] }
  let rechecked: { result: IngestResult; removed: string[] }

  beforeAll(async () => {
    const posts = testConfig()
    const transcripts = testConfig()
    configs.push(posts, transcripts)
    published = await ingestRemovingJobs(posts, '/posts.xml', QUEUE.publish, () => true)
    // The first ingest publishes the episode; the second rechecks its transcript and finds it unchanged (304).
    await ingestOnce(transcripts, `${server.url}/transcripts.xml`, () => {}, { tuning: FAST, pollMs: 50 })
    rechecked = await ingestRemovingJobs(transcripts, '/transcripts.xml', QUEUE.transcripts, (r) => (r as { unchanged?: boolean }).unchanged === true)
  }, 90_000)

  it('is reported published, from publish\'s summary, without waiting for the timeout', () => {
    expect(published.removed).toHaveLength(3)
    expect(published.result.gaveUp).toBeUndefined()
    expect(published.result.inProgress).toBe(0)
    expect(published.result.published).toBe(3)
  })

  it('is reported unchanged when it rechecked a transcript and found it unchanged', () => {
    expect(rechecked.removed).toHaveLength(1)
    expect(rechecked.result.gaveUp).toBeUndefined()
    expect(rechecked.result.episodes.map((e) => e.status)).toEqual(['unchanged'])
  })
})
