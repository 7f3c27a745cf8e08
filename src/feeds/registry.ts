/**
 * The feed registry: the `feeds` table of migration 5, in the store's database (PostgreSQL, or
 * the embedded PGlite). Every statement runs unchanged on both; each function is one statement,
 * so a batch of feeds costs the database a bounded number of round trips whatever its size.
 */
import { feedIdOf } from '../queue/jobs.js'
import { PodpipeError } from '../errors/index.js'
import type { SqlExecutor } from '../store/postgres/index.js'
import { quoteSchema } from '../store/postgres/schema-name.js'
import type { FeedSpec } from './feed-list.js'
import type { FeedTiming, PollUpdate } from './poll-outcome.js'
import { phaseOf, type IntervalBounds } from './schedule.js'

/** Where the registry lives: an executor and the schema of the store's tables. */
export interface RegistryDb {
  readonly sql: SqlExecutor
  readonly schema: string
}

/** A feed as the registry holds it. */
export interface FeedRow extends FeedTiming {
  url: string
  /** scheme://host:port, or `file` for a local path: what per-host limits count by. */
  host: string
  speakers: string[] | null
  options: { force?: boolean }
  intervalS: number
  nextPollAt: Date
  dueAt: Date | null
  lastPolledAt: Date | null
  lastStatus: string | null
  lastError: string | null
  etag: string | null
  lastModified: string | null
  /** The last full read of the feed (a 200), which rechecks the newest transcripts too. */
  recheckedAt: Date | null
  enabled: boolean
  addedAt: Date
}

/** What a poll needs of a feed it has claimed. */
export type LeasedFeed = Pick<FeedRow, 'id' | 'url' | 'host' | 'speakers' | 'options' | 'etag' | 'lastModified' | 'dueAt' | 'recheckedAt'> & FeedTiming

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i

/** The key per-host limits count by: the URL's origin; every local file counts as one host. */
export const hostOf = (url: string): string => {
  if (!HAS_SCHEME.test(url) || url.startsWith('file:')) return 'file'
  try {
    return new URL(url).origin
  } catch {
    return 'invalid'
  }
}

const t = (db: RegistryDb) => `${quoteSchema(db.schema)}.feeds`
/** The items remembered of each feed (migration 6, src/feeds/item-memory.ts). */
export const feedItemsTable = (db: RegistryDb): string => `${quoteSchema(db.schema)}.feed_items`

interface RawRow {
  id: string
  url: string
  host: string
  speakers: string[] | null
  options: { force?: boolean } | null
  min_interval_s: number | null
  max_interval_s: number | null
  interval_s: number
  next_poll_at: Date | string
  due_at: Date | string | null
  last_polled_at: Date | string | null
  last_status: string | null
  last_error: string | null
  publish_times: (Date | string)[] | null
  consecutive_errors: number
  etag: string | null
  last_modified: string | null
  rechecked_at: Date | string | null
  enabled: boolean
  added_at: Date | string
}

const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v))
const maybeDate = (v: Date | string | null): Date | null => (v === null ? null : date(v))

const toRow = (r: RawRow): FeedRow => ({
  id: r.id,
  url: r.url,
  host: r.host,
  speakers: r.speakers,
  options: r.options ?? {},
  minIntervalS: r.min_interval_s,
  maxIntervalS: r.max_interval_s,
  intervalS: r.interval_s,
  nextPollAt: date(r.next_poll_at),
  dueAt: maybeDate(r.due_at),
  lastPolledAt: maybeDate(r.last_polled_at),
  lastStatus: r.last_status,
  lastError: r.last_error,
  publishTimes: (r.publish_times ?? []).map(date),
  consecutiveErrors: r.consecutive_errors,
  etag: r.etag,
  lastModified: r.last_modified,
  recheckedAt: maybeDate(r.rechecked_at),
  enabled: r.enabled,
  addedAt: date(r.added_at),
})

const COLUMNS = `id, url, host, speakers, options, min_interval_s, max_interval_s, interval_s, next_poll_at, due_at, last_polled_at,
  last_status, last_error, publish_times, consecutive_errors, etag, last_modified, rechecked_at, enabled, added_at`

/** One registry statement; a failure is a transient store error naming what was being done. */
export const runRegistry = async <R>(db: RegistryDb, what: string, sql: string, params: readonly unknown[]): Promise<R[]> => {
  try {
    return (await db.sql.query<R>(sql, params)).rows
  } catch (err) {
    throw new PodpipeError('STORE_FAILED', `feed registry: ${what} failed (${err instanceof Error ? err.message : String(err)})`, {
      input: db.sql.engine, permanent: false, cause: err,
    })
  }
}

export interface AddResult {
  added: number
  updated: number
  unchanged: number
}

/**
 * Adds feeds, or updates those already there (by URL): speakers, options and a fixed interval
 * given replace the registry's, and what a spec leaves out is kept, so re-importing a list, or
 * an OPML file that names no speakers, changes nothing. One statement for the whole list. New
 * feeds are first due over `spreadS` seconds from `now`, by feed id, so a large import does not
 * arrive as one burst.
 */
