import { dateKey, decodeCursor, encodeCursor, iso, jsonRow, parameters, schemaOf, selectRows, type QueryDb } from './db.js'
import { MAX_PAGE, type ClaimHit, type ClaimPage, type ClaimsQuery } from './schemas.js'

/** A claims row joined with its episode and speaker, as the claim queries select it. */
interface ClaimRow {
  episode_id: string
  claim_id: string
  turn: number
  speaker_id: string
  kind: ClaimHit['kind']
  hedged: boolean
  topics: ClaimHit['topics']
  text: string
  start_offset: number
  end_offset: number
  confidence: number
  quantities: ClaimHit['quantities']
  entity_ids: string[]
  checkworthiness: number | null
  checkworthy: boolean | null
  title: string | null
  published_at: string | null
  feed_url: string | null
  speaker_name: string | null
}

/** The select list of a claim hit, as a jsonRow (read with selectRows); `c` is the claims table, `e` its episode. */
const claimColumns = (s: string): string => jsonRow([
  'c.episode_id', 'c.claim_id', 'c.turn', 'c.speaker_id', 'c.kind', 'c.hedged', 'c.topics', 'c.text', 'c.start_offset', 'c.end_offset',
  'c.confidence', 'c.quantities', 'c.entity_ids', 'c.checkworthiness', 'c.checkworthy', 'e.title', 'e.published_at', 'e.feed_url',
], { speaker_name: `(SELECT sp.name FROM ${s}.speakers sp WHERE sp.episode_id = c.episode_id AND sp.speaker_id = c.speaker_id)` })

/** A row as the record's Claim plus where it is: the episode, and the turn its offsets index into. */
const claimHit = (r: ClaimRow): ClaimHit => ({
  id: r.claim_id, turn: r.turn, speakerId: r.speaker_id, text: r.text, start: r.start_offset, end: r.end_offset,
  kind: r.kind, hedged: r.hedged, topics: r.topics, quantities: r.quantities, entityIds: r.entity_ids, confidence: r.confidence,
  ...(r.checkworthiness === null ? {} : { checkworthiness: r.checkworthiness }),
  ...(r.checkworthy === null ? {} : { checkworthy: r.checkworthy }),
  episode: { id: r.episode_id, title: r.title, publishedAt: iso(r.published_at), feedUrl: r.feed_url },
  speakerName: r.speaker_name,
})

/**
 * Claims across episodes. Filters combine with AND; `q` is PostgreSQL full-text search
 * (websearch_to_tsquery, English stemming) over the claim text. Order `newest` lists the newest
 * episode first and its claims in transcript order; `checkworthiness` the most check-worthy first,
 * claims never scored last. Each hit carries its episode and turn, and start/end slice that
 * turn's text to the claim text.
 *
 * @example
 * const { items } = await searchClaims(db, { speaker: 'mcguire', kind: 'prescriptive', order: 'newest', limit: 20 })
 */
