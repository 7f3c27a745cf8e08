import { searchClaims } from './claims.js'
import { DATE_KEY, iso, jsonRow, schemaOf, select, selectRows, type QueryDb } from './db.js'
import { MAX_PAGE, type DetailQuery, type SpeakerView } from './schemas.js'

interface SpeakerEpisodeRow {
  id: string
  title: string | null
  published_at: string | null
  role: string
  turn_count: number
  word_count: number
  claims: number
}

/**
 * One speaker across episodes: the episodes they speak in (newest first, with their turns, words
 * and claims there), their claims per month and kind, and their newest claims. undefined when no
 * record has the speaker id.
 *
 * @example
 * const mcguire = await getSpeaker(db, 'mcguire', { limit: 20 })
 */
export const getSpeaker = async (db: QueryDb, id: string, q: DetailQuery): Promise<SpeakerView | undefined> => {
  const s = schemaOf(db)
  const limit = Math.min(q.limit, MAX_PAGE)
  const [[totals], episodes, months, recent] = await Promise.all([
    select<{ episodes: number; claims: number; name: string | null }>(db, 'getSpeaker totals', `
      SELECT (SELECT count(*)::int FROM ${s}.speakers sp WHERE sp.speaker_id = $1) AS episodes,
        (SELECT coalesce(sum(sp.claim_count), 0)::int FROM ${s}.speakers sp WHERE sp.speaker_id = $1) AS claims,
        (SELECT sp.name FROM ${s}.speakers sp WHERE sp.speaker_id = $1 AND sp.name IS NOT NULL
           GROUP BY sp.name ORDER BY count(*) DESC, sp.name LIMIT 1) AS name`, [id]),
    selectRows<SpeakerEpisodeRow>(db, 'getSpeaker episodes', `
      SELECT ${jsonRow(['e.id', 'e.title', 'e.published_at', 'sp.role', 'sp.turn_count', 'sp.word_count'], { claims: 'sp.claim_count' })}
      FROM ${s}.speakers sp JOIN ${s}.episodes e ON e.id = sp.episode_id
      WHERE sp.speaker_id = $1
      ORDER BY ${DATE_KEY} DESC, e.id DESC LIMIT $2`, [id, limit]),
    // From the claim's copy of its episode's date key (-infinity when undated): no episode join.
    select<{ month: string; kind: SpeakerView['claimsByMonth'][number]['kind']; claims: number }>(db, 'getSpeaker months', `
      SELECT CASE WHEN c.published_key = '-infinity' THEN 'undated' ELSE to_char(c.published_key AT TIME ZONE 'UTC', 'YYYY-MM') END AS month,
        c.kind, count(*)::int AS claims
      FROM ${s}.claims c
      WHERE c.speaker_id = $1
      GROUP BY 1, 2 ORDER BY 1, 2`, [id]),
    // The speaker's claims page of the claims endpoint: one index walk, episodes looked up per row.
    searchClaims(db, { speaker: id, order: 'newest', limit }),
  ])
  if (totals === undefined || totals.episodes === 0) return undefined
  return {
    id, name: totals.name, episodeCount: totals.episodes, claimCount: totals.claims,
    episodes: episodes.map((e) => ({
      id: e.id, title: e.title, publishedAt: iso(e.published_at), role: e.role, turnCount: e.turn_count, wordCount: e.word_count, claims: e.claims,
    })),
    // 'undated' sorts after the digits of every YYYY-MM, so undated claims come last.
    claimsByMonth: months,
    recentClaims: recent.items,
  }
}
