import type { Redis } from 'ioredis'
import { z } from 'zod'

/** The validators of the last successful fetch of a feed, for a conditional GET. */
export interface HttpCache {
  etag?: string
  lastModified?: string
}

/**
 * What a recheck of an episode's `podcast:transcript` file compares against: the validators of the
 * last fetch (tied to the URL, so a new link never sends stale ones) and the sha256 of the last
 * transcript a chain processed.
 */
export interface TranscriptMemo extends HttpCache {
  url: string
  sha256?: string
}

/** What a verifying poll (`podpipe ingest`) found beyond the chains it started, for ingestOnce to report. */
export interface PollReport {
  /** Episodes remembered as done whose current record every store holds. */
  verified: string[]
  /** Episodes remembered as done that could not be checked (a store unreachable), with the reason. */
  unverified: { episodeId: string; reason: string }[]
  /** Feed-level warnings, e.g. items left out by PODPIPE_MAX_ITEMS_PER_FEED. */
  warnings: string[]
  /**
   * The poll's chains that recheck a published episode's transcript. One that ends with the file
   * unchanged leaves no summary behind (workers/transcripts.ts), so once retention has removed
   * its job, this is how ingest knows how it ended. Absent in reports of older versions.
   */
  rechecks?: string[]
}

/**
 * What podpipe remembers per feed item between polls: the content hash of every version already
 * handed to the pipeline, and the transcript each published chain processed. It grows with every
 * feed's back catalogue, so it lives in Redis only by default (createRedisItemMemory); with
 * PostgreSQL, what finished chains leave lives in the feed registry's database
 * (src/feeds/item-memory.ts). Either way a version whose chain is in flight is marked in Redis,
 * beside its chain, in one of the hashes `markKeys` names: retryLater marks it there.
 */
export interface ItemMemory {
  /** The remembered hash per episode key, undefined when never seen. */
  seen(feedId: string, keys: readonly string[]): Promise<(string | undefined)[]>
  /** Remembers versions whose chains were just queued. */
  markSeen(feedId: string, entries: ReadonlyArray<readonly [key: string, hash: string]>): Promise<void>
  /** The chain of this version finished: published, or failed for good on bad input. */
  markDone(feedId: string, key: string, hash: string): Promise<void>
  /** The remembered transcript per episode key; undefined when never recorded or recorded for another URL. */
  transcripts(feedId: string, keys: readonly string[], urls: readonly string[]): Promise<(TranscriptMemo | undefined)[]>
  saveTranscript(feedId: string, key: string, memo: TranscriptMemo): Promise<void>
  forget(feedId: string): Promise<void>
  /** The Redis hashes (item key → hash) a version whose chain is in flight may be marked in, newest first. */
  markKeys(feedId: string): string[]
}

/**
 * Per-feed memory between polls: HTTP validators and the items' memory, so an unchanged
 * episode is not processed twice, and the shared state of the feed jobs.
 */
export interface FeedState extends ItemMemory {
  httpCache(feedId: string): Promise<HttpCache>
  saveHttpCache(feedId: string, cache: HttpCache): Promise<void>
  /**
   * Marks a seen item whose chain failed for good for a transient reason (its retries ran out),
   * so the next poll processes it again: `seen` then returns `retryMark(hash)`. Only when the
   * item is still remembered with `hash`; a newer version seen since is left alone. Drops the
   * feed's HTTP validators, so the next poll reads the feed even if it did not change.
   */
  retryLater(feedId: string, key: string, hash: string): Promise<boolean>
  /**
   * Up to `max` feeds retryLater marked since the last call, each once: the scheduler drops
   * their validators in the feed registry too, which holds its own for the feeds it polls.
   * `attempts` counts the feed's revalidations in a row (1 after a day without one), so the
   * scheduler can wait longer each time a transcript is still not there.
   */
  takeRevalidations(max: number, now?: Date): Promise<Revalidation[]>
  /**
   * The hosts among `hosts` that asked every client to wait (Retry-After), with until when:
   * shared by every poll-batch worker on this Redis. Past waits are dropped as they are read.
   */
  hostWaits(hosts: readonly string[], now: Date): Promise<Map<string, Date>>
  saveHostWaits(waits: ReadonlyMap<string, Date>): Promise<void>
  /**
   * The items the last full poll chose for transcript rechecks, so a poll answered by 304 can
   * still recheck them: a transcript file can change behind a feed that did not.
   */
  recheckList<T>(feedId: string): Promise<T[]>
  saveRecheckList(feedId: string, items: readonly unknown[]): Promise<void>
  /** The chains one poll job started, so `ingestOnce` can wait for exactly those. */
  recordPoll(pollJobId: string, chainIds: readonly string[]): Promise<void>
  pollChains(pollJobId: string): Promise<string[]>
  /** Replaced by each run of the poll job: a re-run checks everything again. */
  savePollReport(pollJobId: string, report: PollReport): Promise<void>
  pollReport(pollJobId: string): Promise<PollReport | undefined>
}

