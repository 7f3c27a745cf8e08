import type { Redis } from 'ioredis'

/** The validators of the last successful fetch of a feed, for a conditional GET. */
export interface HttpCache {
  etag?: string
  lastModified?: string
}

/**
 * Per-feed memory between polls: HTTP validators, and the content hash of every episode
 * already handed to the pipeline, so an unchanged episode is not processed twice.
 */
export interface FeedState {
  httpCache(feedId: string): Promise<HttpCache>
  saveHttpCache(feedId: string, cache: HttpCache): Promise<void>
  /** The remembered hash per episode key, undefined when never seen. */
  seen(feedId: string, keys: readonly string[]): Promise<(string | undefined)[]>
  markSeen(feedId: string, entries: ReadonlyArray<readonly [key: string, hash: string]>): Promise<void>
  forget(feedId: string): Promise<void>
  /** The chains one poll job started, so `ingestOnce` can wait for exactly those. */
  recordPoll(pollJobId: string, chainIds: readonly string[]): Promise<void>
  pollChains(pollJobId: string): Promise<string[]>
}

/** Long enough for any ingestOnce caller to read; short enough not to accumulate. */
const POLL_RECORD_TTL_SECONDS = 86_400

export const createFeedState = (redis: Redis, prefix: string): FeedState => {
  const httpKey = (feedId: string) => `${prefix}:feed:${feedId}:http`
  const seenKey = (feedId: string) => `${prefix}:feed:${feedId}:seen`
  const pollKey = (pollJobId: string) => `${prefix}:poll:${pollJobId}:chains`
  return {
    async httpCache(feedId) {
      const h = await redis.hgetall(httpKey(feedId))
      return { ...(h.etag ? { etag: h.etag } : {}), ...(h.lastModified ? { lastModified: h.lastModified } : {}) }
    },
    async saveHttpCache(feedId, cache) {
      await redis.del(httpKey(feedId))
      const fields = Object.entries(cache).filter((e): e is [string, string] => typeof e[1] === 'string')
      if (fields.length > 0) await redis.hset(httpKey(feedId), Object.fromEntries(fields))
    },
    async seen(feedId, keys) {
      if (keys.length === 0) return []
      const values = await redis.hmget(seenKey(feedId), ...keys)
      return values.map((v) => v ?? undefined)
    },
    async markSeen(feedId, entries) {
      if (entries.length > 0) await redis.hset(seenKey(feedId), Object.fromEntries(entries.map(([k, h]) => [k, h])))
    },
    async forget(feedId) {
      await redis.del(httpKey(feedId), seenKey(feedId))
    },
    async recordPoll(pollJobId, chainIds) {
      // Added to, never replaced: a poll job re-run after a crash finds its episodes already
      // seen and starts nothing, but the chains its first run started still belong to it.
      const multi = redis.multi()
      if (chainIds.length > 0) multi.sadd(pollKey(pollJobId), ...chainIds)
      await multi.expire(pollKey(pollJobId), POLL_RECORD_TTL_SECONDS).exec()
    },
    async pollChains(pollJobId) {
      return (await redis.smembers(pollKey(pollJobId))).sort()
    },
  }
}
