import type { Pool } from 'pg'
import { MIGRATIONS, type Migration } from './migrations.js'
import { pgStoreError } from './pg-errors.js'
import { quoteSchema } from './schema-name.js'

/**
 * Brings `schema` up to the latest migration and returns the versions it applied (none when
 * already current). Everything runs in one transaction behind a transaction-level advisory
 * lock keyed by the schema name, so processes starting at once apply each migration exactly
 * once: the others wait, then find nothing left to do. A failed migration leaves no trace.
 *
 * @example
 * await migratePostgres(pool, 'podpipe') // [1] on a fresh database, [] afterwards
 */
export const migratePostgres = async (pool: Pool, schema: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> => {
  const s = quoteSchema(schema)
  let client
  try {
    client = await pool.connect()
  } catch (err) {
    throw pgStoreError(`cannot connect to run migrations for schema ${schema}`, 'DATABASE_URL', err)
  }
  let failed: unknown
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`podpipe:migrate:${schema}`])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`)
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
    const done = await client.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`)
    const have = new Set(done.rows.map((r) => r.version))
    const applied: number[] = []
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (have.has(m.version)) continue
      await client.query(m.sql(s))
      await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name])
      applied.push(m.version)
    }
    await client.query('COMMIT')
    return applied
  } catch (err) {
    failed = err
    await client.query('ROLLBACK').catch(() => undefined)
    throw pgStoreError(`migrating schema ${schema} failed`, 'DATABASE_URL', err)
  } finally {
    // A client that failed mid-transaction may be broken; drop it rather than reuse it.
    client.release(failed instanceof Error ? failed : undefined)
  }
}
