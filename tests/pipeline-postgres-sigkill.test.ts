// Worker processes killed with SIGKILL at random moments while they write 50 records to
// PostgreSQL: a transaction cut by the kill is rolled back by the server, so the record and its
// change-log row are both there or both absent, and the job's retry completes the episode.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce } from '../pipelines/runtime.js'
import { census, countRows, serveFeed, type FeedServer } from './helpers/fault-feed.js'
import { FAST, PG_URL, REPO, obliterate, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'

const EPISODES = 50
const KILLS = 3
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

/** A worker process as production runs it, on this test's prefix, schema and timings. */
const spawnWorker = async (): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'pipelines/worker-main.ts'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      REDIS_URL: config.redisUrl,
      PODPIPE_QUEUE_PREFIX: config.queuePrefix,
      PODPIPE_DATA_DIR: config.dataDir,
      PODPIPE_STORES: 'file,postgres',
      DATABASE_URL: PG_URL,
      PODPIPE_PG_SCHEMA: schema,
      PODPIPE_ALLOW_PRIVATE_ADDRESSES: 'true',
      PODPIPE_CONCURRENCY: '4',
      LOG_LEVEL: 'silent',
      PODPIPE_QUEUE_TUNING: JSON.stringify({ ...FAST, backoffMs: 100 }),
    },
  })
  children.push(child)
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => { if (chunk.toString().includes('workers ready')) resolve() })
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)))
  })
  return child
}

describe(`worker processes killed with SIGKILL while writing ${EPISODES} records to PostgreSQL`, () => {
  it(`leaves every record and its change-log row together after ${KILLS} kills at random moments`, async () => {
    let worker = await spawnWorker()
    const run = ingestOnce(config, feed.feedUrl, () => {}, { tuning: FAST, startWorkers: false })
    for (let kill = 1; kill <= KILLS; kill++) {
      await waitFor(async () => ((await countRows(admin, schema, 'episodes')) >= kill * 5 ? true : undefined), { timeoutMs: 120_000, what: 'more records' })
      await delay(Math.random() * 300)
      worker.kill('SIGKILL')
      await new Promise((r) => worker.once('exit', r))
      worker = await spawnWorker()
    }
    expect(await run).toMatchObject({ found: EPISODES, published: EPISODES, failed: 0 })
    const { files, rows, changes, changedEpisodes } = await census(admin, schema, config.dataDir)
    expect({ files, rows, changes, changedEpisodes }).toEqual({ files: EPISODES, rows: EPISODES, changes: EPISODES, changedEpisodes: EPISODES })
    // No row without its log entry and no entry without its row, whatever the kill interrupted.
    const orphans = await admin.query(`
      SELECT e.id FROM ${schema}.episodes e LEFT JOIN ${schema}.changes c ON c.episode_id = e.id AND c.hash = e.content_hash
      WHERE c.seq IS NULL`)
    expect(orphans.rows).toEqual([])
  }, 300_000)
})
