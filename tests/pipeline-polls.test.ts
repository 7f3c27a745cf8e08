import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startFeedScheduler } from '../pipelines/feed-scheduler.js'
import { startWorkers } from '../pipelines/runtime.js'
import { addFeeds, listFeeds, type FeedRow, type RegistryDb } from '../src/feeds/index.js'
import { createFeedState, feedIdOf } from '../src/queue/index.js'
import { createPostgresStore, type SqlRecordStore } from '../src/store/postgres/index.js'
import { FAST, PG_URL, SMALL_VTT, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'
import { waitFor, waitForQuiescence } from './helpers/quiescence.js'

const config = testConfig({ PODPIPE_POLL_BATCH_SIZE: '3', PODPIPE_POLL_HOST_CONCURRENCY: '1' })
const schema = `podpipe_polls_${randomBytes(5).toString('hex')}`
const bounds = { minS: config.polling.minIntervalS, maxS: config.polling.maxIntervalS }
let store: SqlRecordStore | undefined

afterAll(async () => {
  await store?.close()
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.end()
  await obliterate(config)
})

/** A feed that answers 304 to the ETag it last sent. */
const conditional = (etag: string, body: () => string) => (req: IncomingMessage, res: ServerResponse) => {
  if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end()
  res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body())
}

const byUrl = async (db: RegistryDb): Promise<Map<string, FeedRow>> => new Map((await listFeeds(db)).map((f) => [f.url, f]))