export const searchClaims = async (db: QueryDb, q: ClaimsQuery): Promise<ClaimPage> => {
  const s = schemaOf(db)
  const limit = Math.min(q.limit, MAX_PAGE)
  const { params, p } = parameters()
  // Every filter is on the claim row itself (the episode's date key included, migration 4), so
  // the page is chosen from the claims table alone, in index order, before any join.
  const where: string[] = []
  if (q.speaker !== undefined) where.push(`c.speaker_id = ${p(q.speaker)}`)
  if (q.entity !== undefined) where.push(`c.entity_ids @> ARRAY[${p(q.entity)}]::text[]`)
  if (q.topic !== undefined) where.push(`c.topics @> ARRAY[${p(q.topic)}]::text[]`)
  if (q.kind !== undefined) where.push(`c.kind = ${p(q.kind)}`)
  if (q.since !== undefined) where.push(`c.published_key >= ${p(q.since)}::timestamptz`)
  // Undated episodes (key -infinity) are before no date.
  if (q.until !== undefined) where.push(`c.published_key < ${p(q.until)}::timestamptz AND c.published_key > '-infinity'`)
  const text = q.q === undefined ? undefined : `c.text_search @@ websearch_to_tsquery('english', ${p(q.q)})`
  const pageSize = p(limit + 1)
  let page: string
  let order: string
  let key: (r: ClaimRow) => (string | number)[]
  // The keyset conditions below reuse a parameter just added through `$${params.length}`; each
  // starts with a plain bound on the leading sort column, which the index scan can start from.
  if (q.order === 'checkworthiness') {
    // Unscored claims rank as -1, below every score (0..1).
    const score = 'coalesce(c.checkworthiness, -1)'
    if (q.cursor !== undefined) {
      const [k, ep, id] = decodeCursor(q.cursor, ['number', 'string', 'string'] as const)
      where.push(`${score} <= ${p(k)} AND (${score} < $${params.length} OR (c.episode_id, c.claim_id) > (${p(ep)}, ${p(id)}))`)
    }
    order = 'score DESC, episode_id, claim_id'
    // One ordered walk of claims_flags_checkworthiness per (checkworthy, hedged) pair the filters
    // allow, merged: a pair that matches nothing costs an empty range, where one walk over all
    // claims filtering by both read every claim before it could answer "none".
    const checkworthy = q.checkworthy === undefined ? ['= true', '= false', 'IS NULL'] : [`= ${p(q.checkworthy)}`]
    const hedged = q.hedged === undefined ? [false, true] : [q.hedged]
    const walks = checkworthy.flatMap((cw) => hedged.map((h) => `(SELECT c.*, ${score} AS score FROM ${s}.claims c
      WHERE ${[`c.checkworthy ${cw}`, `c.hedged = ${h}`, ...where, ...(text ? [text] : [])].join(' AND ')}
      ORDER BY ${score} DESC, c.episode_id, c.claim_id LIMIT ${pageSize})`))
    page = `SELECT * FROM (${walks.join(' UNION ALL ')}) w ORDER BY ${order} LIMIT ${pageSize}`
    key = (r) => [r.checkworthiness ?? -1, r.episode_id, r.claim_id]
  } else {
    if (q.hedged !== undefined) where.push(`c.hedged = ${p(q.hedged)}`)
    if (q.checkworthy !== undefined) where.push(`c.checkworthy = ${p(q.checkworthy)}`)
    if (q.cursor !== undefined) {
      const [k, ep, turn, start, id] = decodeCursor(q.cursor, ['string', 'string', 'number', 'number', 'string'] as const)
      where.push(`c.published_key <= ${p(k)}::timestamptz AND (c.published_key < $${params.length}::timestamptz OR c.episode_id < ${p(ep)} OR ` +
        `(c.episode_id = $${params.length} AND (c.turn, c.start_offset, c.claim_id) > (${p(turn)}, ${p(start)}, ${p(id)})))`)
    }
    order = 'published_key DESC, episode_id DESC, turn, start_offset, claim_id'
    const newest = (filters: string[], rows: string) => `SELECT c.* FROM ${s}.claims c ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}
      ORDER BY ${inOrder(order)} LIMIT ${rows}`
    page = newest(text ? [...where, text] : where, pageSize)
    key = (r) => [dateKey(r.published_at), r.episode_id, r.turn, r.start_offset, r.claim_id]
    if (text) {
      // A search first looks at the newest SEARCH_WALK claims the other filters allow, in index
      // order: a common word fills its page there, and those are the first matches of all.
      // Only a page it cannot fill asks the text index for every match and sorts them, which is
      // fast when the words are rare. So a common word costs one bounded walk whatever the
      // planner estimates; what stays slow is a word too rare to fill a page among the newest
      // claims yet matching very many claims in all.
      const walked = await pageRows(db, s, `SELECT * FROM (${newest(where, String(SEARCH_WALK))}) c WHERE ${text}
        ORDER BY ${inOrder(order)} LIMIT ${pageSize}`, order, params)
      if (walked.length > limit) return claimPage(walked, limit, key)
    }
  }
  return claimPage(await pageRows(db, s, page, order, params), limit, key)
}

/** An ORDER BY list of column names, on the claims alias `c`. */
const inOrder = (order: string): string => order.split(', ').map((col) => `c.${col}`).join(', ')

/** How many of the newest claims a search reads in date order before it asks the text index. */
const SEARCH_WALK = 5000

const claimPage = (rows: ClaimRow[], limit: number, key: (r: ClaimRow) => (string | number)[]): ClaimPage => {
  const last = rows.length > limit ? rows[limit - 1] : undefined
  return { items: rows.slice(0, limit).map(claimHit), nextCursor: last ? encodeCursor(key(last)) : null }
}

/** The claims `page` selects, in `order`, with their episodes and speaker names. */
const pageRows = (db: QueryDb, s: string, page: string, order: string, params: unknown[]): Promise<ClaimRow[]> =>
  selectRows<ClaimRow>(db, 'searchClaims', `
    SELECT ${claimColumns(s)}
    FROM (${page}) c
    -- One primary-key lookup per row of the page (OFFSET 0 keeps the planner from turning this
    -- into a hash join, which read the whole episodes table for a page of 50).
    CROSS JOIN LATERAL (SELECT e.title, e.published_at, e.feed_url FROM ${s}.episodes e WHERE e.id = c.episode_id OFFSET 0) e
    ORDER BY ${inOrder(order)}`, params)
