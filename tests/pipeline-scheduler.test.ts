import { randomBytes } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startFeedScheduler, type RunningFeedScheduler } from '../pipelines/feed-scheduler.js'
import { startWorkers } from '../pipelines/runtime.js'
import { addFeeds, listFeeds } from '../src/feeds/index.js'
import { createPostgresStore, type SqlRecordStore } from '../src/store/postgres/index.js'
import { FAST, PG_URL, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'

// Every feed due every second, a tick every second: several due times within the test.
const config = testConfig({ PODPIPE_POLL_TICK_S: '1', PODPIPE_POLL_MIN_INTERVAL_S: '1', PODPIPE_POLL_MAX_INTERVAL_S: '1', PODPIPE_POLL_BATCH_SIZE: '2' })
const schema = `podpipe_sched_${randomBytes(5).toString('hex')}`
const stores: SqlRecordStore[] = []

afterAll(async () => {
  await Promise.allSettled(stores.map((s) => s.close()))
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.end()
  await obliterate(config)
})

describe('several schedulers at once', () => {
  it('poll each feed once per due time, however many claim', async () => {
    const polls = new Map<string, number[]>()
    const feed = (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(304, { etag: '"x"' }).end()
    const server = await serve(Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [`/${n}.xml`, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      polls.set(n, [...(polls.get(n) ?? []), Date.now()])
      if (req.headers['if-none-match'] === '"x"') return feed(req, res)
      res.writeHead(200, { etag: '"x"' }).end(rss([]))
    }])))
    // Each scheduler and the worker on its own pool, as separate processes would be.
    const open = async () => {
      const store = await createPostgresStore({ connectionString: PG_URL, schema })
      stores.push(store)
      await store.ping()
      return store
    }
    const db = await open()
    await addFeeds(db, ['a', 'b', 'c', 'd', 'e'].map((n) => ({ url: `${server.url}/${n}.xml` })), { now: new Date(), bounds: { minS: 1, maxS: 1 } })
    const running = await startWorkers(config, ['polls'], { registry: await open(), tuning: FAST })
    const schedulers: RunningFeedScheduler[] = []
    try {
      for (let i = 0; i < 3; i++) schedulers.push(await startFeedScheduler(config, { registry: await open(), tuning: FAST }))
      await delay(6_000)
    } finally {
      await Promise.all(schedulers.map((s) => s.close()))
      await running.close()
      await server.close()
    }
    for (const [name, times] of polls) {
      expect(times.length, name).toBeGreaterThanOrEqual(3)
      // A feed claimed twice for one due time would be requested twice within milliseconds.
      const gaps = times.slice(1).map((t, i) => t - times[i]!)
      expect(Math.min(...gaps), name).toBeGreaterThanOrEqual(400)
    }
    expect(polls.size).toBe(5)
    const rows = await listFeeds(db)
    expect(rows.every((r) => r.lastStatus === 'not-modified' && r.consecutiveErrors === 0)).toBe(true)
  }, 60_000)
})
