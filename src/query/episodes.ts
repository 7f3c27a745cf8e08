import { EpisodeRecord, Turn } from '../record/schema.js'
import { DATE_KEY, dateKey, decodeCursor, encodeCursor, iso, jsonRow, parameters, schemaOf, select, selectRows, type QueryDb } from './db.js'
import { MAX_PAGE, type EpisodePage, type EpisodeSummary, type EpisodesQuery, type TurnList, type TurnsQuery } from './schemas.js'

interface EpisodeRow {
  id: string
  feed_url: string | null
  guid: string
  title: string | null
  published_at: string | null
  content_hash: string
  updated_at: string
  speakers: { id: string; name: string | null; role: string; turnCount: number }[] | null
  turn_count: number
  claim_count: number
}

type SpeakerSummary = EpisodeSummary['speakers'][number]

/** Most turns first, then by id (code-unit order, the same on every engine and collation). */
const bySpeaking = (a: SpeakerSummary, b: SpeakerSummary): number => b.turnCount - a.turnCount || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const summary = (r: EpisodeRow): EpisodeSummary => ({
  id: r.id, feedUrl: r.feed_url, guid: r.guid, title: r.title, publishedAt: iso(r.published_at), contentHash: r.content_hash.trim(),
  updatedAt: iso(r.updated_at) ?? '', speakers: (r.speakers ?? []).sort(bySpeaking), turnCount: r.turn_count, claimCount: r.claim_count,
})

/**
 * Episodes newest first (undated last), as summaries: speakers and counts, not whole records.
 * Filters combine with AND; pages follow a keyset cursor, so a page never repeats or skips a row
 * another writer inserted meanwhile before the cursor.
 *
 * @example
 * const first = await listEpisodes(db, { speaker: 'mcguire', limit: 20 })
 * const second = first.nextCursor ? await listEpisodes(db, { speaker: 'mcguire', limit: 20, cursor: first.nextCursor }) : undefined
 */
export const listEpisodes = async (db: QueryDb, q: EpisodesQuery): Promise<EpisodePage> => {
  const limit = Math.min(q.limit, MAX_PAGE)
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, ['string', 'string'] as const)
  const s = schemaOf(db)
  const { params, p } = parameters()
  const where: string[] = []
  if (q.feed !== undefined) where.push(`e.feed_url = ${p(q.feed)}`)
  if (q.since !== undefined) where.push(`e.published_at >= ${p(q.since)}::timestamptz`)
  if (q.until !== undefined) where.push(`e.published_at < ${p(q.until)}::timestamptz`)
  if (q.speaker !== undefined) where.push(`EXISTS (SELECT 1 FROM ${s}.speakers s WHERE s.episode_id = e.id AND s.speaker_id = ${p(q.speaker)})`)
  if (q.entity !== undefined) where.push(`EXISTS (SELECT 1 FROM ${s}.entities n WHERE n.episode_id = e.id AND n.entity_id = ${p(q.entity)})`)
  if (after !== undefined) where.push(`(${DATE_KEY}, e.id) < (${p(after[0])}::timestamptz, ${p(after[1])})`)
  // The speakers are ordered here, not by the aggregate: an ordered aggregate is a sort per
  // episode (PostgreSQL 18, PGlite's, plans a Sort node under it), which cost PGlite 10–25% of
  // its CPU for a page of 50.
  const row = jsonRow(['e.id', 'e.feed_url', 'e.guid', 'e.title', 'e.published_at', 'e.content_hash', 'e.updated_at', 'e.turn_count', 'e.claim_count'], {
    speakers: `(SELECT json_agg(json_build_object('id', sp.speaker_id, 'name', sp.name, 'role', sp.role, 'turnCount', sp.turn_count))
      FROM ${s}.speakers sp WHERE sp.episode_id = e.id)`,
  })
  const rows = await selectRows<EpisodeRow>(db, 'listEpisodes', `
    SELECT ${row}
    FROM ${s}.episodes e
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${DATE_KEY} DESC, e.id DESC
    LIMIT ${p(limit + 1)}`, params)
  const items = rows.slice(0, limit).map(summary)
  const last = rows.length > limit ? rows[limit - 1] : undefined
  return { items, nextCursor: last ? encodeCursor([dateKey(last.published_at), last.id]) : null }
}

/**
 * The whole stored record, or undefined when there is none with this id.
 * @example
 * const record = await getRecord(db, 'ep-0123456789abcdef01234567')
 */
export const getRecord = async (db: QueryDb, id: string): Promise<EpisodeRecord | undefined> => {
  const rows = await select<{ record: unknown }>(db, 'getRecord', `SELECT record FROM ${schemaOf(db)}.episodes WHERE id = $1`, [id])
  return rows[0] === undefined ? undefined : EpisodeRecord.parse(rows[0].record)
}

/**
 * An episode's turns in order, as in the record (paragraphs and times included), optionally only
 * one speaker's; undefined when the episode does not exist (an unknown speaker gives no turns).
 * @example
 * const { turns } = (await getTurns(db, id, { speaker: 'mcguire' }))!
 */
export const getTurns = async (db: QueryDb, id: string, q: TurnsQuery = {}): Promise<TurnList | undefined> => {
  const rows = await select<{ turns: unknown[] | null }>(db, 'getTurns', `
    SELECT (SELECT json_agg(t ORDER BY (t->>'index')::int) FROM jsonb_array_elements(e.record->'turns') t
            WHERE $2::text IS NULL OR t->>'speakerId' = $2) AS turns
    FROM ${schemaOf(db)}.episodes e WHERE e.id = $1`, [id, q.speaker ?? null])
  if (rows[0] === undefined) return undefined
  return { episodeId: id, turns: (rows[0].turns ?? []).map((t) => Turn.parse(t)) }
}
