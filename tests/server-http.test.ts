// The HTTP server as an operator and a scraper use it: real Redis, real BullMQ queues and worker,
// real PostgreSQL behind a store's ping, a real listening socket.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Queue, UnrecoverableError, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, type Config } from '../src/config/index.js'
import { isPodpipeError } from '../src/errors/index.js'
import { EpisodeRecord } from '../src/record/index.js'
import { createFileStore } from '../src/store/index.js'
import { createServer, readiness, type RunningServer, type ServerDeps } from '../src/server/index.js'
import { sampleRecord } from './helpers/sample-record.js'

const PREFIX = `pp-http-${process.pid}-${Date.now()}`
const REDIS = { host: '127.0.0.1', port: 6379 }
const QUEUE_NAMES = ['feeds', 'transcripts'] as const

let redis: Redis
let db: pg.Client
let queues: Record<string, Queue>
const running: RunningServer[] = []
const queuesToClean: Queue[] = []

/** A store whose ping really asks PostgreSQL, as the postgres sink's does. */
const pgStore = (name: string, client: pg.Client): ServerDeps['stores'][number] => ({
  name,
  ping: async () => {
    await client.query('select 1')
  },
})

const start = async (env: NodeJS.ProcessEnv, deps: Partial<ServerDeps> = {}) => {
  const config: Config = loadConfig({ PODPIPE_PORT: '0', ...env })
  const server = createServer({ config, queues, stores: [pgStore('postgres', db)], redis, ...deps })
  const handle = await server.listen()
  running.push(handle)
  return { ...handle, url: `http://127.0.0.1:${handle.port}` }
}

beforeAll(async () => {
  redis = new Redis({ ...REDIS, maxRetriesPerRequest: null })
  db = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' })
  await db.connect()
  queues = Object.fromEntries(QUEUE_NAMES.map((name) => [name, new Queue(name, { connection: REDIS, prefix: PREFIX })]))

  // Two feed polls run to completion through a real worker, as in production.
  const feeds = queues.feeds!
  const worker = new Worker('feeds', async (job) => ({ polled: job.data.feedId }), { connection: REDIS, prefix: PREFIX })
  const done = new Promise<void>((resolve) => {
    let n = 0
    worker.on('completed', () => ++n === 2 && resolve())
  })
  await feeds.add('poll', { feedId: 'sinica' }, { jobId: 'poll-sinica-1' })
  await feeds.add('poll', { feedId: 'chinatalk' }, { jobId: 'poll-chinatalk-1' })
  await done
  await worker.close()
  // A transcript job nobody has picked up, created a minute ago.
  await queues.transcripts!.add('fetch', { episodeId: 'e1' }, { jobId: 'fetch-e1', timestamp: Date.now() - 60_000 })
})

afterAll(async () => {
  await Promise.all(running.map((s) => s.close()))
  for (const q of [...Object.values(queues ?? {}), ...queuesToClean]) {
    await q.obliterate({ force: true })
    await q.close()
  }
  await db?.end()
  redis?.disconnect()
})

