import { Pool, type PoolClient, type PoolConfig } from 'pg'
import type { EpisodeRecord } from '../../record/schema.js'
import { recordContentHash } from '../content-hash.js'
import type { PutResult, RecordStore } from '../types.js'
import { checkRecord, parseStoredRecord } from '../validate.js'
import { migratePostgres } from './migrate.js'
import { pgStoreError } from './pg-errors.js'
import { CHILD_COLUMNS, childRows, publishedAt, type ChildRows } from './rows.js'
import { quoteSchema } from './schema-name.js'

export interface PostgresStoreOptions {
  /** e.g. postgres://podpipe@db:5432/podpipe */
  connectionString: string
  /** Schema holding the tables; one per deployment or test run. @defaultValue 'podpipe' */
  schema?: string
  /** Run the migrations at start-up. Off for roles that may not run DDL (migrate separately). @defaultValue true */
  migrate?: boolean
  /** Passed to pg's Pool. @defaultValue { max: 5, connectionTimeoutMillis: 5000, application_name: 'podpipe' } */
  pool?: Omit<PoolConfig, 'connectionString'>
  /** Errors of idle pooled connections (the server restarted, say); the pool already dropped them. @defaultValue ignore */
  onIdleError?: (err: Error) => void
}

/**
 * The PostgreSQL sink: the whole record as JSONB in `episodes` plus one row per speaker, turn,
 * section, entity, mention and claim, so analysts can query claims by speaker, kind or topic in
 * SQL. One transaction per record; an equal content hash skips the write entirely.
 *
 * @example
 * const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL! })
 * await store.put(record) // 'created' | 'updated' | 'unchanged'
 */
export const createPostgresStore = async ({
  connectionString,
  schema = 'podpipe',
  migrate = true,
  pool: poolOptions = {},
  onIdleError = () => undefined,
}: PostgresStoreOptions): Promise<RecordStore> => {
  const s = quoteSchema(schema)
  const pool = new Pool({ max: 5, connectionTimeoutMillis: 5000, application_name: 'podpipe', ...poolOptions, connectionString })
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', onIdleError)
  if (migrate) {
    try {
      await migratePostgres(pool, schema)
    } catch (err) {
      await pool.end().catch(() => undefined)
      throw err
    }
  }

  const upsert = `
    INSERT INTO ${s}.episodes AS e
      (id, feed_url, guid, title, published_at, schema_version, pipeline_version, content_hash, record)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
    ON CONFLICT (id) DO UPDATE SET
      feed_url = EXCLUDED.feed_url, guid = EXCLUDED.guid, title = EXCLUDED.title,
      published_at = EXCLUDED.published_at, schema_version = EXCLUDED.schema_version,
      pipeline_version = EXCLUDED.pipeline_version, content_hash = EXCLUDED.content_hash,
      record = EXCLUDED.record, updated_at = now()
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

  const write = async (client: PoolClient, record: EpisodeRecord, hash: string): Promise<PutResult> => {
    const ep = record.episode
    const res = await client.query<{ inserted: boolean }>(upsert, [
      record.id, ep.feedUrl, ep.guid, ep.title, publishedAt(ep.publishedAt), record.schemaVersion,
      record.provenance.pipelineVersion, hash, JSON.stringify(record),
    ])
    // No row back: the id exists with this hash, so a retry or duplicate writes nothing.
    const row = res.rows[0]
    if (row === undefined) return 'unchanged'
    if (!row.inserted) {
      // Mentions go with their entities (ON DELETE CASCADE).
      for (const t of ['speakers', 'turns', 'sections', 'entities', 'claims'] as const) {
        await client.query(`DELETE FROM ${s}.${t} WHERE episode_id = $1`, [record.id])
      }
    }
    const rows = childRows(record)
    for (const t of tables) {
      if (rows[t].length > 0) await client.query(inserts.get(t) ?? '', [record.id, JSON.stringify(rows[t])])
    }
    return row.inserted ? 'created' : 'updated'
  }

  return {
    name: 'postgres',
    async put(input) {
      const record = checkRecord('postgres', input)
      const hash = recordContentHash(record)
      let client: PoolClient
      try {
        // A retry, the common duplicate, is settled by a 64-byte read instead of shipping the
        // whole record; the upsert below still compares hashes, so a race here is harmless.
        const current = await pool.query<{ content_hash: string }>(`SELECT content_hash FROM ${s}.episodes WHERE id = $1`, [record.id])
        if (current.rows[0]?.content_hash === hash) return 'unchanged'
        client = await pool.connect()
      } catch (err) {
        throw pgStoreError(`cannot connect to write record ${record.id}`, record.id, err)
      }
      let failed: Error | undefined
      try {
        await client.query('BEGIN')
        const result = await write(client, record, hash)
        await client.query('COMMIT')
        return result
      } catch (err) {
        failed = err instanceof Error ? err : new Error(String(err))
        await client.query('ROLLBACK').catch(() => undefined)
        throw pgStoreError(`could not write record ${record.id} to schema ${schema}`, record.id, err)
      } finally {
        client.release(failed)
      }
    },
    async get(id) {
      let rows: { record: unknown }[]
      try {
        rows = (await pool.query<{ record: unknown }>(`SELECT record FROM ${s}.episodes WHERE id = $1`, [id])).rows
      } catch (err) {
        throw pgStoreError(`could not read record ${id} from schema ${schema}`, id, err)
      }
      if (rows[0] === undefined) return undefined
      return parseStoredRecord('postgres', `${schema}.episodes row`, id, rows[0].record)
    },
    async ping() {
      try {
        await pool.query('SELECT 1')
      } catch (err) {
        throw pgStoreError('database is unreachable', 'DATABASE_URL', err)
      }
    },
    async close() {
      await pool.end()
    },
  }
}
