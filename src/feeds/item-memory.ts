/**
 * The feed items' memory for deployments on PostgreSQL. Remembering every item of every feed
 * costs Redis about 110 bytes an item, 530 with a transcript memo: gigabytes of RAM at 100,000
 * feeds with back catalogues. So here Redis keeps only the versions whose chains are in flight,
 * and a chain that finishes moves its version to the registry's database (migration 6), with
 * the transcript memo its publish wrote.
 *
 * The split keeps what "seen" promises. A version is seen once its chain is queued, and the
 * chains live in Redis: when Redis loses data (FLUSHALL, a restart without persistence, an AOF
 * that lost its last second), the in-flight marks go with the chains they stand for, and the
 * next poll queues those versions again. What the database holds describes finished chains,
 * whose records the stores keep whatever happens to Redis.
 */
import type { Redis } from 'ioredis'
import { cleanMemo, createRedisItemMemory, parseMemo, seenKeyOf, type ItemMemory } from '../queue/feed-state.js'
import { quoteSchema } from '../store/postgres/schema-name.js'
import { runRegistry, type RegistryDb } from './registry.js'

// Only the mark of the version that finished: a newer version queued since stays in flight.
const DROP_IF_EQUAL = `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0`

export interface SqlItemMemoryOptions {
  db: () => Promise<RegistryDb>
  redis: Redis
  /** The queue prefix of the deployment whose chains the in-flight marks stand for. */
  prefix: string
}

export const createSqlItemMemory = ({ db, redis, prefix }: SqlItemMemoryOptions): ItemMemory => {
  const inFlight = createRedisItemMemory(redis, prefix)
  const table = async () => {
    const d = await db()
    return { d, items: `${quoteSchema(d.schema)}.feed_items` }
  }
  return {
    async seen(feedId, keys) {
      const flying = await inFlight.seen(feedId, keys)
      const rest = keys.filter((_, i) => flying[i] === undefined)
      if (rest.length === 0) return flying
      const { d, items } = await table()
      const rows = await runRegistry<{ item_key: string; hash: string }>(d, 'reading seen items', `
        SELECT item_key, hash FROM ${items} WHERE feed_id = $1 AND item_key = ANY($2::text[]) AND hash IS NOT NULL`,
      [feedId, rest])
      const done = new Map(rows.map((r) => [r.item_key, r.hash]))
      return keys.map((k, i) => flying[i] ?? done.get(k))
    },
    markSeen: (feedId, entries) => inFlight.markSeen(feedId, entries),
    async markDone(feedId, key, hash) {
      const { d, items } = await table()
      await runRegistry(d, 'remembering a finished item', `
        INSERT INTO ${items} (feed_id, item_key, hash) VALUES ($1, $2, $3)
        ON CONFLICT (feed_id, item_key) DO UPDATE SET hash = excluded.hash`, [feedId, key, hash])
      // After the database has it: a crash in between leaves both, which agree.
      await redis.eval(DROP_IF_EQUAL, 1, seenKeyOf(prefix, feedId), key, hash)
    },
    async transcripts(feedId, keys, urls) {
      if (keys.length === 0) return []
      const { d, items } = await table()
      const rows = await runRegistry<{ item_key: string; transcript: unknown }>(d, 'reading transcript memos', `
        SELECT item_key, transcript FROM ${items} WHERE feed_id = $1 AND item_key = ANY($2::text[]) AND transcript IS NOT NULL`,
      [feedId, keys])
      const memos = new Map(rows.map((r) => [r.item_key, r.transcript]))
      const found = keys.map((k, i) => {
        const memo = memos.has(k) ? parseMemo(memos.get(k)) : undefined
        return memo?.url === urls[i] ? memo : undefined
      })
      // Memos a deployment wrote to Redis before it moved to PostgreSQL still count.
      const older = keys.flatMap((k, i) => (found[i] ? [] : [i]))
      if (older.length === 0) return found
      const legacy = await inFlight.transcripts(feedId, older.map((i) => keys[i]!), older.map((i) => urls[i]!))
      older.forEach((at, j) => { found[at] = legacy[j] })
      return found
    },
    async saveTranscript(feedId, key, memo) {
      const { d, items } = await table()
      await runRegistry(d, 'saving a transcript memo', `
        INSERT INTO ${items} (feed_id, item_key, transcript) VALUES ($1, $2, $3::jsonb)
        ON CONFLICT (feed_id, item_key) DO UPDATE SET transcript = excluded.transcript`,
      [feedId, key, JSON.stringify(cleanMemo(memo))])
    },
    async forget(feedId) {
      await inFlight.forget(feedId)
      const { d, items } = await table()
      await runRegistry(d, 'forgetting a feed\'s items', `DELETE FROM ${items} WHERE feed_id = $1`, [feedId])
    },
  }
}