describe('podpipe server on loopback', () => {
  it('answers /healthz with 200 while the process is up', async () => {
    const { url } = await start({})
    const res = await fetch(`${url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('answers /readyz with 200 when Redis and every store answer', async () => {
    const { url } = await start({})
    const res = await fetch(`${url}/readyz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ready', checks: { redis: { ok: true }, 'store:postgres': { ok: true } } })
  })

  it('answers /readyz with 503 naming the store whose ping fails', async () => {
    // A real PostgreSQL client whose connection has been closed: its ping fails as a dead sink's would.
    const closed = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' })
    await closed.connect()
    await closed.end()
    const { url } = await start({}, { stores: [pgStore('postgres', db), pgStore('archive', closed)] })
    const res = await fetch(`${url}/readyz`)
    expect(res.status).toBe(503)
    const body = (await res.json()) as { failed: string[]; checks: Record<string, { ok: boolean; error?: string }> }
    expect(body.failed).toEqual(['store:archive'])
    expect(body.checks.redis).toEqual({ ok: true })
    expect(body.checks['store:postgres']).toEqual({ ok: true })
    expect(body.checks['store:archive']?.error).toMatch(/\w/)
  })

  it('fails a store check that never answers instead of hanging the probe', async () => {
    const stuck = { name: 'stuck', ping: () => new Promise<void>(() => {}) }
    const checks = await readiness(redis, [pgStore('postgres', db), stuck], 100)
    expect(checks).toEqual({ redis: { ok: true }, 'store:postgres': { ok: true }, 'store:stuck': { ok: false, error: 'no answer within 100 ms' } })
  })

  it('answers /readyz with 503 naming redis when Redis cannot be reached', async () => {
    const dead = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null })
    dead.on('error', () => {}) // the refused connection is the point of the test
    try {
      const { url } = await start({}, { redis: dead })
      const res = await fetch(`${url}/readyz`)
      expect(res.status).toBe(503)
      expect(((await res.json()) as { failed: string[] }).failed).toEqual(['redis'])
    } finally {
      dead.disconnect()
    }
  })

  it('exposes queue counts by state, the oldest waiting job age, event-loop lag and process metrics on /metrics', async () => {
    const { url } = await start({})
    const res = await fetch(`${url}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    const text = await res.text()
    for (const name of [
      'podpipe_queue_jobs',
      'podpipe_queue_oldest_waiting_job_age_seconds',
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
    ]) {
      expect(text, name).toMatch(new RegExp(`^# TYPE ${name} `, 'm'))
    }
    expect(text).toContain('podpipe_queue_jobs{queue="feeds",state="completed"} 2')
    expect(text).toContain('podpipe_queue_jobs{queue="feeds",state="waiting"} 0')
    expect(text).toContain('podpipe_queue_jobs{queue="transcripts",state="waiting"} 1')
    expect(text).toContain('podpipe_queue_oldest_waiting_job_age_seconds{queue="feeds"} 0')
    const age = Number(/podpipe_queue_oldest_waiting_job_age_seconds\{queue="transcripts"\} (\S+)/.exec(text)?.[1])
    expect(age).toBeGreaterThanOrEqual(60)
  })

  it('serves the dashboard page and its static assets under /queues', async () => {
    const { url } = await start({})
    const page = await fetch(`${url}/queues/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    const html = await page.text()
    // Asset URLs are relative to <base href>, which must be the path the browser sees.
    expect(html).toContain('<base href="/queues/" />')
    const script = /src="(static\/js\/[^"]+\.js)"/.exec(html)?.[1]
    const style = /href="(static\/css\/[^"]+\.css)"/.exec(html)?.[1]
    expect(script, 'the page links a script').toBeDefined()
    expect(style, 'the page links a stylesheet').toBeDefined()
    const js = await fetch(`${url}/queues/${script}`)
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toMatch(/javascript/)
    const css = await fetch(`${url}/queues/${style}`)
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toMatch(/text\/css/)
    expect((await fetch(`${url}/queues/static/js/no-such-file.js`)).status).toBe(404)
    const api = await fetch(`${url}/queues/api/queues?activeQueue=feeds&status=completed&page=1`)
    expect(api.status).toBe(200)
    const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort()
    expect(names).toEqual(['feeds', 'transcripts'])
  })

  it('serves the dashboard under PODPIPE_DASHBOARD_PATH, assets included, and leaves / to the record browser', async () => {
    const { url } = await start({ PODPIPE_DASHBOARD_PATH: '/ops/queues' })
    const html = await (await fetch(`${url}/ops/queues/`)).text()
    expect(html).toContain('<base href="/ops/queues/" />')
    const script = /src="(static\/js\/[^"]+\.js)"/.exec(html)?.[1]
    expect((await fetch(`${url}/ops/queues/${script}`)).status).toBe(200)
    expect((await fetch(`${url}/ops/queues/api/queues?activeQueue=feeds&status=completed&page=1`)).status).toBe(200)
    expect((await fetch(`${url}/queues/`)).status).toBe(404)
    const root = await fetch(`${url}/`, { redirect: 'manual' })
    expect(root.headers.get('location')).toBeNull()
    expect(root.headers.get('content-type')).toMatch(/text\/html/)
  })

  it('counts finished jobs by outcome and error class, with their run times, from the workers\' events', async () => {
    const analyze = new Queue('analyze', { connection: REDIS, prefix: PREFIX })
    queuesToClean.push(analyze)
    const { url } = await start({}, { queues: { analyze } })
    const worker = new Worker(
      'analyze',
      async (job) => {
        if (job.data.outcome === 'malformed') throw new UnrecoverableError('MALFORMED: turn 3 has no text')
        if (job.data.outcome === 'crash') throw new TypeError('cannot read properties of undefined')
        return { claims: 4 }
      },
      { connection: REDIS, prefix: PREFIX },
    )
    try {
      await analyze.add('analyze', { outcome: 'ok' }, { jobId: 'analyze-e1' })
      await analyze.add('analyze', { outcome: 'ok' }, { jobId: 'analyze-e2' })
      await analyze.add('analyze', { outcome: 'malformed' }, { jobId: 'analyze-e3', attempts: 3 })
      await analyze.add('analyze', { outcome: 'crash' }, { jobId: 'analyze-e4', attempts: 1 })
      const scrape = async () => (await fetch(`${url}/metrics`)).text()
      await expect.poll(scrape, { timeout: 15_000 }).toContain('podpipe_job_duration_seconds_count{queue="analyze",outcome="failed"} 2')
      const text = await scrape()
      expect(text).toContain('podpipe_jobs_completed_total{queue="analyze"} 2')
      expect(text).toContain('podpipe_jobs_failed_total{queue="analyze",error_class="MALFORMED"} 1')
      expect(text).toContain('podpipe_jobs_failed_total{queue="analyze",error_class="unexpected"} 1')
      expect(text).toContain('podpipe_job_duration_seconds_count{queue="analyze",outcome="completed"} 2')
    } finally {
      await worker.close()
    }
  })

  // The dashboard's own calls are same-origin fetches; browsers mark them with Origin.
  it('is read-only by default: a retry on the dashboard API answers 405', async () => {
    const { url } = await start({})
    const res = await fetch(`${url}/queues/api/queues/feeds/retry/failed`, { method: 'PUT', headers: { origin: url } })
    expect(res.status).toBe(405)
  })

  it('lets the dashboard act on queues with PODPIPE_DASHBOARD_WRITE=1', async () => {
    const { url } = await start({ PODPIPE_DASHBOARD_WRITE: '1' })
    const res = await fetch(`${url}/queues/api/queues/feeds/retry/failed`, { method: 'PUT', headers: { origin: url } })
    expect(res.status).toBeLessThan(300)
  })

  it('rejects a cross-site form post (CSRF) even when writes are allowed', async () => {
    const { url } = await start({ PODPIPE_DASHBOARD_WRITE: '1' })
    const res = await fetch(`${url}/queues/api/queues/feeds/add`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    })
    expect(res.status).toBe(403)
  })
})

describe('podpipe server on a public address', () => {
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
  const PUBLIC = { PODPIPE_HOST: '0.0.0.0', PODPIPE_DASHBOARD_USER: 'ops', PODPIPE_DASHBOARD_PASSWORD: 'correct horse' }

  it('requires basic auth everywhere except /healthz', async () => {
    const { url } = await start(PUBLIC)
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    for (const path of ['/queues/', '/queues/api/queues', '/metrics', '/readyz']) {
      const anonymous = await fetch(`${url}${path}`)
      expect(anonymous.status, path).toBe(401)
      expect(anonymous.headers.get('www-authenticate'), path).toMatch(/^Basic/)
      expect((await fetch(`${url}${path}`, { headers: { authorization: basic('ops', 'wrong password') } })).status, path).toBe(401)
      expect((await fetch(`${url}${path}`, { headers: { authorization: basic('ops', 'correct horse') } })).status, path).toBe(200)
    }
  })

  it('accepts a bearer token when one is configured instead', async () => {
    const token = 'tok_0123456789abcdef'
    const { url } = await start({ PODPIPE_HOST: '0.0.0.0', PODPIPE_DASHBOARD_TOKEN: token })
    expect((await fetch(`${url}/metrics`)).status).toBe(401)
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401)
    expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
  })

  it('refuses to start on 0.0.0.0 without credentials', () => {
    const config = { ...loadConfig({}), host: '0.0.0.0' }
    let error: unknown
    try {
      createServer({ config, queues, stores: [], redis })
    } catch (err) {
      error = err
    }
    expect(isPodpipeError(error) && error.code).toBe('CONFIG')
    expect((error as Error).message).toContain('refusing to serve the dashboard on 0.0.0.0 without credentials')
  })

  it('refuses such a configuration already in loadConfig', () => {
    expect(() => loadConfig({ PODPIPE_HOST: '0.0.0.0' })).toThrow(/PODPIPE_HOST="0.0.0.0" is not a loopback address/)
  })
})

describe('the record read API', () => {
  it('serves a published record by id from the first store that has it, 404 for an unknown id, 503 when a failing store might hold it, 400 for a malformed one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podpipe-api-'))
    const file = createFileStore({ dir })
    const record = sampleRecord()
    await file.put(record)
    const down = { name: 'postgres', ping: async () => {}, get: async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:5432') } }
    const { url } = await start({}, { stores: [down, file] })
    const res = await fetch(`${url}/api/episodes/${record.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-podpipe-store')).toBe('file')
    expect(EpisodeRecord.parse(await res.json())).toEqual(record)
    const elsewhere = await fetch(`${url}/api/episodes/ep-${'0'.repeat(24)}`)
    expect(elsewhere.status).toBe(503)
    expect(await elsewhere.json()).toEqual({ error: 'postgres store: connect ECONNREFUSED 127.0.0.1:5432' })
    const { url: fileOnly } = await start({}, { stores: [file] })
    expect((await fetch(`${fileOnly}/api/episodes/ep-${'0'.repeat(24)}`)).status).toBe(404)
    expect((await fetch(`${url}/api/episodes/..%2Fetc%2Fpasswd`)).status).toBe(400)
  })

  it('says which store failed when none could answer', async () => {
    const down = { name: 'postgres', ping: async () => {}, get: async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:5432') } }
    const { url } = await start({}, { stores: [down] })
    const res = await fetch(`${url}/api/episodes/ep-${'0'.repeat(24)}`)
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ error: 'postgres store: connect ECONNREFUSED 127.0.0.1:5432' })
  })
})

