import { iso, jsonRow, schemaOf, selectRows, type QueryDb } from './db.js'
import { MAX_PAGE, type ChangePage, type ChangesQuery } from './schemas.js'

interface ChangeRow {
  seq: string
  at: string
  episode_id: string
  hash: string
  change: 'created' | 'updated'
  version: number
}

/**
 * The change feed: every record created or changed, in commit order, after cursor `after`.
 * The store takes each change's seq under a lock held until COMMIT, so seq order is commit order
 * and a row with a smaller seq can never appear after a larger one was read: a consumer that
 * keeps nextCursor and calls again sees each change exactly once, across restarts and however
 * many processes publish. Seqs have gaps (a rolled-back write); cursors are opaque integers.
 *
 * @example
 * let after = '0'
 * for (;;) { const page = await listChanges(db, { after, limit: 200 }); handle(page.items); after = page.nextCursor; if (!page.items.length) break }
 */
export const listChanges = async (db: QueryDb, q: ChangesQuery): Promise<ChangePage> => {
  const s = schemaOf(db)
  // version: how many changes of this record up to this one (changes_episode index, index-only).
  const row = jsonRow(['c.at', 'c.episode_id', 'c.hash', 'c.change'], {
    seq: 'c.seq::text',
    version: `(SELECT count(*)::int FROM ${s}.changes v WHERE v.episode_id = c.episode_id AND v.seq <= c.seq)`,
  })
  const rows = await selectRows<ChangeRow>(db, 'listChanges', `
    SELECT ${row}
    FROM ${s}.changes c WHERE c.seq > $1::bigint
    ${q.latest ? `AND NOT EXISTS (SELECT 1 FROM ${s}.changes n WHERE n.episode_id = c.episode_id AND n.seq > c.seq)` : ''}
    ORDER BY c.seq LIMIT $2`, [q.after, Math.min(q.limit, MAX_PAGE)])
  return {
    items: rows.map((r) => ({ cursor: r.seq, at: iso(r.at) ?? '', id: r.episode_id, hash: r.hash.trim(), version: r.version, change: r.change })),
    nextCursor: rows.at(-1)?.seq ?? q.after,
  }
}
