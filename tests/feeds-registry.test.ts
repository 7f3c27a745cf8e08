import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import {
  addFeeds, claimDueFeeds, countFeeds, leasedFeeds, listFeeds, pollUpdate, recordPolls, removeFeed, revalidateFeeds, feedItemsTable, type RegistryDb,
} from '../src/feeds/index.js'
import { feedIdOf } from '../src/queue/jobs.js'
import { createPgliteStore, createPostgresStore, type SqlRecordStore } from '../src/store/postgres/index.js'
import { PG_URL } from './helpers/pipeline-env.js'

const bounds = { minS: 900, maxS: 86_400 }
const NOW = new Date('2026-06-01T12:00:00Z')
const opened: SqlRecordStore[] = []
const schemas: string[] = []

afterAll(async () => {
  await Promise.allSettled(opened.map((s) => s.close()))
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
  for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`)
  await admin.end()
})

const ENGINES = {
  postgres: async (): Promise<RegistryDb> => {
    const schema = `podpipe_feeds_${randomBytes(5).toString('hex')}`
    schemas.push(schema)
    const store = await createPostgresStore({ connectionString: PG_URL, schema })
    opened.push(store)
    await store.ping()
    return store
  },
  pglite: async (): Promise<RegistryDb> => {
    const store = await createPgliteStore({ dir: undefined })
    opened.push(store)
    return store
  },
}

describe.each(Object.keys(ENGINES) as (keyof typeof ENGINES)[])('feed registry on %s', (engine) => {
  const open = ENGINES[engine]

  it('adds feeds once: a re-import changes nothing, a spec that leaves speakers out keeps them', async () => {
    const db = await open()
    const specs = [
      { url: 'https://a.example/feed.xml', speakers: ['Jordan Schneider'] },
      { url: 'https://b.example/rss', intervalS: 300 },
      { url: '/srv/feeds/local.xml' },
    ]
    expect(await addFeeds(db, specs, { now: NOW, bounds })).toEqual({ added: 3, updated: 0, unchanged: 0 })
    expect(await addFeeds(db, specs, { now: NOW, bounds })).toEqual({ added: 0, updated: 0, unchanged: 3 })
    expect(await addFeeds(db, [{ url: 'https://a.example/feed.xml' }], { now: NOW, bounds })).toEqual({ added: 0, updated: 0, unchanged: 1 })
    expect(await addFeeds(db, [{ url: 'https://a.example/feed.xml', speakers: ['Chris Miller'] }], { now: NOW, bounds }))
      .toEqual({ added: 0, updated: 1, unchanged: 0 })
    const feeds = await listFeeds(db)
    expect(feeds.map((f) => [f.url, f.id, f.host, f.speakers, f.minIntervalS, f.intervalS])).toEqual([
      ['/srv/feeds/local.xml', feedIdOf('/srv/feeds/local.xml'), 'file', null, null, 86_400],
      ['https://a.example/feed.xml', feedIdOf('https://a.example/feed.xml'), 'https://a.example', ['Chris Miller'], null, 86_400],
      ['https://b.example/rss', feedIdOf('https://b.example/rss'), 'https://b.example', null, 300, 300],
    ])
    expect(feeds.every((f) => f.nextPollAt.getTime() === NOW.getTime() && f.enabled)).toBe(true)
    expect(await removeFeed(db, feedIdOf('https://b.example/rss'))).toBe(feedIdOf('https://b.example/rss'))
    expect(await removeFeed(db, 'https://a.example/feed.xml')).toBe(feedIdOf('https://a.example/feed.xml'))
    expect(await removeFeed(db, 'https://a.example/feed.xml')).toBeUndefined()
    expect(await countFeeds(db)).toBe(1)
  })

  it('forgets the items remembered of a removed feed, and only of it', async () => {
    const db = await open()
    const [a, b] = ['https://a.example/feed.xml', 'https://b.example/rss']
    await addFeeds(db, [{ url: a }, { url: b }], { now: NOW, bounds })
    await db.sql.query(`INSERT INTO ${feedItemsTable(db)} (feed_id, item_key, hash) VALUES ($1, 'ep-1', 'h1'), ($1, 'ep-2', 'h2'), ($2, 'ep-1', 'h3')`,
      [feedIdOf(a), feedIdOf(b)])
    expect(await removeFeed(db, a)).toBe(feedIdOf(a))
    const { rows } = await db.sql.query<{ feed_id: string; item_key: string }>(`SELECT feed_id, item_key FROM ${feedItemsTable(db)}`, [])
    expect(rows).toEqual([{ feed_id: feedIdOf(b), item_key: 'ep-1' }])
  })

  it('spreads the first polls of a large import over the time given', async () => {
    const db = await open()
    const specs = Array.from({ length: 200 }, (_, i) => ({ url: `https://h${i % 7}.example/${i}.xml` }))
    await addFeeds(db, specs, { now: NOW, bounds, spreadS: 600 })
    const waits = (await listFeeds(db)).map((f) => (f.nextPollAt.getTime() - NOW.getTime()) / 1000)
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...waits)).toBeLessThan(600)
    expect(waits.filter((w) => w < 300).length).toBeGreaterThan(70)
    expect(waits.filter((w) => w >= 300).length).toBeGreaterThan(70)
  })

  it('claims due feeds under a lease, once, and writes a batch back only while it holds them', async () => {
    const db = await open()
    await addFeeds(db, Array.from({ length: 5 }, (_, i) => ({ url: `https://h.example/${i}.xml` })), { now: NOW, bounds })
    const later = new Date(NOW.getTime() + 1000)
    const first = await claimDueFeeds(db, { now: later, limit: 3, leaseId: 'lease-a', leaseS: 600 })
    const second = await claimDueFeeds(db, { now: later, limit: 3, leaseId: 'lease-b', leaseS: 600 })
    expect(first).toHaveLength(3)
    expect(second).toHaveLength(2)
    expect(new Set([...first, ...second].map((c) => c.id)).size).toBe(5)
    expect(first.every((c) => c.dueAt.getTime() === NOW.getTime())).toBe(true)
    expect(await claimDueFeeds(db, { now: later, limit: 3, leaseId: 'lease-c', leaseS: 600 })).toEqual([])

    const leased = await leasedFeeds(db, 'lease-a')
    expect(leased.map((f) => f.id).sort()).toEqual(first.map((c) => c.id).sort())
    const published = [new Date('2026-05-31T10:00:00Z'), new Date('2026-05-30T10:00:00Z')]
    const updates = leased.map((f, i) => pollUpdate(f, i === 0
      ? { kind: 'changed', etag: '"v2"', publishTimes: published }
      : i === 1 ? { kind: 'not-modified' } : { kind: 'failed', error: 'HTTP 500' }, later, bounds))
    // A batch whose lease lapsed and was claimed again writes nothing.
    expect(await recordPolls(db, 'lease-b', updates)).toBe(0)
    expect(await recordPolls(db, 'lease-a', updates)).toBe(3)
    const rows = new Map((await listFeeds(db)).map((f) => [f.id, f]))
    const [changed, same, failed] = leased.map((f) => rows.get(f.id)!)
    expect(changed).toMatchObject({ etag: '"v2"', lastModified: null, lastStatus: 'changed', consecutiveErrors: 0, publishTimes: published, lastPolledAt: later })
    expect(same).toMatchObject({ etag: null, lastStatus: 'not-modified', consecutiveErrors: 0 })
    expect(failed).toMatchObject({ lastStatus: 'failed', lastError: 'HTTP 500', consecutiveErrors: 1 })
    expect(changed!.nextPollAt.getTime()).toBeGreaterThan(later.getTime())
    // Released: the batch's lease no longer names them.
    expect(await leasedFeeds(db, 'lease-a')).toEqual([])
  })

  it('revalidates feeds: validators dropped, the next poll within the feed\'s own minimum interval, a leased feed left to its batch', async () => {
    const db = await open()
    const later = new Date(NOW.getTime() + 86_400_000)
    await addFeeds(db, [{ url: 'https://r.example/a.xml' }, { url: 'https://r.example/b.xml', intervalS: 3600 }], { now: later, bounds })
    await addFeeds(db, [{ url: 'https://r.example/c.xml' }], { now: NOW, bounds })
    const [leased] = await claimDueFeeds(db, { now: NOW, limit: 1, leaseId: 'lease-r', leaseS: 600 })
    const ids = (await listFeeds(db)).map((f) => f.id)
    await db.sql.query(`UPDATE ${db.schema}.feeds SET etag = '"e"', last_modified = 'x'`, [])
    await revalidateFeeds(db, ids.map((feedId) => ({ feedId, attempts: 1 })), { now: NOW, minIntervalS: 900 })
    const rows = new Map((await listFeeds(db)).map((f) => [f.url, f]))
    expect([...rows.values()].map((f) => [f.etag, f.lastModified])).toEqual([[null, null], [null, null], [null, null]])
    expect(rows.get('https://r.example/a.xml')!.nextPollAt).toEqual(new Date(NOW.getTime() + 900_000))
    expect(rows.get('https://r.example/b.xml')!.nextPollAt).toEqual(new Date(NOW.getTime() + 3_600_000))
    expect(rows.get('https://r.example/c.xml')).toMatchObject({ id: leased!.id, nextPollAt: new Date(NOW.getTime() + 600_000) })
  })

  it('revalidates a feed later at each attempt in a row, never later than its usual time', async () => {
    const db = await open()
    const usual = new Date(NOW.getTime() + 86_400_000)
    await addFeeds(db, [{ url: 'https://r.example/d.xml' }], { now: usual, bounds })
    const [feed] = await listFeeds(db)
    const nextAfter = async (attempts: number) => {
      await db.sql.query(`UPDATE ${db.schema}.feeds SET next_poll_at = $1`, [usual.toISOString()])
      await revalidateFeeds(db, [{ feedId: feed!.id, attempts }], { now: NOW, minIntervalS: 900 })
      return ((await listFeeds(db))[0]!.nextPollAt.getTime() - NOW.getTime()) / 60_000
    }
    expect([await nextAfter(1), await nextAfter(2), await nextAfter(3), await nextAfter(7), await nextAfter(40)]).toEqual([15, 30, 60, 960, 1440])
  })
})

describe('several schedulers on PostgreSQL', () => {
  it('claim disjoint batches at once (SKIP LOCKED)', async () => {
    const schema = `podpipe_feeds_${randomBytes(5).toString('hex')}`
    schemas.push(schema)
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresStore({ connectionString: PG_URL, schema })))
    opened.push(...stores)
    await addFeeds(stores[0]!, Array.from({ length: 600 }, (_, i) => ({ url: `https://h.example/${i}.xml` })), { now: NOW, bounds })
    const later = new Date(NOW.getTime() + 1000)
    const claims = await Promise.all(stores.flatMap((db, s) => [0, 1, 2, 3].map((b) =>
      claimDueFeeds(db, { now: later, limit: 50, leaseId: `lease-${s}-${b}`, leaseS: 600 }))))
    const ids = claims.flat().map((c) => c.id)
    expect(ids).toHaveLength(600)
    expect(new Set(ids).size).toBe(600)
  })
})
