import { DatabaseError, Pool, type PoolClient, type PoolConfig } from 'pg'
import type { EpisodeRecord } from '../../record/schema.js'
import { recordContentHash } from '../content-hash.js'
import type { PutResult, RecordStore } from '../types.js'
import { checkRecord, parseStoredRecord } from '../validate.js'
import { migratePostgres } from './migrate.js'
import { pgStoreError } from './pg-errors.js'
import { CHILD_COLUMNS, childRows, publishedAt, type ChildRows } from './rows.js'
import { quoteSchema } from './schema-name.js'
import { transaction } from './transaction.js'

export interface PostgresStoreOptions {
  /** e.g. postgres://podpipe@db:5432/podpipe */
  connectionString: string
  /** Schema holding the tables; one per deployment or test run. @defaultValue 'podpipe' */
  schema?: string
  /** Run the migrations at start-up. Off for roles that may not run DDL (migrate separately). @defaultValue true */
  migrate?: boolean
  /**
   * Longest one statement may run on the server, lock waits included, before PostgreSQL cancels
   * it (SQLSTATE 57014, retried). @defaultValue 30000
   */
  statementTimeoutMs?: number
  /** Longest wait for a new connection. @defaultValue 5000 */
  connectTimeoutMs?: number
  /** Most connections held at once. @defaultValue 5 */
  poolSize?: number
  /**
   * Return the store even when the database cannot be reached or migrated now, instead of
   * failing: every call then migrates first until that succeeds, so a server can start during
   * an outage and report it on /readyz. @defaultValue false
   */
  openWhileDown?: boolean
  /** Passed to pg's Pool, over the settings above. @defaultValue { application_name: 'podpipe', keepAlive: true } */
  pool?: Omit<PoolConfig, 'connectionString'>
  /**
   * Told each time a connection is lost (the server restarted, the network or a proxy cut it),
   * idle or in use; the pool drops it and the statement on it, if any, fails. @defaultValue ignore
   */
  onConnectionError?: (err: Error) => void
}

/**
 * The PostgreSQL sink: the whole record as JSONB in `episodes` plus one row per speaker, turn,
 * section, entity, mention and claim, so analysts can query claims by speaker, kind or topic in
 * SQL, and a row in `changes` (seq, at, episode_id, hash, created | updated) for each record
 * created or changed. One transaction per record; an equal content hash skips the write entirely.
 *
 * @example
 * const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL! })
 * await store.put(record) // 'created' | 'updated' | 'unchanged'
 */
export const createPostgresStore = async ({
  connectionString,
  schema = 'podpipe',
  migrate = true,
  statementTimeoutMs = 30_000,
  connectTimeoutMs = 5_000,
  poolSize = 5,
  openWhileDown = false,
  pool: poolOptions = {},
  onConnectionError = () => undefined,
}: PostgresStoreOptions): Promise<RecordStore> => {
  const s = quoteSchema(schema)
  const pool = new Pool({
    max: poolSize,
    application_name: 'podpipe',
    // A peer that vanished without a FIN (a dead host, a dropped NAT entry) is noticed by TCP.
    keepAlive: true,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    // A session cut off mid-transaction keeps its row locks until the server gives up on it.
    idle_in_transaction_session_timeout: statementTimeoutMs,
    // The server cancels first, with a clear SQLSTATE; this client-side limit only fires when
    // the server cannot answer at all (a black-holed network), so a write never hangs a job.
    query_timeout: statementTimeoutMs + connectTimeoutMs,
    ...poolOptions,
    connectionString,
  })
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', onConnectionError)

  // The schema is migrated before the first statement that needs it; a failed attempt (the
  // database is down) is forgotten, so the next call tries again.
  let migrated: Promise<unknown> | undefined = migrate ? undefined : Promise.resolve()
  const ready = () => {
    migrated ??= migratePostgres(pool, schema, undefined, onConnectionError).catch((err: unknown) => {
      migrated = undefined
      throw err
    })
    return migrated
  }
  try {
    await ready()
  } catch (err) {
    if (!openWhileDown) {
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
    const change = row.inserted ? 'created' : 'updated'
    // Last, and under a lock held until COMMIT: writers take their seq one at a time, so seq
    // order is commit order, and a reader that saw seq N never later finds a smaller one appear.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`podpipe:changes:${schema}`])
    await client.query(`INSERT INTO ${s}.changes (episode_id, hash, change) VALUES ($1, $2, $3)`, [record.id, hash, change])
    return change
  }

  return {
    name: 'postgres',
    async put(input) {
      const record = checkRecord('postgres', input)
      const hash = recordContentHash(record)
      await ready()
      const messages = { connect: `cannot connect to write record ${record.id}`, run: `could not write record ${record.id} to schema ${schema}` }
      try {
        // A retry, the common duplicate, is settled by a 64-byte read instead of shipping the
        // whole record; the upsert below still compares hashes, so a race here is harmless.
        const current = await pool.query<{ content_hash: string }>(`SELECT content_hash FROM ${s}.episodes WHERE id = $1`, [record.id])
        if (current.rows[0]?.content_hash === hash) return 'unchanged'
      } catch (err) {
        // The server's own refusal (a timeout, a missing table) is not a connection problem.
        throw pgStoreError(err instanceof DatabaseError ? messages.run : messages.connect, record.id, err)
      }
      return transaction({ pool, onLost: onConnectionError, messages, input: record.id }, (client) => write(client, record, hash))
    },
    async get(id) {
      await ready()
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
      // Reachable but never migrated (it was down at start-up): readiness means writable.
      await ready()
    },
    async close() {
      await pool.end()
    },
  }
}
