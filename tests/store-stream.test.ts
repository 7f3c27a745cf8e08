import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { EpisodeRecord } from '../src/record/index.js'
import { isPodpipeError } from '../src/errors/index.js'
import { createStores, createStreamStore, parseStreamEntry, recordContentHash } from '../src/store/index.js'
import { sampleRecord } from './helpers/sample-record.js'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

let redis: Redis
let stream: string
beforeAll(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 })
})
afterAll(async () => {
  await redis.quit()
})
beforeEach(() => {
  stream = `podpipe-test:${randomBytes(6).toString('hex')}:records`
})
afterEach(async () => {
  await redis.del(stream, `${stream}:hashes`, `${stream}:latest`)
})

type Entries = [id: string, fields: string[]][]

const jsonBytes = (record: EpisodeRecord): number => Buffer.byteLength(JSON.stringify(record), 'utf8')

describe('stream store', () => {
  it('appends on create and on change, and nothing for an identical re-put', async () => {
    const store = createStreamStore({ redis, stream })
    const first = sampleRecord()
    expect(await store.put(first)).toBe('created')
    expect(await store.put(sampleRecord({ processedAt: new Date(Date.now() + 60_000), stageMs: { split: 1 } }))).toBe('unchanged')
    expect(await redis.xlen(stream)).toBe(1)
    const edited = sampleRecord({ title: 'Corrected title' })
    expect(await store.put(edited)).toBe('updated')

    const entries = (await redis.xrange(stream, '-', '+')).map(([, f]) => parseStreamEntry(f))
    expect(entries.map(({ record: _r, ...rest }) => rest)).toEqual([
      { id: first.id, hash: recordContentHash(first), schemaVersion: '1.5.0', change: 'created', bytes: jsonBytes(first) },
      { id: first.id, hash: recordContentHash(edited), schemaVersion: '1.5.0', change: 'updated', bytes: jsonBytes(edited) },
    ])
    expect(EpisodeRecord.parse(JSON.parse(entries[1]?.record ?? 'null'))).toEqual(edited)
    expect(await store.get(first.id)).toEqual(edited)
    expect(await store.get('ep-000000000000000000000000')).toBeUndefined()
  })

  it('turns 10 concurrent puts of one record into one entry', async () => {
    const store = createStreamStore({ redis, stream })
    const results = await Promise.all(Array.from({ length: 10 }, () => store.put(sampleRecord())))
    expect(results.filter((r) => r === 'created')).toHaveLength(1)
    expect(results.filter((r) => r === 'unchanged')).toHaveLength(9)
    expect(await redis.xlen(stream)).toBe(1)
  })

  it('lets consumer groups follow the records independently', async () => {
    const store = createStreamStore({ redis, stream })
    await redis.xgroup('CREATE', stream, 'search-index', '$', 'MKSTREAM')
    await redis.xgroup('CREATE', stream, 'warehouse', '$')
    const records = ['a', 'b', 'c'].map((guid) => sampleRecord({ guid }))
    for (const r of records) await store.put(r)

    const read = async (group: string, consumer: string) => {
      const res = (await redis.xreadgroup('GROUP', group, consumer, 'COUNT', 10, 'STREAMS', stream, '>')) as [string, Entries][] | null
      return res?.[0]?.[1] ?? []
    }
    const batch = await read('search-index', 'worker-1')
    expect(batch.map(([, f]) => parseStreamEntry(f).id)).toEqual(records.map((r) => r.id))
    expect(batch.map(([, f]) => EpisodeRecord.parse(JSON.parse(parseStreamEntry(f).record ?? 'null')).id)).toEqual(records.map((r) => r.id))
    // Delivered once per group: a second consumer of the same group gets nothing new.
    expect(await read('search-index', 'worker-2')).toEqual([])
    expect(await redis.xack(stream, 'search-index', ...batch.map(([id]) => id))).toBe(3)
    expect((await redis.xpending(stream, 'search-index'))[0]).toBe(0)
    // The other group still sees all three.
    expect(await read('warehouse', 'w')).toHaveLength(3)
  })

  it('trims old entries approximately yet still skips a duplicate of a trimmed record', async () => {
    const store = createStreamStore({ redis, stream, maxLen: 10 })
    const records = Array.from({ length: 250 }, (_, i) => sampleRecord({ guid: `ep-${i}` }))
    for (const r of records) await store.put(r)
    const len = await redis.xlen(stream)
    expect(len).toBeGreaterThanOrEqual(10)
    expect(len).toBeLessThan(250)
    expect(await store.get(records[0]!.id)).toBeUndefined()
    expect(await store.get(records[249]!.id)).toEqual(records[249])
    expect(await store.put(records[0]!)).toBe('unchanged')
    expect(await redis.xlen(stream)).toBe(len)
  })

  it('announces a record above inlineMaxBytes by id, hash and size only, and get() then says it has none', async () => {
    const record = sampleRecord()
    const size = jsonBytes(record)
    // At the threshold the record rides along; one byte less and it does not.
    const inlined = createStreamStore({ redis, stream, inlineMaxBytes: size })
    await inlined.put(record)
    expect(await inlined.get(record.id)).toEqual(record)
    const pointers = createStreamStore({ redis, stream, inlineMaxBytes: size - 1 })
    const edited = sampleRecord({ title: 'The New Space Race, and Rare Earths (corrected)' })
    expect(jsonBytes(edited)).toBeGreaterThan(size)
    expect(await pointers.put(edited)).toBe('updated')
    const entries = (await redis.xrange(stream, '-', '+')).map(([, f]) => parseStreamEntry(f))
    expect(entries[1]).toEqual({ id: record.id, hash: recordContentHash(edited), schemaVersion: '1.5.0', change: 'updated', bytes: jsonBytes(edited) })
    // The older entry still holds the old version; serving it would be serving a stale record.
    expect(entries[0]?.record).toBeDefined()
    expect(await pointers.get(record.id)).toBeUndefined()
  })

  it('never inlines with inlineMaxBytes 0, and refuses a negative or fractional one', async () => {
    const store = createStreamStore({ redis, stream, inlineMaxBytes: 0 })
    const record = sampleRecord()
    await store.put(record)
    const [[, fields]] = (await redis.xrange(stream, '-', '+')) as Entries as [[string, string[]]]
    expect(parseStreamEntry(fields)).toEqual({ id: record.id, hash: recordContentHash(record), schemaVersion: '1.5.0', change: 'created', bytes: jsonBytes(record) })
    expect(await store.get(record.id)).toBeUndefined()
    // What it announced is still known, so a check of the stores need not republish it.
    expect(await store.heldHash?.(record.id)).toBe(recordContentHash(record))
    expect(await store.heldHash?.('nobody')).toBeUndefined()
    for (const bad of [-1, 1.5]) {
      expect(() => createStreamStore({ redis, stream, inlineMaxBytes: bad })).toThrow(`stream store: inlineMaxBytes must be an integer of 0 or more, got ${bad}`)
    }
  })

  it('takes its entry cap and inline limit from the configuration', async () => {
    const queuePrefix = stream.slice(0, -':records'.length)
    const [store] = await createStores(
      { stores: ['stream'], dataDir: '/nonexistent', databaseUrl: undefined, redisUrl: REDIS_URL, queuePrefix, stream: { maxLen: 10, inlineMaxBytes: 0 } },
      { redis },
    )
    const records = Array.from({ length: 250 }, (_, i) => sampleRecord({ guid: `ep-${i}` }))
    for (const r of records) await store!.put(r)
    expect(await redis.xlen(stream)).toBeLessThan(250)
    const entries = (await redis.xrange(stream, '-', '+')).map(([, f]) => parseStreamEntry(f))
    const sizes = new Map(records.map((r) => [r.id, jsonBytes(r)]))
    expect(entries.every((e) => e.record === undefined && e.bytes === sizes.get(e.id))).toBe(true)
  })

  it('rejects put with a transient error naming the store when Redis is unreachable', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null })
    down.on('error', () => undefined)
    const store = createStreamStore({ redis: down, stream })
    const err = await store.put(sampleRecord()).catch((e: unknown) => e)
    expect(isPodpipeError(err) && err.code === 'STORE_FAILED' && !err.permanent).toBe(true)
    expect((err as Error).message).toMatch(/stream store: could not publish record ep-[0-9a-f]+ to podpipe-test:/)
    await expect(store.ping()).rejects.toThrow(/stream store: Redis is unreachable/)
    down.disconnect()
  })
})