describe('feeds scheduled from the registry in batches', () => {
  it('polls due feeds once, hands changed ones to the pipeline, keeps 304s cheap and honours Retry-After per host', async () => {
    store = await createPostgresStore({ connectionString: PG_URL, schema })
    await store.ping()
    const db: RegistryDb = store
    const feedServer = await serve({
      '/a.xml': conditional('"a1"', () => rss([{ guid: 'a-1', title: 'A one', transcript: { url: `${feedServer.url}/a-1.vtt`, type: 'text/vtt' } }])),
      '/a-1.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT),
      '/b.xml': conditional('"b1"', () => rss([{ guid: 'b-1', title: 'B one', body: '<p>Jordan Schneider: Tariffs rose 10% in 2025.</p>' }])),
      '/c.xml': conditional('"c1"', () => rss([])),
    })
    // A second host, on another port, that asks everyone to wait two minutes.
    const busyHost = await serve({
      '/d.xml': (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end(),
      '/e.xml': (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end(),
    })
    const urls = ['a', 'b', 'c'].map((n) => `${feedServer.url}/${n}.xml`)
    const busy = ['d', 'e'].map((n) => `${busyHost.url}/${n}.xml`)
    // The busy host's feeds are due first, so one batch holds both and polls them one at a time.
    await addFeeds(db, busy.map((url) => ({ url })), { now: new Date(Date.now() - 2000), bounds })
    await addFeeds(db, urls.map((url) => ({ url, speakers: ['Jordan Schneider', 'Chris Miller'] })), { now: new Date(Date.now() - 1000), bounds })

    const running = await startWorkers(config, ['polls', 'feeds', 'transcripts', 'analyze', 'publish'], { registry: db, tuning: FAST, analysis: 'inline' })
    const batches: number[] = []
    // Several schedulers at once: the claim, not the tick, decides who polls a feed.
    const schedulers = await Promise.all([1, 2, 3].map(() =>
      startFeedScheduler(config, { registry: db, tuning: FAST, pollOnStart: false, onBatch: (_id, n) => batches.push(n) })))
    try {
      await Promise.all(schedulers.map((s) => s.tick()))
      expect(batches.reduce((a, b) => a + b, 0)).toBe(5)
      expect(Math.max(...batches)).toBeLessThanOrEqual(3)
      await waitForQuiescence(Object.values(running.deps.queues), { timeoutMs: 60_000 })

      const first = await byUrl(db)
      expect(urls.map((u) => [first.get(u)?.lastStatus, first.get(u)?.etag])).toEqual([['changed', '"a1"'], ['changed', '"b1"'], ['changed', '"c1"']])
      // One host asked to wait: the feed asked first is throttled, the other never requested.
      expect((busyHost.hits.get('/d.xml') ?? 0) + (busyHost.hits.get('/e.xml') ?? 0)).toBe(1)
      const [d, e] = busy.map((u) => first.get(u)!).sort((x, y) => (x.lastStatus === 'throttled' ? -1 : y.lastStatus === 'throttled' ? 1 : 0)) as [FeedRow, FeedRow]
      expect(d).toMatchObject({ lastStatus: 'throttled', consecutiveErrors: 0 })
      expect(d.nextPollAt.getTime() - Date.now()).toBeGreaterThan(100_000)
      expect(e).toMatchObject({ lastStatus: null, lastPolledAt: null })
      expect(e.nextPollAt.getTime() - Date.now()).toBeGreaterThan(100_000)
      for (const f of first.values()) expect(f.nextPollAt.getTime()).toBeGreaterThan(Date.now())
      // The changed feeds' episodes flow as before.
      const records = () => (existsSync(join(config.dataDir, 'records')) ? readdirSync(join(config.dataDir, 'records')).filter((f) => f.endsWith('.json')) : [])
      await waitFor(() => (records().length === 2 ? true : undefined), { what: 'two records', timeoutMs: 30_000 })

      // Nothing is due: a tick claims nothing.
      expect(await schedulers[0]!.tick()).toBe(0)
      // Due again: the feeds answer 304, which starts nothing but costs the request and the write-back.
      const feedJobsBefore = await running.deps.queues.feeds.getJobCountByTypes('completed', 'failed')
      await store.sql.query(`UPDATE ${schema}.feeds SET next_poll_at = now() - interval '1 second' WHERE host = $1`, [feedServer.url])
      expect(await schedulers[1]!.tick()).toBe(3)
      await waitForQuiescence(Object.values(running.deps.queues), { timeoutMs: 30_000 })
      const second = await byUrl(db)
      expect(urls.map((u) => second.get(u)?.lastStatus)).toEqual(['not-modified', 'not-modified', 'not-modified'])
      expect(urls.map((u) => second.get(u)?.etag)).toEqual(['"a1"', '"b1"', '"c1"'])
      expect(await running.deps.queues.feeds.getJobCountByTypes('completed', 'failed')).toBe(feedJobsBefore)
      expect(feedServer.hits.get('/a.xml')).toBe(2)
      expect(records()).toHaveLength(2)

      // A feed that has answered 304 for a day is read in full once, by its feed job, which
      // rechecks its transcripts; then it is back to conditional GETs.
      // Due a day ago: a feed job's id is the feed and its due second, and a due time set to "now - 1 s"
      // again could fall in the second of the first poll when the test runs fast, naming the job
      // that already ran.
      await store.sql.query(`UPDATE ${schema}.feeds SET next_poll_at = now() - interval '1 day', rechecked_at = now() - interval '2 days' WHERE url = $1`, [urls[0]])
      expect(await schedulers[2]!.tick()).toBe(1)
      await waitForQuiescence(Object.values(running.deps.queues), { timeoutMs: 30_000 })
      expect(await running.deps.queues.feeds.getJobCountByTypes('completed', 'failed')).toBe(feedJobsBefore + 1)
      // The batch's conditional GET, then the feed job's full read.
      expect(feedServer.hits.get('/a.xml')).toBe(4)
      const third = await byUrl(db)
      expect(Date.now() - third.get(urls[0]!)!.recheckedAt!.getTime()).toBeLessThan(60_000)
      expect(records()).toHaveLength(2)
    } finally {
      await Promise.all(schedulers.map((s) => s.close()))
      await running.close()
      await feedServer.close()
      await busyHost.close()
    }
  }, 120_000)

  it('an episode that failed for a transient reason brings its feed\'s next poll forward, to read it in full', async () => {
    const db: RegistryDb = store!
    const url = 'https://retry.example/feed.xml'
    const soon = 'https://retry.example/soon.xml'
    // Due in a day, as a weekly show is; the other feed is due in a minute already.
    await addFeeds(db, [{ url }], { now: new Date(Date.now() + 86_400_000), bounds })
    await addFeeds(db, [{ url: soon }], { now: new Date(Date.now() + 60_000), bounds })
    await store!.sql.query(`UPDATE ${schema}.feeds SET etag = '"r1"', last_modified = 'Mon, 01 Jun 2026 10:00:00 GMT' WHERE url = $1`, [url])
    const redis = new Redis(config.redisUrl)
    const scheduler = await startFeedScheduler(config, { registry: db, pollOnStart: false })
    try {
      const state = createFeedState(redis, config.queuePrefix)
      for (const u of [url, soon]) {
        await state.markSeen(feedIdOf(u), [['ep-1', 'h1']])
        expect(await state.retryLater(feedIdOf(u), 'ep-1', 'h1')).toBe(true)
      }
      const before = Date.now()
      await scheduler.tick()
      const after = await byUrl(db)
      expect(after.get(url)).toMatchObject({ etag: null, lastModified: null })
      // Within the minimum interval, not a day away; a poll due sooner keeps its time.
      const next = after.get(url)!.nextPollAt.getTime()
      expect(next).toBeGreaterThanOrEqual(before + config.polling.minIntervalS * 1000 - 1000)
      expect(next).toBeLessThanOrEqual(Date.now() + config.polling.minIntervalS * 1000)
      expect(after.get(soon)!.nextPollAt.getTime()).toBeLessThanOrEqual(before + 60_000)
    } finally {
      await scheduler.close()
      redis.disconnect()
    }
  })
})
