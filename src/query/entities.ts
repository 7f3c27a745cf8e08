import { iso, jsonRow, schemaOf, select, selectRows, type QueryDb } from './db.js'
import { MAX_PAGE, type DetailQuery, type EntityView } from './schemas.js'

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
 * often mentioned in the same episodes. undefined when no record mentions the id.
 *
 * @example
 * const mofcom = await getEntity(db, 'mofcom', { limit: 20 })
 */
export const getEntity = async (db: QueryDb, id: string, q: DetailQuery): Promise<EntityView | undefined> => {
  const s = schemaOf(db)
  const [entity] = await select<EntityRow>(db, 'getEntity', `
    SELECT (SELECT n.name FROM ${s}.entities n WHERE n.entity_id = $1 GROUP BY n.name ORDER BY count(*) DESC, n.name LIMIT 1) AS name,
      (SELECT n.type FROM ${s}.entities n WHERE n.entity_id = $1 GROUP BY n.type ORDER BY count(*) DESC, n.type LIMIT 1) AS type,
      (SELECT array_agg(DISTINCT a ORDER BY a) FROM ${s}.entities n, unnest(n.aliases) a WHERE n.entity_id = $1) AS aliases,
      (SELECT max(n.wikidata_id) FROM ${s}.entities n WHERE n.entity_id = $1) AS wikidata_id,
      (SELECT count(*)::int FROM ${s}.entities n WHERE n.entity_id = $1) AS episode_count,
      (SELECT count(*)::int FROM ${s}.entity_mentions m WHERE m.entity_id = $1) AS mention_count`, [id])
  if (entity === undefined || entity.episode_count === 0) return undefined
  const [episodes, coMentioned] = await Promise.all([
    selectRows<{ id: string; title: string | null; published_at: string | null; mentions: number }>(db, 'getEntity episodes', `
      SELECT ${jsonRow(['e.id', 'e.title', 'e.published_at'], {
        mentions: `(SELECT count(*)::int FROM ${s}.entity_mentions m WHERE m.entity_id = n.entity_id AND m.episode_id = e.id)`,
      })}
      FROM ${s}.entities n JOIN ${s}.episodes e ON e.id = n.episode_id
      WHERE n.entity_id = $1
      ORDER BY coalesce(e.published_at, '-infinity'::timestamptz) DESC, e.id DESC LIMIT $2`, [id, Math.min(q.limit, MAX_PAGE)]),
    select<{ id: string; name: string; episodes: number }>(db, 'getEntity co-mentions', `
      SELECT o.entity_id AS id, min(o.name) AS name, count(*)::int AS episodes
      FROM ${s}.entities n JOIN ${s}.entities o ON o.episode_id = n.episode_id AND o.entity_id <> n.entity_id
      WHERE n.entity_id = $1
      GROUP BY o.entity_id ORDER BY count(*) DESC, o.entity_id LIMIT $2`, [id, CO_MENTIONED]),
  ])
  return {
    id, name: entity.name, type: entity.type, aliases: entity.aliases ?? [], wikidataId: entity.wikidata_id,
    episodeCount: entity.episode_count, mentionCount: entity.mention_count,
    episodes: episodes.map((e) => ({ id: e.id, title: e.title, publishedAt: iso(e.published_at), mentions: e.mentions })),
    coMentioned,
  }
}
