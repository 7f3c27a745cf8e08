import { DatabaseError } from 'pg'
import type { PodpipeError } from '../../errors/index.js'
import { storeError } from '../validate.js'

/**
 * Only a record the database refuses is permanent: SQLSTATE class 22 (data exception, e.g. a
 * NUL character in text) and 23 (integrity, e.g. two claims with one id). Everything else,
 * refused connections, timeouts, shutdowns, deadlocks, serialisation failures, is retried.
 */
export const isPermanentPgError = (err: unknown): boolean =>
  err instanceof DatabaseError && typeof err.code === 'string' && (err.code.startsWith('22') || err.code.startsWith('23'))

export const pgStoreError = (message: string, input: string, err: unknown): PodpipeError => {
  // SQLSTATE and detail name the offending value, which the bare message often does not.
  const code = err instanceof DatabaseError ? ` [SQLSTATE ${err.code ?? '?'}${err.detail ? `: ${err.detail}` : ''}]` : ''
  return storeError('postgres', message + code, input, err, isPermanentPgError(err))
}
