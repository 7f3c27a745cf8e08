import { Pool, type PoolConfig } from 'pg'
import { poolExecutor } from './executor.js'
import { migrateSql } from './migrate.js'
import { createSqlStore, type SqlRecordStore } from './sql-store.js'

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
}: PostgresStoreOptions): Promise<SqlRecordStore> => {
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

  const sql = poolExecutor(pool, onConnectionError)
  // The schema is migrated before the first statement that needs it; a failed attempt (the
  // database is down) is forgotten, so the next call tries again.
  let migrated: Promise<unknown> | undefined = migrate ? undefined : Promise.resolve()
  const ready = () => {
    migrated ??= migrateSql(sql, schema).catch((err: unknown) => {
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
  const store = createSqlStore({ sql, schema, ready, close: () => pool.end() })
  return { ...store, sql, schema }
}
