import { randomBytes, randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFeedState, createRedisItemMemory, retryMark, seenKeyOf, type FeedState } from '../queue/feed-state.js'
import { createPostgresStore, type SqlRecordStore } from '../store/postgres/index.js'
import { createSqlItemMemory } from './item-memory.js'

// Real Redis and PostgreSQL: a unique queue prefix and schema per run.
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const HOUR = 3_600_000

describe('feed item memory on PostgreSQL', () => {
  let redis: Redis
  let store: SqlRecordStore
  let state: FeedState
  const prefix = `test-items-${randomUUID()}`
  const schema = `podpipe_items_${randomBytes(5).toString('hex')}`
  const h = (c: string) => c.repeat(64)
  const inFlight = (feedId: string) => `${prefix}:feed:${feedId}:in-flight`
  const inRedis = async (feedId: string) => redis.hgetall(inFlight(feedId))
  const rows = async (feedId: string) =>
    (await store.sql.query<{ item_key: string; hash: string | null }>(`SELECT item_key, hash FROM ${schema}.feed_items WHERE feed_id = $1 ORDER BY item_key`, [feedId])).rows

  beforeAll(async () => {
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 })
    store = await createPostgresStore({ connectionString: PG_URL, schema })
    await store.ping()
    state = createFeedState(redis, prefix, createSqlItemMemory({ db: async () => store, redis, prefix, settleAfterMs: HOUR }))
  })
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length > 0) await redis.del(...keys)
    redis.disconnect()
    await store.close()
    const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.end()
  })

  it('keeps a version in Redis while its chain is in flight, and moves it to the database when the chain finishes', async () => {
    await state.markSeen('f1', [['ep-a', h('a')], ['ep-b', h('b')]])
    expect(await state.seen('f1', ['ep-a', 'ep-b', 'ep-c'])).toEqual([h('a'), h('b'), undefined])
    await state.markDone('f1', 'ep-a', h('a'))
    expect(await inRedis('f1')).toEqual({ 'ep-b': h('b') })
    expect(await rows('f1')).toEqual([{ item_key: 'ep-a', hash: h('a') }])
    expect(await state.seen('f1', ['ep-a', 'ep-b', 'ep-c'])).toEqual([h('a'), h('b'), undefined])
  })

  it('leaves a newer version in flight when an older one finishes, and remembers the newer one once it does', async () => {
    await state.markSeen('f2', [['ep-a', h('1')]])
    await state.markDone('f2', 'ep-a', h('1'))
    await state.markSeen('f2', [['ep-a', h('2')]])
    // A chain of the first version, re-run late, finishing after the second was queued.
    await state.markDone('f2', 'ep-a', h('1'))
    expect(await state.seen('f2', ['ep-a'])).toEqual([h('2')])
    await state.markDone('f2', 'ep-a', h('2'))
    expect(await inRedis('f2')).toEqual({})
    expect(await state.seen('f2', ['ep-a'])).toEqual([h('2')])
  })

  it('after Redis loses its keys, forgets the versions in flight (queued again) and keeps the finished ones', async () => {
    await state.markSeen('f3', [['done', h('d')], ['flying', h('f')]])
    await state.markDone('f3', 'done', h('d'))
    await redis.del(inFlight('f3'))
    expect(await state.seen('f3', ['done', 'flying'])).toEqual([h('d'), undefined])
  })

  it('marks an item in flight for retry only while it is remembered with the failed hash, and drops the feed validators', async () => {
    await state.markSeen('f4', [['ep-a', h('a')], ['ep-b', h('b')]])
    await state.saveHttpCache('f4', { etag: '"v1"' })
    expect(await state.retryLater('f4', 'ep-a', h('0'))).toBe(false)
    expect(await state.httpCache('f4')).toEqual({ etag: '"v1"' })
    expect(await state.retryLater('f4', 'ep-a', h('a'))).toBe(true)
    expect(await state.httpCache('f4')).toEqual({})
    expect((await state.takeRevalidations(10)).map((r) => r.feedId)).toContain('f4')
    expect(await state.seen('f4', ['ep-a', 'ep-b'])).toEqual([retryMark(h('a')), h('b')])
  })

  it('keeps transcript memos in the database, per feed and URL, and still reads the ones an older version left in Redis', async () => {
    await state.saveTranscript('f5', 'ep-a', { url: 'https://x.test/a.vtt', etag: '"t1"', lastModified: '', sha256: 'aa' })
    expect(await state.transcripts('f5', ['ep-a', 'ep-b'], ['https://x.test/a.vtt', 'https://x.test/b.vtt'])).toEqual([
      { url: 'https://x.test/a.vtt', etag: '"t1"', sha256: 'aa' },
      undefined,
    ])
    expect(await state.transcripts('f5', ['ep-a'], ['https://x.test/moved.vtt'])).toEqual([undefined])
    expect(await redis.exists(`${prefix}:feed:f5:transcripts`)).toBe(0)
    await redis.hset(`${prefix}:feed:f5:transcripts`, 'ep-b', JSON.stringify({ url: 'https://x.test/b.vtt', sha256: 'bb' }))
    expect(await state.transcripts('f5', ['ep-a', 'ep-b'], ['https://x.test/a.vtt', 'https://x.test/b.vtt'])).toEqual([
      { url: 'https://x.test/a.vtt', etag: '"t1"', sha256: 'aa' },
      { url: 'https://x.test/b.vtt', sha256: 'bb' },
    ])
  })

  it('a memo and a finished version of one item share its row, and forget() drops both', async () => {
    await state.markSeen('f6', [['ep-a', h('a')]])
    await state.saveTranscript('f6', 'ep-a', { url: 'u', sha256: 'aa' })
    await state.markDone('f6', 'ep-a', h('a'))
    expect(await rows('f6')).toEqual([{ item_key: 'ep-a', hash: h('a') }])
    expect(await state.transcripts('f6', ['ep-a'], ['u'])).toEqual([{ url: 'u', sha256: 'aa' }])
    await state.forget('f6')
    expect(await rows('f6')).toEqual([])
    expect(await state.seen('f6', ['ep-a'])).toEqual([undefined])
  })

  it('names the database and what it was doing when PostgreSQL refuses', async () => {
    const broken = createSqlItemMemory({ db: async () => ({ sql: store.sql, schema: 'no_such_schema_here' }), redis, prefix, settleAfterMs: HOUR })
    await expect(broken.markDone('f7', 'ep-a', h('a'))).rejects.toThrow(/feed registry: remembering a finished item failed/)
  })

  describe('after a switch from the Redis-only memory', () => {
    // What the Redis-only memory wrote under this prefix before the switch.
    const before = () => createRedisItemMemory(redis, prefix)
    const later = (ms: number) => createFeedState(redis, prefix, createSqlItemMemory({ db: async () => store, redis, prefix, settleAfterMs: HOUR, now: () => Date.now() + ms }))

    it('reads its marks, and moves each to the database once no chain queued before can be running', async () => {
      await before().markSeen('g1', [['ep-a', h('a')], ['ep-b', h('b')]])
      expect(await state.seen('g1', ['ep-a', 'ep-b', 'ep-c'])).toEqual([h('a'), h('b'), undefined])
      expect(await rows('g1')).toEqual([])
      expect(await later(HOUR + 1000).seen('g1', ['ep-a', 'ep-c'])).toEqual([h('a'), undefined])
      expect(await rows('g1')).toEqual([{ item_key: 'ep-a', hash: h('a') }])
      expect(await redis.hgetall(seenKeyOf(prefix, 'g1'))).toEqual({ 'ep-b': h('b') })
      expect(await state.seen('g1', ['ep-a', 'ep-b'])).toEqual([h('a'), h('b')])
    })

    it('marks a chain queued before the switch for retry, and drops its mark when it finishes', async () => {
      await before().markSeen('g2', [['ep-a', h('a')], ['ep-b', h('b')]])
      expect(await state.retryLater('g2', 'ep-a', h('a'))).toBe(true)
      expect(await state.seen('g2', ['ep-a'])).toEqual([retryMark(h('a'))])
      await state.markDone('g2', 'ep-b', h('b'))
      expect(await redis.hgetall(seenKeyOf(prefix, 'g2'))).toEqual({ 'ep-a': retryMark(h('a')) })
      expect(await rows('g2')).toEqual([{ item_key: 'ep-b', hash: h('b') }])
    })

    it('drops its mark when a newer version is queued, which then stands alone', async () => {
      await before().markSeen('g3', [['ep-a', h('1')]])
      await state.markSeen('g3', [['ep-a', h('2')]])
      expect(await redis.hexists(seenKeyOf(prefix, 'g3'), 'ep-a')).toBe(0)
      await state.markDone('g3', 'ep-a', h('2'))
      expect(await later(HOUR + 1000).seen('g3', ['ep-a'])).toEqual([h('2')])
      expect(await rows('g3')).toEqual([{ item_key: 'ep-a', hash: h('2') }])
    })

    it('moves a mark into the row a transcript memo made, keeping the memo', async () => {
      await before().markSeen('g4', [['ep-a', h('a')]])
      await state.saveTranscript('g4', 'ep-a', { url: 'u', sha256: 'aa' })
      expect(await later(HOUR + 1000).seen('g4', ['ep-a'])).toEqual([h('a')])
      expect(await rows('g4')).toEqual([{ item_key: 'ep-a', hash: h('a') }])
      expect(await state.transcripts('g4', ['ep-a'], ['u'])).toEqual([{ url: 'u', sha256: 'aa' }])
      expect(await redis.exists(seenKeyOf(prefix, 'g4'))).toBe(0)
    })
  })
})
