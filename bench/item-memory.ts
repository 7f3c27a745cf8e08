// `npm run bench -- items`: what remembering feed items costs, for the two item memories side by
// side. F feeds of I items each (PODPIPE_BENCH_ITEM_FEEDS, PODPIPE_BENCH_ITEMS_PER_FEED): every
// item is queued (markSeen, one call per feed, as a poll does), then finished with a transcript
// memo (saveTranscript and markDone, as publish does). Reported per item: Redis used_memory while
// the chains are in flight and after they finished, the PostgreSQL table's size, and the wall time
// of finishing, 8 feeds at a time. The Redis is the shared one (REDIS_URL), so run it on a quiet one.
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import pg from 'pg'
import { createSqlItemMemory } from '../src/feeds/index.js'
import { createFeedState, removePrefix, type FeedState } from '../src/queue/index.js'
import { createPostgresStore } from '../src/store/postgres/index.js'
import { BENCH_DATABASE_URL as PG_URL, infoField } from './measure.js'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const PARALLEL_FEEDS = 8

export type ItemMemoryKind = 'redis' | 'postgres'

export interface ItemMemoryRow {
  memory: ItemMemoryKind
  items: number
  redisBytesInFlight: number
  redisBytesFinished: number
  pgBytesFinished: number
  msPerFinish: number
}

const usedMemory = (redis: Redis): Promise<number> => infoField(redis, 'memory', 'used_memory')

const hex = (n: number, i: number): string => `${n.toString(16).padStart(8, '0')}${i.toString(16).padStart(8, '0')}`.repeat(4)

/** A feed's items as real feeds name them: a guid URL, a sha256, a transcript link with validators. */
const itemsOf = (feed: number, count: number) => Array.from({ length: count }, (_, i) => ({
  key: `https://feeds.example.com/show-${feed}/episodes/${i}-${hex(feed, i).slice(0, 12)}`,
  hash: hex(feed, i),
  memo: {
    url: `https://cdn.example.com/transcripts/show-${feed}/episode-${i}.vtt`,
    etag: `"${hex(i, feed).slice(0, 32)}"`,
    lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT',
    sha256: hex(i, feed),
  },
}))

const inBatches = async (count: number, run: (feed: number) => Promise<void>): Promise<void> => {
  for (let start = 0; start < count; start += PARALLEL_FEEDS) {
    await Promise.all(Array.from({ length: Math.min(PARALLEL_FEEDS, count - start) }, (_, j) => run(start + j)))
  }
}

const runOnce = async (memory: ItemMemoryKind, feeds: number, perFeed: number, redis: Redis, admin: pg.Pool): Promise<ItemMemoryRow> => {
  const prefix = `podpipe-bench-items-${randomBytes(3).toString('hex')}`
  const schema = `podpipe_bench_items_${randomBytes(3).toString('hex')}`
  const store = memory === 'postgres' ? await createPostgresStore({ connectionString: PG_URL, schema }) : undefined
  try {
    if (store) await store.ping()
    const state: FeedState = createFeedState(redis, prefix, store ? createSqlItemMemory({ db: async () => store, redis, prefix, settleAfterMs: 0 }) : undefined)
    const feedId = (f: number) => `feed-${f}`
    const before = await usedMemory(redis)
    await inBatches(feeds, (f) => state.markSeen(feedId(f), itemsOf(f, perFeed).map((it) => [it.key, it.hash] as const)))
    const inFlight = await usedMemory(redis)
    const started = performance.now()
    await inBatches(feeds, async (f) => {
      for (const it of itemsOf(f, perFeed)) {
        await state.saveTranscript(feedId(f), it.key, it.memo)
        await state.markDone(feedId(f), it.key, it.hash)
      }
    })
    const finishMs = performance.now() - started
    const finished = await usedMemory(redis)
    const pgBytes = store
      ? Number((await admin.query<{ n: string }>(`SELECT pg_total_relation_size('${schema}.feed_items') AS n`)).rows[0]?.n ?? 0)
      : 0
    const items = feeds * perFeed
    return {
      memory, items,
      redisBytesInFlight: Math.round((inFlight - before) / items),
      redisBytesFinished: Math.round((finished - before) / items),
      pgBytesFinished: Math.round(pgBytes / items),
      msPerFinish: Math.round((finishMs / items) * 1000) / 1000,
    }
  } finally {
    await removePrefix(REDIS_URL, prefix)
    await store?.close()
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  }
}

export const benchItemMemory = async (feeds: number, perFeed: number): Promise<ItemMemoryRow[]> => {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 })
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
  try {
    const rows: ItemMemoryRow[] = []
    for (const memory of ['redis', 'postgres'] as const) rows.push(await runOnce(memory, feeds, perFeed, redis, admin))
    return rows
  } finally {
    redis.disconnect()
    await admin.end()
  }
}

export const printItemMemory = (rows: readonly ItemMemoryRow[], feeds: number, perFeed: number): void => {
  console.log(`\nFeed item memory, ${feeds} feeds of ${perFeed} items, each with a transcript memo (bytes per item; goal: Redis < 200 MB at 100,000 feeds)`)
  console.log('  memory      items  Redis in flight  Redis finished  PostgreSQL  ms per finish  Redis at 100,000 feeds')
  for (const r of rows) {
    const at100k = (Math.max(0, r.redisBytesFinished) * perFeed * 100_000) / 1e6
    console.log(`  ${r.memory.padEnd(8)}  ${String(r.items).padStart(7)}  ${String(r.redisBytesInFlight).padStart(15)}  ${String(r.redisBytesFinished).padStart(14)}  ${String(r.pgBytesFinished).padStart(10)}  ${String(r.msPerFinish).padStart(13)}  ${`${Math.round(at100k)} MB`.padStart(22)}`)
  }
}
