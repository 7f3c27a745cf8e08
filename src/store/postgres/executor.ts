import type { Pool } from 'pg'
import type { SqlEngine } from './pg-errors.js'
import { transaction } from './transaction.js'

/** One connection's view: statements run in order, inside the transaction that handed it out. */
export interface SqlSession {
  /** One statement with $1… parameters; rows come back parsed (jsonb as objects, arrays as arrays). */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>
  /** Several statements without parameters, e.g. a migration script. */
  exec(sql: string): Promise<void>
}

/**
 * What the SQL store and the query layer need from a database: a pg.Pool (PostgreSQL) and a
 * PGlite instance (the embedded default) both fit, through poolExecutor and pgliteExecutor, so
 * one body of SQL runs on both.
 */
export interface SqlExecutor extends Pick<SqlSession, 'query'> {
  /** Names the engine in error messages and store names. */
  readonly engine: SqlEngine
  /**
   * Runs `fn` in one transaction on one session, COMMIT when it resolves, ROLLBACK when it throws.
   * Errors reach the caller as store errors with `messages.run` (or `messages.connect` when no
   * session could be had), about `input`.
   */
  transaction<T>(what: TransactionLabels, fn: (tx: SqlSession) => Promise<T>): Promise<T>
}

export interface TransactionLabels {
  messages: { connect: string; run: string }
  /** What the error is about: a record id, a schema. */
  input: string
}

/**
 * A pg.Pool as an executor. `onLost` hears of each connection lost while checked out (see
 * transaction.ts); the statement on it fails on its own.
 */
export const poolExecutor = (pool: Pool, onLost: (err: Error) => void = () => undefined): SqlExecutor => ({
  engine: 'postgres',
  query: async <R>(sql: string, params: readonly unknown[] = []) => ({ rows: (await pool.query(sql, [...params])).rows as R[] }),
  transaction: ({ messages, input }, fn) =>
    transaction({ pool, onLost, messages, input }, (client) => fn({
      query: async <R>(sql: string, params: readonly unknown[] = []) => ({ rows: (await client.query(sql, [...params])).rows as R[] }),
      // Without parameters pg sends the simple protocol, which takes several statements.
      exec: async (sql) => void (await client.query(sql)),
    })),
})
