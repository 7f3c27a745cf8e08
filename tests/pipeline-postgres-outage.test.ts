import { connect, createServer, type Server, type Socket } from 'node:net'
import { Queue } from 'bullmq'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { ingestOnce } from '../pipelines/runtime.js'
import { FAST, PG_URL, SMALL_VTT, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'
import { sparePort } from './helpers/redis-server.js'

const schema = `pptest_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`
let proxy: Server | undefined
const sockets = new Set<Socket>()

/** Opens `port` and forwards it to the real PostgreSQL: the database "comes back". */
const openProxy = (port: number) =>
  new Promise<Server>((resolve) => {
    const server = createServer((client) => {
      const upstream = connect(5432, '127.0.0.1')
      for (const s of [client, upstream]) { sockets.add(s); s.on('error', () => s.destroy()); s.on('close', () => sockets.delete(s)) }
      client.pipe(upstream).pipe(client)
    })
    server.listen(port, '127.0.0.1', () => resolve(server))
  })

afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)))
  const db = new pg.Client({ connectionString: PG_URL })
  await db.connect()
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await db.end()
})

describe('PostgreSQL unreachable while publishing', () => {
  it('retries publish with backoff and lands the record once the database is back', async () => {
    const port = await sparePort()
    const config = testConfig({ PODPIPE_STORES: 'file,postgres', DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/test` })
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
      proxy = await openProxy(port)
      const result = await ingest
      expect(result).toMatchObject({ found: 1, published: 1, failed: 0 })

      const [done] = await publish.getJobs(['completed'])
      expect(done?.attemptsMade).toBeGreaterThanOrEqual(2)
      const db = new pg.Client({ connectionString: PG_URL })
      await db.connect()
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.episodes`)
      await db.end()
      expect(Number(rows[0]?.n)).toBe(1)
    } finally {
      await publish.close()
      await server.close()
      await obliterate(config)
    }
  }, 60_000)
})
