/**
 * The feed items' memory for deployments on PostgreSQL. Remembering every item of every feed
 * costs Redis about 110 bytes an item, 510 with a transcript memo: gigabytes of RAM at 100,000
 * feeds with back catalogues. So here Redis keeps only the versions whose chains are in flight,
 * and a chain that finishes moves its version to the registry's database (migration 6), with
 * the transcript memo its publish wrote.
 *
 * The split keeps what "seen" promises. A version is seen once its chain is queued, and the
 * chains live in Redis: when Redis loses data (FLUSHALL, a restart without persistence, an AOF
 * that lost its last second), the in-flight marks go with the chains they stand for, and the
 * next poll queues those versions again. What the database holds describes finished chains,
 * whose records the stores keep whatever happens to Redis.
 *
 * In-flight marks have a hash of their own (`in-flight`), so the `seen` hash holds only what a
 * deployment remembered in Redis before it used this memory. Those marks are still read, and
 * once no chain queued before the switch can still be running (`settleAfterMs` after this
 * memory was first used on the Redis: the blob TTL, past which a chain's data is gone), each is
 * moved to the database the first time a poll reads it.
 */
import type { Redis } from 'ioredis'
import { cleanMemo, createRedisItemMemory, memoFor, seenKeyOf, type ItemMemory } from '../queue/feed-state.js'
import { feedItemsTable, runRegistry, type RegistryDb } from './registry.js'

// Each key given with its hash is dropped only while it still holds that hash: a newer version
// marked, or a retry marked, since it was read stays.
const DROP_IF_EQUAL = `local dropped = 0
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then dropped = dropped + redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return dropped`

export interface SqlItemMemoryOptions {
  db: () => Promise<RegistryDb>
  redis: Redis
  /** The queue prefix of the deployment whose chains the in-flight marks stand for. */
  prefix: string
  /** How long after its first use marks from the Redis-only memory may still stand for a running chain. */
  settleAfterMs: number
  now?: () => number
}

export const createSqlItemMemory = ({ db, redis, prefix, settleAfterMs, now = Date.now }: SqlItemMemoryOptions): ItemMemory => {
  const flyingKey = (feedId: string) => `${prefix}:feed:${feedId}:in-flight`
  // What the Redis-only memory wrote; its transcript memos are read through it too.
  const older = createRedisItemMemory(redis, prefix)
  const sinceKey = `${prefix}:items:since`
  let since: number | undefined
  const firstUse = async (): Promise<number> => {
    if (since !== undefined) return since
    await redis.set(sinceKey, String(now()), 'NX')
    since = Number(await redis.get(sinceKey)) || now()
    return since
  }
  const table = async () => {
    const d = await db()
    return { d, items: feedItemsTable(d) }
  }
  const markKeys = (feedId: string) => [flyingKey(feedId), seenKeyOf(prefix, feedId)]
  const dropIfEqual = (key: string, pairs: readonly (readonly [string, string])[]) =>
    pairs.length === 0 ? Promise.resolve() : redis.eval(DROP_IF_EQUAL, 1, key, ...pairs.flat())

  /** Moves marks the Redis-only memory left to the database, once no chain they stand for can be running. */
  const settleOlder = async (feedId: string, marks: readonly (readonly [string, string])[]) => {
    if (marks.length === 0 || now() - (await firstUse()) < settleAfterMs) return
    const { d, items } = await table()
    // The row may hold a transcript memo already; the mark is the item's latest (markSeen drops it).
    await runRegistry(d, 'moving remembered items', `
      INSERT INTO ${items} (feed_id, item_key, hash) SELECT $1, u.key, u.hash FROM unnest($2::text[], $3::text[]) AS u(key, hash)
      ON CONFLICT (feed_id, item_key) DO UPDATE SET hash = excluded.hash`, [feedId, marks.map(([k]) => k), marks.map(([, h]) => h)])
    await dropIfEqual(seenKeyOf(prefix, feedId), marks)
  }

  return {
    async seen(feedId, keys) {
      if (keys.length === 0) return []
      const found: (string | undefined)[] = (await redis.hmget(flyingKey(feedId), ...keys)).map((v) => v ?? undefined)
      const missing = () => keys.flatMap((k, i) => (found[i] === undefined ? [i] : []))
      let rest = missing()
      if (rest.length === 0) return found
      await firstUse()
      // Before the database: an older mark is dropped when a newer version is marked, so one
      // still there is the item's latest, and a deployment that just switched reads no database.
      const olderMarks = await older.seen(feedId, rest.map((i) => keys[i]!))
      const settled: [string, string][] = []
      rest.forEach((i, j) => {
        const mark = olderMarks[j]
        if (mark === undefined) return
        found[i] = mark
        settled.push([keys[i]!, mark])
      })
      // Best effort: a mark not moved now (the database down) is moved at a later read.
      await settleOlder(feedId, settled).catch(() => undefined)
      rest = missing()
      if (rest.length === 0) return found
      const { d, items } = await table()
      const rows = await runRegistry<{ item_key: string; hash: string }>(d, 'reading seen items', `
        SELECT item_key, hash FROM ${items} WHERE feed_id = $1 AND item_key = ANY($2::text[]) AND hash IS NOT NULL`,
      [feedId, rest.map((i) => keys[i]!)])
      const done = new Map(rows.map((r) => [r.item_key, r.hash]))
      for (const i of rest) found[i] = done.get(keys[i]!)
      return found
    },
    async markSeen(feedId, entries) {
      if (entries.length === 0) return
      await firstUse()
      const keys = entries.map(([k]) => k)
      // The new version supersedes whatever the Redis-only memory remembered of the item.
      await redis.multi()
        .hset(flyingKey(feedId), Object.fromEntries(entries.map(([k, h]) => [k, h])))
        .hdel(seenKeyOf(prefix, feedId), ...keys)
        .exec()
    },
    async markDone(feedId, key, hash) {
      const { d, items } = await table()
      await runRegistry(d, 'remembering a finished item', `
        INSERT INTO ${items} (feed_id, item_key, hash) VALUES ($1, $2, $3)
        ON CONFLICT (feed_id, item_key) DO UPDATE SET hash = excluded.hash`, [feedId, key, hash])
      // After the database has it: a crash in between leaves both, which agree.
      await Promise.all(markKeys(feedId).map((mark) => dropIfEqual(mark, [[key, hash]])))
    },
    async transcripts(feedId, keys, urls) {
      if (keys.length === 0) return []
      const { d, items } = await table()
      const rows = await runRegistry<{ item_key: string; transcript: unknown }>(d, 'reading transcript memos', `
        SELECT item_key, transcript FROM ${items} WHERE feed_id = $1 AND item_key = ANY($2::text[]) AND transcript IS NOT NULL`,
      [feedId, keys])
      const memos = new Map(rows.map((r) => [r.item_key, r.transcript]))
      const found = keys.map((k, i) => memoFor(memos.get(k), urls[i]!))
      // Memos the Redis-only memory wrote still count, until a publish writes them here.
      const rest = keys.flatMap((k, i) => (found[i] ? [] : [i]))
      if (rest.length === 0) return found
      const legacy = await older.transcripts(feedId, rest.map((i) => keys[i]!), rest.map((i) => urls[i]!))
      rest.forEach((at, j) => { found[at] = legacy[j] })
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
      await redis.del(flyingKey(feedId))
      await older.forget(feedId)
      const { d, items } = await table()
      await runRegistry(d, 'forgetting a feed\'s items', `DELETE FROM ${items} WHERE feed_id = $1`, [feedId])
    },
    markKeys,
  }
}
