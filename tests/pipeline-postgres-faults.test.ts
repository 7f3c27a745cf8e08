// 50 episodes in flight through the whole pipeline (real Redis, real workers in this process)
// while PostgreSQL fails under them: sessions terminated, connections cut mid-write, the
// server restarting, a failover to another address, a statement timeout. Every episode must
// end with one record file and one row, each logged once, and nothing may end the process.
import { randomBytes } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import { Queue } from 'bullmq'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce } from '../pipelines/runtime.js'
import { census, countRows, serveFeed, type FeedServer } from './helpers/fault-feed.js'
import { startPgProxy, terminateBackends, type PgProxy } from './helpers/pg-proxy.js'
import { FAST, PG_URL, obliterate, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'

const EPISODES = 50
const schemas: string[] = []
const proxies: PgProxy[] = []
let admin: pg.Client
let feed: FeedServer

beforeAll(async () => {
  admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  feed = await serveFeed(EPISODES, 'pgfault')
})

afterAll(async () => {
  for (const p of proxies) await p.close()
  await feed?.close()
  for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`)
  await admin?.end()
})

interface Scenario {
  name: string
  env?: Record<string, string>
  /** Runs once the first records are in PostgreSQL, while the rest are in flight. */
  inject(proxy: PgProxy, schema: string): Promise<void>
  /** The fault must have failed some publish attempts, or the test proved nothing. @defaultValue true */
  failsWrites?: boolean
}

const scenarios: Scenario[] = [
  {
    name: 'its sessions are terminated by the server (pg_terminate_backend), three times',
    // Mostly idle pooled sessions: the pool replaces them, and a write may never notice.
    failsWrites: false,
    inject: async (proxy) => {
      let terminated = 0
      for (let i = 0; i < 3; i++) {
        terminated += await terminateBackends(proxy)
        await delay(300)
      }
      expect(terminated).toBeGreaterThan(0)
    },
  },
  {
    name: 'connections are cut before BEGIN, during INSERTs and after COMMIT reached the server',
    inject: async (proxy) => {
      await Promise.all([
        proxy.dropOn('BEGIN', { times: 3 }),
        proxy.dropOn('INSERT INTO', { times: 5 }),
        proxy.dropOn('COMMIT', { after: true, times: 5 }),
      ])
    },
  },
  {
    name: 'the server restarts: every connection drops and connecting is refused for 1.5 s',
    inject: async (proxy) => {
      await proxy.close()
      await delay(1_500)
      await proxy.open()
    },
  },
  {
    name: 'the database fails over to another address behind the same DATABASE_URL',
    inject: async (proxy) => {
      const standby = await startPgProxy()
      proxies.push(standby)
      await proxy.close()
      proxy.setUpstream({ host: '127.0.0.1', port: standby.port })
      await delay(500)
      await proxy.open()
      // The new address must be the one serving the writes from now on.
      await waitFor(() => (standby.connections > 0 ? true : undefined), { what: 'a session on the new address' })
    },
  },
  {
    name: 'writes block on a table lock past PODPIPE_PG_STATEMENT_TIMEOUT_MS',
    env: { PODPIPE_PG_STATEMENT_TIMEOUT_MS: '300' },
    inject: async (_proxy, schema) => {
      const locker = new pg.Client({ connectionString: PG_URL })
      await locker.connect()
      await locker.query('BEGIN')
      await locker.query(`LOCK TABLE ${schema}.episodes IN ACCESS EXCLUSIVE MODE`)
      await delay(1_500)
      await locker.query('ROLLBACK')
      await locker.end()
    },
  },
]

describe(`PostgreSQL failing under ${EPISODES} episodes in flight`, () => {
  it.each(scenarios)('publishes every episode exactly once when $name', async ({ env = {}, inject, failsWrites = true }) => {
    const schema = `pptest_${randomBytes(5).toString('hex')}`
    schemas.push(schema)
    const proxy = await startPgProxy()
    proxies.push(proxy)
    const config = testConfig({ PODPIPE_STORES: 'file,postgres', DATABASE_URL: proxy.url, ...env })
    const publish = new Queue('publish', { connection: { url: config.redisUrl }, prefix: config.queuePrefix })
    try {
      const run = ingestOnce(config, feed.feedUrl, () => {}, { tuning: { ...FAST, backoffMs: 100 }, postgresSchema: schema })
      const failed = run.then(() => undefined, (err: unknown) => err)
      await waitFor(async () => ((await countRows(admin, schema, 'episodes')) >= 5 ? true : undefined), { timeoutMs: 120_000, what: 'the first records' })
      await inject(proxy, schema)
      const result = await run.catch(async () => { throw await failed })
      expect(result).toMatchObject({ found: EPISODES, published: EPISODES, failed: 0 })
      expect(await census(admin, schema, config.dataDir)).toEqual({
        files: EPISODES, fileLogLines: EPISODES, rows: EPISODES, changes: EPISODES, changedEpisodes: EPISODES,
      })
      const completed = await publish.getJobs(['completed'])
      expect(completed).toHaveLength(EPISODES)
      const retried = completed.filter((j) => j.attemptsMade > 1).length
      if (failsWrites) expect(retried, 'publish jobs that needed a retry').toBeGreaterThan(0)
    } finally {
      await publish.close()
      await obliterate(config)
    }
  }, 240_000)
})
