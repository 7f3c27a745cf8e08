import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { escapeIdentifier } from 'pg'
import { PodpipeError } from '../../errors/index.js'
import { holdProcessLock, isAlive } from '../file-lock.js'
import type { SqlExecutor, SqlSession } from './executor.js'
import { migrateSql } from './migrate.js'
import { cacheDirFromEnv, pgliteCreateOptions, saveTemplate } from './pglite-template.js'
import { sqlStoreError } from './pg-errors.js'
import { quoteSchema } from './schema-name.js'
import { createSqlStore, type SqlRecordStore } from './sql-store.js'

export interface PgliteStoreOptions {
  /** Directory of the database files; created when missing. undefined keeps it in memory (tests, benches). */
  dir: string | undefined
  /** Schema holding the tables, as on PostgreSQL. @defaultValue 'podpipe' */
  schema?: string
  /**
   * Where a dump of a new cluster is kept so later new databases skip initdb; null: no cache.
   * @defaultValue PODPIPE_CACHE_DIR, else ~/.cache/podpipe
   */
  cacheDir?: string | null
}

type Runner = Pick<Transaction, 'query' | 'exec'>

/** The lock file that names the one process holding a PGlite directory. */
const ownerLock = (dir: string): string => join(dir, '.owner.lock')

/**
 * The pid of the live process that holds the PGlite directory, or undefined when none does (a
 * dead holder's lock does not count: the next opener breaks it). Lets a command that only reads
 * ask the holder over HTTP instead of failing to open.
 */
export const pgliteOwner = async (dir: string): Promise<number | undefined> => {
  const text = await readFile(ownerLock(dir), 'utf8').catch(() => undefined)
  const pid = Number(text?.split(' ')[0])
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : undefined
}

const session = (db: Runner): SqlSession => ({
  query: async <R>(sql: string, params: readonly unknown[] = []) => ({ rows: (await db.query<R>(sql, [...params])).rows }),
  exec: async (sql) => void (await db.exec(sql)),
})

/** A PGlite database as an executor: one session, which PGlite itself serialises. */
export const pgliteExecutor = (db: PGlite): SqlExecutor => ({
  engine: 'pglite',
  query: session(db).query,
  transaction: async ({ messages, input }, fn) => {
    try {
      return await db.transaction((tx) => fn(session(tx)))
    } catch (err) {
      throw sqlStoreError('pglite', messages.run, input, err)
    }
  },
})

/**
 * Brings the planner's statistics (and the visibility map that index-only scans read) up to date
 * on the tables of `schema` that changed enough since their last ANALYZE, by autovacuum's default
 * rule: more than 50 rows plus 10% of the table modified. PGlite runs PostgreSQL single-user, with
 * no autovacuum, so a database filled by puts otherwise never has statistics and every plan rests
 * on default guesses. Runs on the caller's event loop, like every PGlite statement: a table that
 * qualifies costs one VACUUM (ANALYZE) of it, seconds for the claims of thousands of records.
 * Returns the tables it refreshed.
 *
 * @example
 * await follower.catchUp()
 * await refreshStatistics(store.sql, store.schema) // ['claims', 'episodes', …] after a large load, then []
 */
export const refreshStatistics = async (sql: Pick<SqlExecutor, 'query'>, schema: string): Promise<string[]> => {
  // A backend publishes its row counts at most once a second, and later only from a timer that
  // single-user PGlite never runs: without this, the counts of the last puts could stay unread.
  await sql.query('SELECT pg_stat_force_next_flush()')
  const { rows } = await sql.query<{ table: string }>(`
    SELECT s.relname AS table FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = $1 AND s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
    ORDER BY s.relname`, [schema])
  for (const { table } of rows) await sql.query(`VACUUM (ANALYZE) ${quoteSchema(schema)}.${escapeIdentifier(table)}`)
  return rows.map((r) => r.table)
}

/**
 * PostgreSQL compiled to WebAssembly, in this process: the embedded default when no DATABASE_URL
 * is set. The same migrations and the same SQL as createPostgresStore (both are createSqlStore),
 * so the query layer answers the same on both. One process at a time may open a directory: a
 * lock file (`.owner.lock`, the holder's pid) makes a second opener fail at once, naming the
 * holder, instead of two engines corrupting one set of files.
 *
 * @example
 * const store = await createPgliteStore({ dir: 'data/pglite' })
 * await store.put(record) // 'created' | 'updated' | 'unchanged'
 */
export const createPgliteStore = async ({ dir, schema = 'podpipe', cacheDir = cacheDirFromEnv() }: PgliteStoreOptions): Promise<SqlRecordStore> => {
  let release = async () => undefined as void
  if (dir !== undefined) {
    await mkdir(dir, { recursive: true })
    release = await holdProcessLock(ownerLock(dir), (pid) => new PodpipeError(
      'CONFIG',
      `pglite store: ${dir} is open in process ${pid}; PGlite is single-process, so only one podpipe process ` +
        'may serve queries from a data directory (query that one over HTTP, or stop it first)',
      { input: dir },
    ))
  }
  let db: PGlite
  try {
    const { fresh, ...options } = await pgliteCreateOptions(dir, cacheDir)
    db = await PGlite.create(options)
    if (fresh && cacheDir !== null) await saveTemplate(db, cacheDir)
  } catch (err) {
    await release()
    throw sqlStoreError('pglite', `could not open the database under ${dir ?? 'memory'}`, dir ?? 'memory', err)
  }
  const sql = pgliteExecutor(db)
  try {
    await migrateSql(sql, schema)
  } catch (err) {
    await db.close().catch(() => undefined)
    await release()
    throw err
  }
  const close = async () => {
    await db.close()
    await release()
  }
  const store = createSqlStore({ sql, schema, ready: () => Promise.resolve(), input: dir ?? 'memory', close })
  return { ...store, sql, schema }
}
