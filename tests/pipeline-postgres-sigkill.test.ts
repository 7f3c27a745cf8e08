// Worker processes killed with SIGKILL at random moments while they write 50 records to
// PostgreSQL: a transaction cut by the kill is rolled back by the server, so the record and its
// change-log row are both there or both absent, and the job's retry completes the episode.
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce } from '../pipelines/runtime.js'
import { DEFAULT_TUNING } from '../src/queue/index.js'
import { census, countRows, serveFeed, type FeedServer } from './helpers/fault-feed.js'
import { FAST, PG_URL, obliterate, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'
import { spawnWorker } from './helpers/spawn-worker.js'

const EPISODES = 50
// BullMQ fails a job that stalls more than maxStalledCount times (a poison job that kills its
// workers), so one job in flight through more kills than that would fail by design.
const KILLS = DEFAULT_TUNING.maxStalledCount
const schema = `pptest_${randomBytes(5).toString('hex')}`
const config = testConfig({ PODPIPE_STORES: 'file,postgres', DATABASE_URL: PG_URL })
const children: ChildProcess[] = []
let admin: pg.Client
let feed: FeedServer

beforeAll(async () => {
  admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  feed = await serveFeed(EPISODES, 'pgkill')
})

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  await feed?.close()
  await obliterate(config)
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.end()
})

const startWorker = () => spawnWorker(children, config, { ...FAST, backoffMs: 100 }, {
  PODPIPE_STORES: 'file,postgres', DATABASE_URL: PG_URL, PODPIPE_PG_SCHEMA: schema, PODPIPE_CONCURRENCY: '4',
})

describe(`worker processes killed with SIGKILL while writing ${EPISODES} records to PostgreSQL`, () => {
  it(`leaves every record and its change-log row together after ${KILLS} kills at random moments`, async () => {
    let worker = await startWorker()
    // A deadline turns a stuck episode into an error that says what it waits for.
    const run = ingestOnce(config, feed.feedUrl, () => {}, { tuning: FAST, startWorkers: false, timeoutMs: 180_000 })
    for (let kill = 1; kill <= KILLS; kill++) {
      await waitFor(async () => ((await countRows(admin, schema, 'episodes')) >= kill * 5 ? true : undefined), { timeoutMs: 120_000, what: 'more records' })
      await delay(Math.random() * 300)
      worker.kill('SIGKILL')
      await new Promise((r) => worker.once('exit', r))
      worker = await startWorker()
    }
    const result = await run
    expect(result, JSON.stringify(result.failures)).toMatchObject({ found: EPISODES, published: EPISODES, failed: 0 })
    const { files, rows, changes, changedEpisodes } = await census(admin, schema, config.dataDir)
    expect({ files, rows, changes, changedEpisodes }).toEqual({ files: EPISODES, rows: EPISODES, changes: EPISODES, changedEpisodes: EPISODES })
    // No row without its log entry and no entry without its row, whatever the kill interrupted.
    const orphans = await admin.query(`
      SELECT e.id FROM ${schema}.episodes e LEFT JOIN ${schema}.changes c ON c.episode_id = e.id AND c.hash = e.content_hash
      WHERE c.seq IS NULL`)
    expect(orphans.rows).toEqual([])
  }, 300_000)
})
