import type { EpisodeRecord } from '../../record/schema.js'
import { recordContentHash } from '../content-hash.js'
import type { PutResult, RecordStore } from '../types.js'
import { checkRecord, parseStoredRecord } from '../validate.js'
import type { SqlExecutor, SqlSession } from './executor.js'
import { isSqlStateError, sqlStoreError } from './pg-errors.js'
import { CHILD_COLUMNS, childRows, publishedAt, type ChildRows } from './rows.js'
import { quoteSchema } from './schema-name.js'

/** A store over SQL tables, with the executor and schema the query layer (src/query) reads through. */
export interface SqlRecordStore extends RecordStore {
  readonly sql: SqlExecutor
  readonly schema: string
}

export interface SqlStoreOptions {
  sql: SqlExecutor
  /** Schema holding the tables, already migrated or migrated by `ready`. */
  schema: string
  /** Resolves once the schema is migrated; called before every statement, so it must be cheap once done. */
  ready: () => Promise<unknown>
  /** What a failed ping is about: the connection setting or the directory. @defaultValue 'DATABASE_URL' */
  input?: string
  /** Releases what the caller opened for this store (a pool, an embedded database). */
  close: () => Promise<void>
}

/**
 * The record tables' writer, on any SQL executor: the whole record as JSONB in `episodes` plus
 * one row per speaker, turn, section, entity, mention and claim, and a row in `changes` for each
 * record created or changed, all in one transaction; an equal content hash skips the write.
 * createPostgresStore and createPgliteStore are this body over their own executor, so the two
 * engines hold the very same rows.
 */
export const createSqlStore = ({ sql, schema, ready, input = 'DATABASE_URL', close }: SqlStoreOptions): RecordStore => {
  const s = quoteSchema(schema)
  const engine = sql.engine
  const upsert = `
    INSERT INTO ${s}.episodes AS e
      (id, feed_url, guid, title, published_at, schema_version, pipeline_version, content_hash, record, turn_count, claim_count)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)
    ON CONFLICT (id) DO UPDATE SET
      feed_url = EXCLUDED.feed_url, guid = EXCLUDED.guid, title = EXCLUDED.title,
      published_at = EXCLUDED.published_at, schema_version = EXCLUDED.schema_version,
      pipeline_version = EXCLUDED.pipeline_version, content_hash = EXCLUDED.content_hash,
      record = EXCLUDED.record, turn_count = EXCLUDED.turn_count, claim_count = EXCLUDED.claim_count, updated_at = now()
    WHERE e.content_hash IS DISTINCT FROM EXCLUDED.content_hash
    RETURNING (xmax = 0) AS inserted`
  // xmax is 0 only on a freshly inserted row version, so it tells insert from update in one statement.

  const tables = Object.keys(CHILD_COLUMNS) as (keyof ChildRows)[]
  const insertChild = (table: keyof ChildRows): string => {
    const columns = CHILD_COLUMNS[table].split(',').map((c) => c.trim().split(' ')[0]).join(', ')
    return `INSERT INTO ${s}.${table} (episode_id, ${columns})
      SELECT $1, ${columns} FROM jsonb_to_recordset($2::jsonb) AS x(${CHILD_COLUMNS[table]})`
  }
  const inserts = new Map(tables.map((t) => [t, insertChild(t)]))

  const write = async (tx: SqlSession, record: EpisodeRecord, hash: string): Promise<PutResult> => {
    const ep = record.episode
    const res = await tx.query<{ inserted: boolean }>(upsert, [
      record.id, ep.feedUrl, ep.guid, ep.title, publishedAt(ep.publishedAt), record.schemaVersion,
      record.provenance.pipelineVersion, hash, JSON.stringify(record), record.turns.length, record.claims.length,
    ])
    // No row back: the id exists with this hash, so a retry or duplicate writes nothing.
    const row = res.rows[0]
    if (row === undefined) return 'unchanged'
    if (!row.inserted) {
      // Mentions go with their entities (ON DELETE CASCADE).
      for (const t of ['speakers', 'turns', 'sections', 'entities', 'claims'] as const) {
        await tx.query(`DELETE FROM ${s}.${t} WHERE episode_id = $1`, [record.id])
      }
    }
    const rows = childRows(record)
    for (const t of tables) {
      if (rows[t].length > 0) await tx.query(inserts.get(t) ?? '', [record.id, JSON.stringify(rows[t])])
    }
    const change = row.inserted ? 'created' : 'updated'
    // Last, and under a lock held until COMMIT: writers take their seq one at a time, so seq
    // order is commit order, and a reader that saw seq N never later finds a smaller one appear.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`podpipe:changes:${schema}`])
    await tx.query(`INSERT INTO ${s}.changes (episode_id, hash, change) VALUES ($1, $2, $3)`, [record.id, hash, change])
    return change
  }

  return {
    name: engine,
    async put(recordInput) {
      const record = checkRecord(engine, recordInput)
      const hash = recordContentHash(record)
      await ready()
      const messages = { connect: `cannot connect to write record ${record.id}`, run: `could not write record ${record.id} to schema ${schema}` }
      try {
        // A retry, the common duplicate, is settled by a 64-byte read instead of shipping the
        // whole record; the upsert below still compares hashes, so a race here is harmless.
        const current = await sql.query<{ content_hash: string }>(`SELECT content_hash FROM ${s}.episodes WHERE id = $1`, [record.id])
        if (current.rows[0]?.content_hash === hash) return 'unchanged'
      } catch (err) {
        // The server's own refusal (a timeout, a missing table) is not a connection problem.
        throw sqlStoreError(engine, isSqlStateError(err) ? messages.run : messages.connect, record.id, err)
      }
      return sql.transaction({ messages, input: record.id }, (tx) => write(tx, record, hash))
    },
    async get(id) {
      await ready()
      let rows: { record: unknown }[]
      try {
        rows = (await sql.query<{ record: unknown }>(`SELECT record FROM ${s}.episodes WHERE id = $1`, [id])).rows
      } catch (err) {
        throw sqlStoreError(engine, `could not read record ${id} from schema ${schema}`, id, err)
      }
      if (rows[0] === undefined) return undefined
      return parseStoredRecord(engine, `${schema}.episodes row`, id, rows[0].record)
    },
    async ping() {
      try {
        await sql.query('SELECT 1')
      } catch (err) {
        throw sqlStoreError(engine, 'database is unreachable', input, err)
      }
      // Reachable but never migrated (it was down at start-up): readiness means writable.
      await ready()
    },
    close,
  }
}
