import type { Pool } from 'pg'
import { poolExecutor, type SqlExecutor } from './executor.js'
import { MIGRATIONS, type Migration } from './migrations.js'
import { quoteSchema } from './schema-name.js'

/**
 * Brings `schema` up to the latest migration on any SQL executor (PostgreSQL or PGlite) and
 * returns the versions it applied (none when already current). Everything runs in one
 * transaction behind a transaction-level advisory lock keyed by the schema name, so processes
 * starting at once apply each migration exactly once: the others wait, then find nothing left
 * to do. A failed migration leaves no trace.
 *
 * @example
 * await migrateSql(poolExecutor(pool), 'podpipe') // [1, 2, …] on a fresh database, [] afterwards
 */
export const migrateSql = async (sql: SqlExecutor, schema: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> => {
  const s = quoteSchema(schema)
  const messages = { connect: `cannot connect to run migrations for schema ${schema}`, run: `migrating schema ${schema} failed` }
  return sql.transaction({ messages, input: 'DATABASE_URL' }, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`podpipe:migrate:${schema}`])
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${s}`)
    await tx.exec(`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
    const done = await tx.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`)
    const have = new Set(done.rows.map((r) => r.version))
    const applied: number[] = []
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (have.has(m.version)) continue
      await tx.exec(m.sql(s))
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name])
      applied.push(m.version)
    }
    return applied
  })
}

/**
 * migrateSql on a pg.Pool.
 * @example
 * await migratePostgres(pool, 'podpipe') // [1, 2, …] on a fresh database, [] afterwards
 */
export const migratePostgres = (
  pool: Pool,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
  onLost: (err: Error) => void = () => undefined,
): Promise<number[]> => migrateSql(poolExecutor(pool, onLost), schema, migrations)
