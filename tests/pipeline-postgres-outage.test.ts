import { Queue } from 'bullmq'
import { afterAll, describe, expect, it } from 'vitest'
import { ingestOnce } from '../pipelines/runtime.js'
import { startPgProxy, withAdmin, type PgProxy } from './helpers/pg-proxy.js'
import { FAST, SMALL_VTT, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'

const schema = `pptest_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`
let proxy: PgProxy | undefined

afterAll(async () => {
  await proxy?.close()
  await withAdmin((db) => db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))
})

describe('PostgreSQL unreachable while publishing', () => {
  it('retries publish with backoff and lands the record once the database is back', async () => {
    // Nothing listens on the proxy's port yet: the database is down from the start.
    proxy = await startPgProxy({ listen: false })
    const config = testConfig({ PODPIPE_STORES: 'file,postgres', DATABASE_URL: proxy.url })
    const server = await serve({
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([{ guid: 'pg-outage', title: 'x', transcript: { url: `${server.url}/t.vtt`, type: 'text/vtt' } }])),
      '/t.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT),
    })
    const publish = new Queue('publish', { connection: { url: config.redisUrl }, prefix: config.queuePrefix })
    try {
      const ingest = ingestOnce(config, `${server.url}/feed.xml`, () => {}, { tuning: { ...FAST, backoffMs: 100 }, postgresSchema: schema })
      // Nothing listens on the port yet: wait until publish has failed twice and is waiting to retry.
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
      await publish.close()
      await server.close()
      await obliterate(config)
    }
  }, 60_000)
})
