import type { PodpipeError } from '../../errors/index.js'
import { storeError } from '../validate.js'

/** The engines that run the SQL store: a PostgreSQL server, or PGlite embedded in the process. */
export type SqlEngine = 'postgres' | 'pglite'

/**
 * An error the database itself raised, with its SQLSTATE: pg's DatabaseError and PGlite's carry
 * the same fields, but are different classes, so the shape decides, not instanceof.
 */
export interface SqlStateError extends Error {
  code: string
  detail?: string
}

export const isSqlStateError = (err: unknown): err is SqlStateError => {
  const code: unknown = err instanceof Error && 'severity' in err && 'code' in err ? err.code : undefined
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
}

/**
 * Only a record the database refuses is permanent: SQLSTATE class 22 (data exception, e.g. a
 * NUL character in text) and 23 (integrity, e.g. two claims with one id). Everything else,
 * refused connections, timeouts, shutdowns, deadlocks, serialisation failures, is retried.
 */
export const isPermanentPgError = (err: unknown): boolean =>
  isSqlStateError(err) && (err.code.startsWith('22') || err.code.startsWith('23'))

/** A store error naming the engine, with the SQLSTATE and detail that name the offending value. */
export const sqlStoreError = (engine: SqlEngine, message: string, input: string, err: unknown): PodpipeError => {
  const code = isSqlStateError(err) ? ` [SQLSTATE ${err.code}${err.detail ? `: ${err.detail}` : ''}]` : ''
  return storeError(engine, message + code, input, err, isPermanentPgError(err))
}

export const pgStoreError = (message: string, input: string, err: unknown): PodpipeError => sqlStoreError('postgres', message, input, err)
