import { DATE_KEY, iso, jsonRow, schemaOf, select, selectRows, type QueryDb } from './db.js'
import { CO_MENTION_EPISODES, MAX_PAGE, type DetailQuery, type EntityView } from './schemas.js'

/** How many co-mentioned entities getEntity lists. */
export const CO_MENTIONED = 20

interface EntityRow {
  name: string
  type: EntityView['type']
  aliases: string[] | null
  wikidata_id: string | null
  episode_count: number
  mention_count: number
}

/**
 * One entity across episodes: its canonical name and type (what most records call it), every
 * alias, the episodes that mention it (newest first, with mention counts) and the entities most
 * often mentioned in the same episodes (of its newest CO_MENTION_EPISODES). undefined when no
 * record mentions the id.
 *
 * @example
 * const mofcom = await getEntity(db, 'mofcom', { limit: 20 })
 */
export const getEntity = async (db: QueryDb, id: string, q: DetailQuery): Promise<EntityView | undefined> => {
  const s = schemaOf(db)
  // The entity's rows are read once (MATERIALIZED) for all five answers, not once per answer:
  // an entity in every episode has one row per episode.
  const [entity] = await select<EntityRow>(db, 'getEntity', `
    WITH n AS MATERIALIZED (SELECT n.name, n.type, n.aliases, n.wikidata_id FROM ${s}.entities n WHERE n.entity_id = $1)
    SELECT (SELECT n.name FROM n GROUP BY n.name ORDER BY count(*) DESC, n.name LIMIT 1) AS name,
      (SELECT n.type FROM n GROUP BY n.type ORDER BY count(*) DESC, n.type LIMIT 1) AS type,
      (SELECT array_agg(DISTINCT a ORDER BY a) FROM n, unnest(n.aliases) a) AS aliases,
      (SELECT max(n.wikidata_id) FROM n) AS wikidata_id,
      (SELECT count(*)::int FROM n) AS episode_count,
      (SELECT count(*)::int FROM ${s}.entity_mentions m WHERE m.entity_id = $1) AS mention_count`, [id])
  if (entity === undefined || entity.episode_count === 0) return undefined
  const [episodes, coMentioned] = await Promise.all([
    selectRows<{ id: string; title: string | null; published_at: string | null; mentions: number }>(db, 'getEntity episodes', `
      SELECT ${jsonRow(['e.id', 'e.title', 'e.published_at'], {
        mentions: `(SELECT count(*)::int FROM ${s}.entity_mentions m WHERE m.entity_id = n.entity_id AND m.episode_id = e.id)`,
      })}
      FROM ${s}.entities n JOIN ${s}.episodes e ON e.id = n.episode_id
      WHERE n.entity_id = $1
      ORDER BY ${DATE_KEY} DESC, e.id DESC LIMIT $2`, [id, Math.min(q.limit, MAX_PAGE)]),
    // Counted over the entity's newest CO_MENTION_EPISODES episodes: over all of them, an entity
    // in every one of 10,000 episodes grouped 580,000 rows per request (1 s).
    select<{ id: string; name: string; episodes: number }>(db, 'getEntity co-mentions', `
      SELECT o.entity_id AS id, min(o.name) AS name, count(*)::int AS episodes
      FROM (SELECT n.episode_id FROM ${s}.entities n JOIN ${s}.episodes e ON e.id = n.episode_id
            WHERE n.entity_id = $1 ORDER BY ${DATE_KEY} DESC, e.id DESC LIMIT $3) n
      JOIN ${s}.entities o ON o.episode_id = n.episode_id AND o.entity_id <> $1
      GROUP BY o.entity_id ORDER BY count(*) DESC, o.entity_id LIMIT $2`, [id, CO_MENTIONED, CO_MENTION_EPISODES]),
  ])
  return {
    id, name: entity.name, type: entity.type, aliases: entity.aliases ?? [], wikidataId: entity.wikidata_id,
    episodeCount: entity.episode_count, mentionCount: entity.mention_count,
    episodes: episodes.map((e) => ({ id: e.id, title: e.title, publishedAt: iso(e.published_at), mentions: e.mentions })),
    coMentioned,
  }
}
