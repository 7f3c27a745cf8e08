import type { EpisodeRecord } from '../../record/schema.js'

/**
 * The record flattened into the rows of each child table, keyed by column name; the SQL reads
 * them with jsonb_to_recordset, so one round trip inserts all rows of a table. Pure.
 */
export const childRows = (r: EpisodeRecord) => ({
  speakers: r.speakers.map((s) => ({
    speaker_id: s.id, name: s.name, role: s.role, turn_count: s.turnCount, word_count: s.wordCount,
    claim_count: r.claims.filter((c) => c.speakerId === s.id).length,
  })),
  turns: r.turns.map((t) => ({
    idx: t.index, speaker_id: t.speakerId, text: t.text, start_s: t.start ?? null, end_s: t.end ?? null, word_count: t.wordCount,
  })),
  sections: r.sections.map((s, idx) => ({ idx, kind: s.kind, language: s.language, text: s.text })),
  entities: r.entities.map((e) => ({
    entity_id: e.id, name: e.name, type: e.type, aliases: e.aliases, wikidata_id: e.wikidataId ?? null,
  })),
  entity_mentions: r.entities.flatMap((e) => e.mentions.map((m) => ({
    entity_id: e.id, turn: m.turn, start_offset: m.start, end_offset: m.end, text: m.text,
  }))),
  claims: r.claims.map((c) => ({
    // The episode's sort key, copied so claim pages are read in date order from one index (migration 4).
    published_key: publishedAt(r.episode.publishedAt) ?? '-infinity',
    claim_id: c.id, turn: c.turn, speaker_id: c.speakerId, kind: c.kind, hedged: c.hedged, topics: c.topics,
    text: c.text, start_offset: c.start, end_offset: c.end, confidence: c.confidence, quantities: c.quantities,
    entity_ids: c.entityIds, checkworthiness: c.checkworthiness ?? null, checkworthy: c.checkworthy ?? null,
  })),
})

export type ChildRows = ReturnType<typeof childRows>

/** Column lists for jsonb_to_recordset, in insert order (parents before children). */
export const CHILD_COLUMNS: { [T in keyof ChildRows]: string } = {
  speakers: 'speaker_id text, name text, role text, turn_count int, word_count int, claim_count int',
  turns: 'idx int, speaker_id text, text text, start_s float8, end_s float8, word_count int',
  sections: 'idx int, kind text, language text, text text',
  entities: 'entity_id text, name text, type text, aliases text[], wikidata_id text',
  entity_mentions: 'entity_id text, turn int, start_offset int, end_offset int, text text',
  claims: 'published_key timestamptz, claim_id text, turn int, speaker_id text, kind text, hedged boolean, topics text[], text text, ' +
    'start_offset int, end_offset int, confidence float8, quantities jsonb, entity_ids text[], checkworthiness float8, checkworthy boolean',
}

/** A date the feed gave as text, or null when PostgreSQL could not store it as timestamptz. */
export const publishedAt = (iso: string | null): string | null => {
  if (iso === null) return null
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}