export const addFeeds = async (
  db: RegistryDb,
  specs: readonly FeedSpec[],
  { now, bounds, spreadS = 0 }: { now: Date; bounds: IntervalBounds; spreadS?: number },
): Promise<AddResult> => {
  const byUrl = new Map(specs.map((s) => [s.url.trim(), s]))
  if (byUrl.size === 0) return { added: 0, updated: 0, unchanged: 0 }
  const rows = [...byUrl].map(([url, s]) => {
    const id = feedIdOf(url)
    return {
      id, url, host: hostOf(url),
      speakers: s.speakers ?? null,
      options: s.options ?? null,
      interval_s: s.intervalS ?? null,
      next_poll_at: new Date(now.getTime() + Math.floor(phaseOf(id) * spreadS * 1000)).toISOString(),
    }
  })
  const changed = await runRegistry<{ inserted: boolean }>(db, 'adding feeds', `
    INSERT INTO ${t(db)} AS f (id, url, host, speakers, options, min_interval_s, max_interval_s, interval_s, next_poll_at)
    SELECT r.id, r.url, r.host, r.speakers, coalesce(r.options, '{}'::jsonb), r.interval_s, r.interval_s,
           coalesce(r.interval_s, $2::integer), r.next_poll_at
      FROM jsonb_to_recordset($1::jsonb) AS r(id text, url text, host text, speakers text[], options jsonb, interval_s integer, next_poll_at timestamptz)
    ON CONFLICT (url) DO UPDATE SET
      speakers = coalesce(EXCLUDED.speakers, f.speakers),
      options = CASE WHEN EXCLUDED.options = '{}'::jsonb THEN f.options ELSE EXCLUDED.options END,
      min_interval_s = coalesce(EXCLUDED.min_interval_s, f.min_interval_s),
      max_interval_s = coalesce(EXCLUDED.max_interval_s, f.max_interval_s)
    WHERE (coalesce(EXCLUDED.speakers, f.speakers), CASE WHEN EXCLUDED.options = '{}'::jsonb THEN f.options ELSE EXCLUDED.options END,
           coalesce(EXCLUDED.min_interval_s, f.min_interval_s), coalesce(EXCLUDED.max_interval_s, f.max_interval_s))
      IS DISTINCT FROM (f.speakers, f.options, f.min_interval_s, f.max_interval_s)
    RETURNING (xmax = 0) AS inserted`, [JSON.stringify(rows), bounds.maxS])
  const added = changed.filter((r) => r.inserted).length
  return { added, updated: changed.length - added, unchanged: rows.length - changed.length }
}

/**
 * Removes a feed by URL or id, with the items remembered of it in the database (item-memory.ts),
 * in one statement: a feed added again later starts afresh. Returns the feed's id; undefined when
 * the registry has neither. What Redis remembers of it is the caller's to forget (FeedState.forget).
 */
export const removeFeed = async (db: RegistryDb, urlOrId: string): Promise<string | undefined> => {
  const key = urlOrId.trim()
  const rows = await runRegistry<{ id: string }>(db, 'removing a feed', `
    WITH gone AS (DELETE FROM ${t(db)} WHERE id = $1 OR url = $1 RETURNING id),
         items AS (DELETE FROM ${feedItemsTable(db)} WHERE feed_id IN (SELECT id FROM gone))
    SELECT id FROM gone`, [key])
  return rows[0]?.id
}

/** Every feed, in the order they were added. */
export const listFeeds = async (db: RegistryDb): Promise<FeedRow[]> =>
  (await runRegistry<RawRow>(db, 'listing feeds', `SELECT ${COLUMNS} FROM ${t(db)} ORDER BY added_at, url`, [])).map(toRow)

export const countFeeds = async (db: RegistryDb): Promise<number> =>
  Number((await runRegistry<{ n: string | number }>(db, 'counting feeds', `SELECT count(*) AS n FROM ${t(db)}`, []))[0]?.n ?? 0)

/**
 * Claims up to `limit` feeds due at `now` for one poll batch, oldest due first: each gets the
 * batch's lease id, keeps the time it was due (due_at), and is not due again for `leaseS`, so
 * a batch lost with its worker is polled again then. Rows another scheduler is claiming are
 * skipped, not waited for (SKIP LOCKED), so several schedulers never claim one feed twice.
 */
export const claimDueFeeds = async (
  db: RegistryDb,
  { now, limit, leaseId, leaseS }: { now: Date; limit: number; leaseId: string; leaseS: number },
): Promise<{ id: string; dueAt: Date }[]> => {
  const rows = await runRegistry<{ id: string; due_at: Date | string }>(db, 'claiming due feeds', `
    WITH due AS (
      SELECT id FROM ${t(db)} WHERE enabled AND next_poll_at <= $1 ORDER BY next_poll_at LIMIT $2 FOR UPDATE SKIP LOCKED
    )
    UPDATE ${t(db)} f SET lease_id = $3, due_at = f.next_poll_at, next_poll_at = $1::timestamptz + make_interval(secs => $4)
      FROM due WHERE f.id = due.id
    RETURNING f.id, f.due_at`, [now.toISOString(), limit, leaseId, leaseS])
  return rows.map((r) => ({ id: r.id, dueAt: date(r.due_at) }))
}

