import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type pg from 'pg'
import { SMALL_VTT, rss, serve } from './pipeline-env.js'

export type FeedServer = Awaited<ReturnType<typeof serve>> & { feedUrl: string }

/** A local feed of `episodes` items, each with its own transcript URL. */
export const serveFeed = async (episodes: number, tag: string): Promise<FeedServer> => {
  const server = await serve({
    '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(
      Array.from({ length: episodes }, (_, i) => ({ guid: `${tag}-${i}`, title: `Episode ${i}`, transcript: { url: `${server.url}/t.vtt?ep=${i}`, type: 'text/vtt' } })),
    )),
    '/t.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT),
  })
  return Object.assign(server, { feedUrl: `${server.url}/feed.xml` })
}

/** Rows in a table of `schema`, 0 while the table does not exist yet (not migrated). */
export const countRows = async (db: pg.Client, schema: string, table: string): Promise<number> => {
  try {
    return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.${table}`)).rows[0]?.n)
  } catch {
    return 0
  }
}

export interface StoreCensus {
  files: number
  fileLogLines: number
  rows: number
  /** Entries of the PostgreSQL change log, and how many distinct episodes they name. */
  changes: number
  changedEpisodes: number
}

/** What the file store and PostgreSQL hold after a run, to compare with the episodes of the feed. */
export const census = async (db: pg.Client, schema: string, dataDir: string): Promise<StoreCensus> => {
  const files = readdirSync(join(dataDir, 'records')).filter((f) => f.endsWith('.json')).length
  const fileLogLines = readFileSync(join(dataDir, 'changes.jsonl'), 'utf8').split('\n').filter(Boolean).length
  const { rows } = await db.query<{ changes: string; episodes: string }>(
    `SELECT count(*) AS changes, count(DISTINCT episode_id) AS episodes FROM ${schema}.changes`)
  return {
    files,
    fileLogLines,
    rows: await countRows(db, schema, 'episodes'),
    changes: Number(rows[0]?.changes),
    changedEpisodes: Number(rows[0]?.episodes),
  }
}
