// `podpipe worker` and `podpipe ingest` as real processes, writing to PostgreSQL through a proxy
// the test cuts mid-run. Before the fix a connection lost mid-write ended the process with
// "Unhandled 'error' event"; here the process must live on and publish every episode once.
// The CLI writes to the default schema, so each test gets a database of its own.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce } from '../pipelines/runtime.js'
import { census, countRows, serveFeed, type FeedServer } from './helpers/fault-feed.js'
import { startPgProxy, withAdmin, type PgProxy } from './helpers/pg-proxy.js'
import { REPO, obliterate, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'
import { entryArgs } from './helpers/entry.js'

const EPISODES = 50
const databases: string[] = []
const children: ChildProcess[] = []
const proxies: PgProxy[] = []
let feed: FeedServer

beforeAll(async () => {
  feed = await serveFeed(EPISODES, 'clifault')
})

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  for (const p of proxies) await p.close()
  await feed?.close()
  for (const d of databases) await withAdmin((db) => db.query(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`))
})

/** A private database behind a fresh proxy, and a client on it for counting. */
const privateDatabase = async () => {
  const name = `pptest_${randomBytes(5).toString('hex')}`
  await withAdmin((db) => db.query(`CREATE DATABASE ${name}`))
  databases.push(name)
  const proxy = await startPgProxy()
  proxies.push(proxy)
  const db = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: name })
  db.on('error', () => {}) // dropped with its database in afterAll if a test failed early
  await db.connect()
  return { url: proxy.url.replace(/\/test$/, `/${name}`), proxy, db }
}

const podpipe = (args: string[], env: Record<string, string>) => {
  const child = spawn(process.execPath, [...entryArgs('src/cli.ts'), ...args], {
    cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c))
  child.stdout?.resume()
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  /** Rejects as soon as the process exits, so a crash fails the test at once instead of at its timeout. */
  const alive = <T>(work: Promise<T>) =>
    Promise.race([work, exited.then((code) => { throw new Error(`podpipe ${args[0]} exited with ${code} mid-run:\n${stderr}`) })])
  return { child, exited, alive, stderr: () => stderr }
}

const cliEnv = (config: ReturnType<typeof testConfig>, databaseUrl: string) => ({
  REDIS_URL: config.redisUrl,
  PODPIPE_QUEUE_PREFIX: config.queuePrefix,
  PODPIPE_DATA_DIR: config.dataDir,
  PODPIPE_STORES: 'file,postgres',
  DATABASE_URL: databaseUrl,
  PODPIPE_ALLOW_PRIVATE_ADDRESSES: '1',
  PODPIPE_CONCURRENCY: '4',
  LOG_LEVEL: 'silent',
})

const firstRecords = (db: pg.Client) =>
  waitFor(async () => ((await countRows(db, 'podpipe', 'episodes')) >= 5 ? true : undefined), { timeoutMs: 120_000, what: 'the first records' })

const expectAllPublishedOnce = async (db: pg.Client, dataDir: string) =>
  expect(await census(db, 'podpipe', dataDir)).toEqual({
    files: EPISODES, fileLogLines: EPISODES, rows: EPISODES, changes: EPISODES, changedEpisodes: EPISODES,
  })

describe('podpipe processes while PostgreSQL drops mid-write', () => {
  it('podpipe worker keeps running and publishes every episode once', async () => {
    const { url, proxy, db } = await privateDatabase()
    const config = testConfig()
    try {
      const worker = podpipe(['worker'], cliEnv(config, url))
      await waitFor(() => (worker.stderr().includes('workers running') ? true : undefined), { timeoutMs: 60_000, what: 'the worker to start' })
      const run = ingestOnce(config, feed.feedUrl, () => {}, { startWorkers: false })
      await worker.alive(firstRecords(db))
      await worker.alive(Promise.all([proxy.dropOn('INSERT INTO', { times: 3 }), proxy.dropOn('COMMIT', { after: true, times: 3 })]))
      proxy.dropAll()
      expect(await worker.alive(run)).toMatchObject({ found: EPISODES, published: EPISODES, failed: 0 })
      await expectAllPublishedOnce(db, config.dataDir)
      expect(worker.child.exitCode, worker.stderr()).toBeNull()
      expect(worker.stderr()).not.toMatch(/Unhandled|Connection terminated/)
      worker.child.kill('SIGTERM')
      expect(await worker.exited).toBe(0)
    } finally {
      await db.end()
      await obliterate(config)
    }
  }, 240_000)

  it('podpipe ingest rides out a database restart mid-run and exits 0', async () => {
    const { url, proxy, db } = await privateDatabase()
    const config = testConfig()
    try {
      const ingest = podpipe(['ingest', feed.feedUrl, '--timeout', '200'], cliEnv(config, url))
      await firstRecords(db)
      await proxy.close()
      await delay(1_500)
      await proxy.open()
      expect(await ingest.exited, ingest.stderr()).toBe(0)
      expect(ingest.stderr()).toMatch(new RegExp(`${EPISODES} published, 0 failed`))
      await expectAllPublishedOnce(db, config.dataDir)
    } finally {
      await db.end()
      await obliterate(config)
    }
  }, 240_000)
})