export interface Revalidation {
  feedId: string
  attempts: number
}

// A feed revalidated again within this time counts one more attempt; after it, attempts start over.
const REVALIDATION_MEMORY_MS = 86_400_000

/** What `seen` returns for an item `retryLater` marked. */
export const retryMark = (hash: string): string => `retry:${hash}`

// Compare-and-set in one step: a poll that marks a newer version seen meanwhile must win. The
// feed's validators go too, or a feed answering 304 would hide the item from every later poll.
const RETRY_LATER = `for i = 3, #KEYS do
  if redis.call('HGET', KEYS[i], ARGV[1]) == ARGV[2] then
    redis.call('HSET', KEYS[i], ARGV[1], ARGV[3]) redis.call('DEL', KEYS[1]) redis.call('SADD', KEYS[2], ARGV[4]) return 1
  end
end
return 0`

/** Long enough for any ingestOnce caller to read; short enough not to accumulate. */
const POLL_RECORD_TTL_SECONDS = 86_400

/** The Redis hash of a feed's seen versions, item key → hash. */
export const seenKeyOf = (prefix: string, feedId: string): string => `${prefix}:feed:${feedId}:seen`

/** The items' memory in Redis: one hash of seen versions and one of transcript memos per feed. */
export const createRedisItemMemory = (redis: Redis, prefix: string): ItemMemory => {
  const seenKey = (feedId: string) => seenKeyOf(prefix, feedId)
  const transcriptKey = (feedId: string) => `${prefix}:feed:${feedId}:transcripts`
  return {
    async seen(feedId, keys) {
      if (keys.length === 0) return []
      const values = await redis.hmget(seenKey(feedId), ...keys)
      return values.map((v) => v ?? undefined)
    },
    async markSeen(feedId, entries) {
      if (entries.length > 0) await redis.hset(seenKey(feedId), Object.fromEntries(entries.map(([k, h]) => [k, h])))
    },
    // Seen and done are one memory here: the mark made when the chain was queued stays.
    markDone: async () => undefined,
    async transcripts(feedId, keys, urls) {
      if (keys.length === 0) return []
      const values = await redis.hmget(transcriptKey(feedId), ...keys)
      return values.map((v, i) => memoFor(v, urls[i]!))
    },
    async saveTranscript(feedId, key, memo) {
      await redis.hset(transcriptKey(feedId), key, JSON.stringify(cleanMemo(memo)))
    },
    async forget(feedId) {
      await redis.del(seenKey(feedId), transcriptKey(feedId))
    },
    markKeys: (feedId) => [seenKey(feedId)],
  }
}

