import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isPodpipeError } from '../src/errors/index.js'
import {
  createFileStore, createPostgresStore, createStores, createStreamStore, publishToAll, type RecordStore, type StoresConfig,
} from '../src/store/index.js'
import { sampleRecord } from './helpers/sample-record.js'

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

let redis: Redis
let admin: pg.Pool
let dir: string
let prefix: string
let schema: string
let stores: RecordStore[] = []

beforeAll(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 })
  admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 })
})
afterAll(async () => {
  await redis.quit()
  await admin.end()
})
beforeEach(async () => {
  const tag = randomBytes(6).toString('hex')
  dir = await mkdtemp(join(tmpdir(), 'podpipe-publish-'))
  prefix = `podpipe-test-${tag}`
  schema = `podpipe_test_${tag}`
})
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()))
  stores = []
  await rm(dir, { recursive: true, force: true })
  await redis.del(`${prefix}:records`, `${prefix}:records:hashes`, `${prefix}:records:latest`)
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
})

const config = (over: Partial<StoresConfig> = {}): StoresConfig => ({
  stores: ['file', 'postgres', 'stream'], dataDir: dir, databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, queuePrefix: prefix, ...over,
})

describe('publishToAll', () => {
  it('publishes to every configured sink, and a re-publish changes nothing anywhere', async () => {
    stores = await createStores(config(), { postgresSchema: schema })
    expect(stores.map((s) => s.name)).toEqual(['file', 'postgres', 'stream'])
    const record = sampleRecord()
    expect(await publishToAll(stores, record)).toEqual({ file: 'created', postgres: 'created', stream: 'created' })
    expect(await publishToAll(stores, sampleRecord({ processedAt: new Date(Date.now() + 1000) })))
      .toEqual({ file: 'unchanged', postgres: 'unchanged', stream: 'unchanged' })
    expect(await redis.xlen(`${prefix}:records`)).toBe(1)
    for (const s of stores) expect(await s.get(record.id)).toEqual(record)
  })

  it('attempts every sink, then fails transiently naming the one that failed; the retry completes it', async () => {
    const record = sampleRecord()
    const file = createFileStore({ dir })
    const stream = createStreamStore({ redis, stream: `${prefix}:records` })
    const down = await createPostgresStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test', schema, migrate: false })
    stores = [file, down, stream]

    const err = await publishToAll(stores, record).catch((e: unknown) => e)
    expect(isPodpipeError(err) && err.code === 'STORE_FAILED' && !err.permanent).toBe(true)
    expect((err as Error).message).toMatch(/^ep-[0-9a-f]+: publish failed for postgres \(postgres: .*postgres store: cannot connect.*\); file created, stream created$/)
    expect(await file.get(record.id)).toEqual(record)

    // The job is retried once the database is back: the sinks that succeeded see a duplicate.
    const up = await createPostgresStore({ connectionString: DATABASE_URL, schema })
    stores = [file, up, stream, down]
    expect(await publishToAll([file, up, stream], record)).toEqual({ file: 'unchanged', postgres: 'created', stream: 'unchanged' })
    expect((await readFile(join(dir, 'changes.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1)
    expect(await redis.xlen(`${prefix}:records`)).toBe(1)
  })

  it('fails permanently when every failure is permanent (an invalid record)', async () => {
    stores = [createFileStore({ dir }), createStreamStore({ redis, stream: `${prefix}:records` })]
    const bad = { ...sampleRecord(), id: 'Not A Valid Id' }
    await expect(publishToAll(stores, bad)).rejects.toMatchObject({ code: 'STORE_FAILED', permanent: true })
    expect(await redis.exists(`${prefix}:records`)).toBe(0)
  })

  it('refuses two sinks with one name', async () => {
    const file = createFileStore({ dir })
    await expect(publishToAll([file, file], sampleRecord())).rejects.toMatchObject({ code: 'CONFIG' })
  })
})

describe('createStores', () => {
  it('opens only the sinks the config names', async () => {
    stores = await createStores(config({ stores: ['file'] }))
    expect(stores.map((s) => s.name)).toEqual(['file'])
  })

  it('refuses the postgres sink without a database URL, naming the setting', async () => {
    await expect(createStores(config({ databaseUrl: undefined }))).rejects.toThrow(/DATABASE_URL/)
  })

  it('opens its own Redis client for the stream sink when none is given', async () => {
    stores = await createStores(config({ stores: ['stream'] }))
    expect(await publishToAll(stores, sampleRecord())).toEqual({ stream: 'created' })
  })
})
