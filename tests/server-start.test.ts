// `podpipe serve` from configuration to a listening server: real Redis (shared, and private
// redis-server processes that the test stops and restarts), the real file store, real queues.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Queue } from 'bullmq'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/index.js'
import { isPodpipeError } from '../src/errors/index.js'
import { ALL_QUEUES } from '../src/queue/index.js'
import { startServer } from '../src/server/index.js'
import { sparePort, startRedisServer, type TestRedis } from './helpers/redis-server.js'

const PREFIX = `pp-start-${process.pid}-${Date.now()}`
const quiet = { PODPIPE_PORT: '0', LOG_LEVEL: 'silent' }
const cleanup: (() => Promise<void>)[] = []

afterAll(async () => {
  for (const step of cleanup.reverse()) await step()
})

const rejection = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected a rejection')
}

describe('startServer', () => {
  it('serves the pipeline queues and the configured file store from configuration alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-serve-'))
    const config = loadConfig({ ...quiet, PODPIPE_QUEUE_PREFIX: PREFIX, PODPIPE_DATA_DIR: dataDir })
    const server = await startServer(config)
    const url = `http://127.0.0.1:${server.port}`
    let closed = false
    cleanup.push(async () => {
      if (!closed) await server.close()
      for (const name of ALL_QUEUES) {
        const q = new Queue(name, { connection: { host: '127.0.0.1', port: 6379 }, prefix: PREFIX })
        await q.obliterate({ force: true })
        await q.close()
      }
    })
    expect(server.dashboardUrl).toBe(`http://127.0.0.1:${server.port}/queues`)

    const ready = await fetch(`${url}/readyz`)
    expect(ready.status).toBe(200)
    // Without DATABASE_URL the query API runs on PGlite, filled from the file store.
    expect(await ready.json()).toEqual({ status: 'ready', checks: { redis: { ok: true }, 'store:file': { ok: true }, 'query:pglite': { ok: true } } })

    const metrics = await (await fetch(`${url}/metrics`)).text()
    for (const name of ALL_QUEUES) expect(metrics).toContain(`podpipe_queue_jobs{queue="${name}",state="waiting"} 0`)

    const api = (await (await fetch(`${url}/queues/api/queues`)).json()) as { queues: { name: string }[] }
    expect(api.queues.map((q) => q.name).sort()).toEqual([...ALL_QUEUES].sort())

    await server.close()
    closed = true
    await expect(fetch(`${url}/healthz`)).rejects.toThrow()
  })

  it('refuses a Redis that may evict queue keys', async () => {
    const redis = await startRedisServer(['--maxmemory-policy', 'allkeys-lru'])
    cleanup.push(() => redis.destroy())
    const err = await rejection(startServer(loadConfig({ ...quiet, REDIS_URL: redis.url })))
    expect(isPodpipeError(err) && err.code).toBe('CONFIG')
    expect(err.message).toContain('maxmemory-policy is "allkeys-lru"')
  })

  it('says how to get a Redis when none answers', async () => {
    const port = await sparePort()
    const err = await rejection(startServer(loadConfig({ ...quiet, REDIS_URL: `redis://127.0.0.1:${port}` })))
    expect(isPodpipeError(err) && err.code).toBe('CONFIG')
    expect(err.message).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`)
  })

  it('reports Redis not ready while it is down and ready again once it is back, without a restart', async () => {
    const redis: TestRedis = await startRedisServer(['--maxmemory-policy', 'noeviction'])
    cleanup.push(() => redis.destroy())
    const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-serve-'))
    const server = await startServer(loadConfig({ ...quiet, REDIS_URL: redis.url, PODPIPE_DATA_DIR: dataDir }))
    cleanup.push(() => server.close())
    const url = `http://127.0.0.1:${server.port}`
    const readyz = async () => {
      const res = await fetch(`${url}/readyz`)
      return { status: res.status, failed: ((await res.json()) as { failed?: string[] }).failed }
    }
    expect(await readyz()).toEqual({ status: 200, failed: undefined })

    await redis.stop()
    await expect.poll(readyz, { timeout: 20_000, interval: 200 }).toEqual({ status: 503, failed: ['redis'] })
    expect((await fetch(`${url}/healthz`)).status).toBe(200)

    await redis.start()
    await expect.poll(readyz, { timeout: 20_000, interval: 200 }).toEqual({ status: 200, failed: undefined })
  })
})
