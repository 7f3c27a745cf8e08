import { Queue } from 'bullmq'
import { afterAll, describe, expect, it } from 'vitest'
import { ingestOnce, startWorkers } from '../pipelines/runtime.js'
import { QUEUE } from '../src/queue/index.js'
import { startPgProxy, withAdmin, type PgProxy } from './helpers/pg-proxy.js'
import { FAST, SMALL_VTT, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'

const schema = `pptest_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`
const proxies: PgProxy[] = []

afterAll(async () => {
  for (const p of proxies) await p.close().catch(() => undefined)
  await withAdmin((db) => db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))
})

describe('PostgreSQL unreachable', () => {
  it('retries publish with backoff and lands the record once the database is back', async () => {
    const proxy = await startPgProxy()
    proxies.push(proxy)
    const config = testConfig({ PODPIPE_STORES: 'file,postgres', DATABASE_URL: proxy.url })
    const server = await serve({
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([{ guid: 'pg-outage', title: 'x', transcript: { url: `${server.url}/t.vtt`, type: 'text/vtt' } }])),
      '/t.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT),
    })
    const publish = new Queue('publish', { connection: { url: config.redisUrl }, prefix: config.queuePrefix })
    const options = { tuning: { ...FAST, backoffMs: 100 }, postgresSchema: schema }
    // The poll reads what the database remembers of the feed's items, so it runs while the
    // database is up; the chain then waits for a publish worker.
    const upstream = await startWorkers(config, [QUEUE.feeds, QUEUE.transcripts, QUEUE.analyze], options)
    let publisher: Awaited<ReturnType<typeof startWorkers>> | undefined
    try {
      const ingest = ingestOnce(config, `${server.url}/feed.xml`, () => {}, { ...options, startWorkers: false })
      await waitFor(async () => ((await publish.getWaitingCount()) === 1 ? true : undefined), { what: 'the chain waiting for publish' })
      await proxy.close()
      publisher = await startWorkers(config, [QUEUE.publish], options)
      const failing = await waitFor(async () => {
        const [job] = await publish.getJobs(['delayed', 'waiting', 'active', 'failed'])
        return job && job.attemptsMade >= 2 ? job : undefined
      }, { what: 'two failed publish attempts' })
      expect(failing.failedReason).toMatch(/ECONNREFUSED|connect/i)
      await proxy.open()
      const result = await ingest
      expect(result).toMatchObject({ found: 1, published: 1, failed: 0 })

      const [done] = await publish.getJobs(['completed'])
      expect(done?.attemptsMade).toBeGreaterThanOrEqual(2)
      const { rows } = await withAdmin((db) => db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.episodes`))
      expect(Number(rows[0]?.n)).toBe(1)
    } finally {
      await publisher?.close()
      await upstream.close()
      await publish.close()
      await server.close()
      await obliterate(config)
    }
  }, 60_000)

  it('holds a poll, which reads what the database remembers of the feed, until the database is back', async () => {
    const proxy = await startPgProxy({ listen: false })
    proxies.push(proxy)
    const config = testConfig({ PODPIPE_STORES: 'file,postgres', DATABASE_URL: proxy.url })
    const server = await serve({
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([{ guid: 'pg-down-poll', title: 'x', transcript: { url: `${server.url}/t.vtt`, type: 'text/vtt' } }])),
      '/t.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT),
    })
    const feeds = new Queue(QUEUE.feeds, { connection: { url: config.redisUrl }, prefix: config.queuePrefix })
    try {
      const ingest = ingestOnce(config, `${server.url}/feed.xml`, () => {}, { tuning: { ...FAST, backoffMs: 100 }, postgresSchema: schema })
      const failing = await waitFor(async () => {
        const [job] = await feeds.getJobs(['delayed', 'waiting', 'active', 'failed'])
        return job && job.attemptsMade >= 2 ? job : undefined
      }, { what: 'two failed poll attempts' })
      expect(failing.failedReason).toMatch(/STORE_FAILED: .*(ECONNREFUSED|connect)/i)
      expect(server.hits.get('/t.vtt') ?? 0).toBe(0)
      await proxy.open()
      expect(await ingest).toMatchObject({ found: 1, published: 1, failed: 0 })
    } finally {
      await feeds.close()
      await server.close()
      await obliterate(config)
    }
  }, 60_000)
})
