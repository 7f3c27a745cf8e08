// The services `npm test` and `podpipe start` run themselves, each exercised on spare ports so
// the machine's shared Redis (6379) and PostgreSQL (5432) are never touched.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { ensureLocalRedis, findBinary, probePort, startOwnRedis } from '../src/services/index.js'
import { sparePort } from './helpers/redis-server.js'
import { startTestServices } from './helpers/test-services.js'

const REDIS_SERVER = findBinary('redis-server')

describe('startTestServices (the vitest global setup)', () => {
  it('starts Redis and PostgreSQL (with the test database) on silent ports, and stops both', async () => {
    const [redisPort, pgPort] = [await sparePort(), await sparePort()]
    const said: string[] = []
    const teardown = await startTestServices({ redisPort, pgPort, say: (l) => said.push(l) })
    try {
      expect(said).toEqual([expect.stringContaining(`started redis-server on 127.0.0.1:${redisPort}`), expect.stringContaining(`started PostgreSQL on 127.0.0.1:${pgPort}`)])
      const redis = new Redis({ port: redisPort, maxRetriesPerRequest: 1 })
      expect(await redis.ping()).toBe('PONG')
      redis.disconnect()
      const db = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', database: 'test' })
      await db.connect()
      expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
      await db.end()
    } finally {
      await teardown()
    }
    expect(await probePort('127.0.0.1', redisPort)).toBe('closed')
    expect(await probePort('127.0.0.1', pgPort)).toBe('closed')
  }, 90_000)

  it('leaves servers that already answer alone', async () => {
    const said: string[] = []
    // The machine's own Redis and PostgreSQL: used, never started or stopped.
    const teardown = await startTestServices({ say: (l) => said.push(l) })
    await teardown()
    expect(said).toEqual([])
    expect(await probePort('127.0.0.1', 6379)).toBe('open')
    expect(await probePort('127.0.0.1', 5432)).toBe('open')
  })
})

describe.skipIf(!REDIS_SERVER)('podpipe\'s own Redis', () => {
  it('keeps what it holds across a restart on the same data dir (AOF)', async () => {
    const port = await sparePort()
    const dir = join(mkdtempSync(join(tmpdir(), 'podpipe-own-redis-')), 'redis')
    const first = await startOwnRedis({ binary: REDIS_SERVER ?? '', port, dir })
    const a = new Redis({ port, maxRetriesPerRequest: 1 })
    await a.set('podpipe-test-key', 'kept')
    expect(await a.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction'])
    a.disconnect()
    await first.stop()
    expect(await probePort('127.0.0.1', port)).toBe('closed')

    const second = await startOwnRedis({ binary: REDIS_SERVER ?? '', port, dir })
    const b = new Redis({ port, maxRetriesPerRequest: 1 })
    expect(await b.get('podpipe-test-key')).toBe('kept')
    b.disconnect()
    await second.stop()
  }, 60_000)

  it('is started only while REDIS_URL is unset and nothing listens on the port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-own-redis-'))
    const never = () => { throw new Error('must not look for redis-server') }
    expect((await ensureLocalRedis({ redisUrl: 'redis://127.0.0.1:1', localRedisPort: undefined, dataDir }, { findRedisServer: never })).how).toBe('given')
    expect((await ensureLocalRedis({ redisUrl: 'redis://127.0.0.1:6379', localRedisPort: 6379, dataDir }, { findRedisServer: never })).how).toBe('running')
    const port = await sparePort()
    const own = await ensureLocalRedis({ redisUrl: `redis://127.0.0.1:${port}`, localRedisPort: port, dataDir })
    expect(own.how).toBe('started')
    await own.stop()
    await expect(ensureLocalRedis({ redisUrl: `redis://127.0.0.1:${port}`, localRedisPort: port, dataDir }, { findRedisServer: () => undefined }))
      .rejects.toThrow(/redis-server is not installed: install it \(`apt-get install redis-server`/)
  }, 60_000)
})