/** The feeds a batch still holds: none once their lease lapsed and another batch claimed them. */
export const leasedFeeds = async (db: RegistryDb, leaseId: string): Promise<LeasedFeed[]> =>
  (await runRegistry<RawRow>(db, 'reading a poll batch', `SELECT ${COLUMNS} FROM ${t(db)} WHERE lease_id = $1 ORDER BY id`, [leaseId])).map(toRow)

/**
 * Writes a batch's results back in one statement and releases its lease. Only rows the batch
 * still holds are written: a batch that ran past its lease cannot overwrite a later poll.
 * Returns how many rows were written.
 */
export const recordPolls = async (db: RegistryDb, leaseId: string, updates: readonly PollUpdate[]): Promise<number> => {
  if (updates.length === 0) return 0
  const rows = updates.map((u) => ({
    id: u.id,
    next_poll_at: u.nextPollAt.toISOString(),
    interval_s: u.intervalS,
    errors: u.consecutiveErrors,
    polled_at: u.polledAt?.toISOString() ?? null,
    status: u.status ?? null,
    error: u.error ?? null,
    new_validators: u.validators !== undefined,
    etag: u.validators?.etag ?? null,
    last_modified: u.validators?.lastModified ?? null,
    publish_times: u.publishTimes?.map((d) => d.toISOString()) ?? null,
    rechecked_at: u.recheckedAt?.toISOString() ?? null,
  }))
  const written = await runRegistry(db, 'recording polls', `
    UPDATE ${t(db)} f SET
      next_poll_at = r.next_poll_at,
      interval_s = r.interval_s,
      consecutive_errors = r.errors,
      last_polled_at = coalesce(r.polled_at, f.last_polled_at),
      last_status = coalesce(r.status, f.last_status),
      last_error = CASE WHEN r.status IS NULL THEN f.last_error ELSE r.error END,
      etag = CASE WHEN r.new_validators THEN r.etag ELSE f.etag END,
      last_modified = CASE WHEN r.new_validators THEN r.last_modified ELSE f.last_modified END,
      publish_times = coalesce(r.publish_times, f.publish_times),
      rechecked_at = coalesce(r.rechecked_at, f.rechecked_at),
      lease_id = NULL
    FROM jsonb_to_recordset($2::jsonb) AS r(id text, next_poll_at timestamptz, interval_s integer, errors integer, polled_at timestamptz,
      status text, error text, new_validators boolean, etag text, last_modified text, publish_times timestamptz[], rechecked_at timestamptz)
    WHERE f.id = r.id AND f.lease_id = $1
    RETURNING f.id`, [leaseId, JSON.stringify(rows)])
  return written.length
}

/**
 * addFeeds with the configured bounds, new feeds first due over up to one minimum interval (a
 * hundred feeds per second of spread), so a few feeds are polled at once and a large import
 * does not arrive as one burst.
 */
export const importFeeds = (db: RegistryDb, specs: readonly FeedSpec[], polling: { minIntervalS: number; maxIntervalS: number }, now: Date): Promise<AddResult> =>
  addFeeds(db, specs, {
    now,
    bounds: { minS: polling.minIntervalS, maxS: polling.maxIntervalS },
    spreadS: Math.min(polling.minIntervalS, Math.floor(specs.length / 100)),
  })

/**
 * Forgets the validators of these feeds, so their next poll reads the whole feed even when it
 * did not change: an episode whose chain failed for a transient reason is then started again.
 * That poll comes sooner than the feed's usual time: a weekly show is polled daily, and its new
 * episode's transcript, a 404 an hour after release, would otherwise wait a day to be asked for
 * again. The first time within the feed's minimum interval (`minIntervalS` when the feed has none
 * of its own), then twice as long at each attempt in a row (15 min, 30 min, 1 h…), so a file that
 * never comes is not asked for four times an hour; never later than the feed's usual time.
 * A feed held by a poll batch keeps its lease time; the batch's write-back schedules it.
 */
export const revalidateFeeds = async (
  db: RegistryDb, feeds: readonly { feedId: string; attempts: number }[], { now, minIntervalS }: { now: Date; minIntervalS: number },
): Promise<void> => {
  if (feeds.length === 0) return
  await runRegistry(db, 'revalidating feeds', `
    UPDATE ${t(db)} AS f SET etag = NULL, last_modified = NULL,
      next_poll_at = CASE WHEN f.lease_id IS NULL
        THEN least(f.next_poll_at, $2::timestamptz + make_interval(secs => coalesce(f.min_interval_s, $3) * power(2, least(greatest(r.attempts, 1), 16) - 1)))
        ELSE f.next_poll_at END
    FROM unnest($1::text[], $4::int[]) AS r(id, attempts)
    WHERE f.id = r.id`, [feeds.map((r) => r.feedId), now.toISOString(), minIntervalS, feeds.map((r) => r.attempts)])
}