/** `items` defaults to Redis; src/feeds/item-memory.ts keeps them in PostgreSQL instead. */
export const createFeedState = (redis: Redis, prefix: string, items: ItemMemory = createRedisItemMemory(redis, prefix)): FeedState => {
  const httpKey = (feedId: string) => `${prefix}:feed:${feedId}:http`
  const pollKey = (pollJobId: string) => `${prefix}:poll:${pollJobId}:chains`
  const reportKey = (pollJobId: string) => `${prefix}:poll:${pollJobId}:report`
  const recheckKey = (feedId: string) => `${prefix}:feed:${feedId}:recheck`
  const revalidateKey = `${prefix}:feeds:revalidate`
  // `attempts:ms` of the feed's last revalidation, gone a day later: the count starts over
  // then anyway, so a feed that failed once leaves nothing behind.
  const attemptsKey = (feedId: string) => `${prefix}:feed:${feedId}:revalidations`
  // Releases before this kept every feed's count in one hash that only feed removal shrank.
  const legacyAttemptsKey = `${prefix}:feeds:revalidations`
  const hostWaitKey = `${prefix}:feeds:host-waits`
  return {
    // Both memories are plain closures, so their functions stand here as they are.
    ...items,
    async httpCache(feedId) {
      const h = await redis.hgetall(httpKey(feedId))
      return { ...(h.etag ? { etag: h.etag } : {}), ...(h.lastModified ? { lastModified: h.lastModified } : {}) }
    },
    async saveHttpCache(feedId, cache) {
      await redis.del(httpKey(feedId))
      const fields = Object.entries(cache).filter((e): e is [string, string] => typeof e[1] === 'string')
      if (fields.length > 0) await redis.hset(httpKey(feedId), Object.fromEntries(fields))
    },
    async retryLater(feedId, key, hash) {
      const marks = items.markKeys(feedId)
      return (await redis.eval(RETRY_LATER, 2 + marks.length, httpKey(feedId), revalidateKey, ...marks, key, hash, retryMark(hash), feedId)) === 1
    },
    async takeRevalidations(max, now = new Date()) {
      const ids = await redis.spop(revalidateKey, max)
      if (ids.length === 0) return []
      const previous = await redis.mget(ids.map(attemptsKey))
      const taken = ids.map((feedId, i) => {
        const [count, at] = (previous[i] ?? '').split(':').map(Number)
        const recent = count !== undefined && at !== undefined && now.getTime() - at < REVALIDATION_MEMORY_MS
        return { feedId, attempts: recent ? count! + 1 : 1 }
      })
      const multi = redis.multi()
      for (const r of taken) multi.set(attemptsKey(r.feedId), `${r.attempts}:${now.getTime()}`, 'PX', REVALIDATION_MEMORY_MS)
      await multi.unlink(legacyAttemptsKey).exec()
      return taken
    },
    async hostWaits(hosts, now) {
      const waits = new Map<string, Date>()
      if (hosts.length === 0) return waits
      const values = await redis.hmget(hostWaitKey, ...hosts)
      const past: string[] = []
      values.forEach((v, i) => {
        const until = Number(v)
        if (v === null || !Number.isFinite(until)) return
        if (until > now.getTime()) waits.set(hosts[i]!, new Date(until))
        else past.push(hosts[i]!)
      })
      if (past.length > 0) await redis.hdel(hostWaitKey, ...past)
      return waits
    },
    async saveHostWaits(waits) {
      if (waits.size > 0) await redis.hset(hostWaitKey, Object.fromEntries([...waits].map(([h, d]) => [h, String(d.getTime())])))
    },
    async forget(feedId) {
      await redis.del(httpKey(feedId), recheckKey(feedId), attemptsKey(feedId))
      await items.forget(feedId)
    },
    async recheckList<T>(feedId: string) {
      const raw = await redis.get(recheckKey(feedId))
      if (raw === null) return []
      try {
        const items: unknown = JSON.parse(raw)
        return Array.isArray(items) ? (items as T[]) : []
      } catch {
        // Unreadable: this 304 poll rechecks nothing; the next full poll writes a new list.
        return []
      }
    },
    async saveRecheckList(feedId, list) {
      await redis.set(recheckKey(feedId), JSON.stringify(list))
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
    async savePollReport(pollJobId, report) {
      await redis.set(reportKey(pollJobId), JSON.stringify(report), 'EX', POLL_RECORD_TTL_SECONDS)
    },
    async pollReport(pollJobId) {
      const raw = await redis.get(reportKey(pollJobId))
      if (raw === null) return undefined
      const parsed = Report.safeParse(JSON.parse(raw))
      return parsed.success ? parsed.data : undefined
    },
  }
}

const Report = z.object({
  verified: z.array(z.string()),
  unverified: z.array(z.object({ episodeId: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
  rechecks: z.array(z.string()).optional(),
})

const Memo = z.object({ url: z.string(), etag: z.string().optional(), lastModified: z.string().optional(), sha256: z.string().optional() })

/** The memo as remembered: empty validators dropped, nothing but the four fields. */
export const cleanMemo = (memo: TranscriptMemo): TranscriptMemo => ({
  url: memo.url,
  ...(memo.etag ? { etag: memo.etag } : {}),
  ...(memo.lastModified ? { lastModified: memo.lastModified } : {}),
  ...(memo.sha256 ? { sha256: memo.sha256 } : {}),
})

// A memo this code cannot read (older layout, hand edit) is treated as never recorded: the worst
// outcome is one extra fetch and reprocessing, never a skipped change.
const parseMemo = (raw: unknown): TranscriptMemo | undefined => {
  try {
    const parsed = Memo.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw)
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/**
 * The remembered memo (JSON text or a parsed object; null or undefined when none) if it was
 * recorded for `url`: a new link never gets stale validators.
 */
export const memoFor = (raw: unknown, url: string): TranscriptMemo | undefined => {
  const memo = raw == null || raw === '' ? undefined : parseMemo(raw)
  return memo?.url === url ? memo : undefined
}
