import type { Redis } from 'ioredis'
import { PodpipeError, isPodpipeError } from '../errors/index.js'
import { isValidatedRecord } from '../record/build-record.js'
import { EpisodeRecord } from '../record/schema.js'

/**
 * Every sink checks the record against the contract before writing: a store is a system of
 * record, and a bad record there is worse than a failed job. A bad record is permanent.
 * A record straight from buildRecord was checked there and is frozen, so it is not parsed twice.
 */
export const checkRecord = (store: string, input: EpisodeRecord): EpisodeRecord => {
  if (isValidatedRecord(input)) return input
  const parsed = EpisodeRecord.safeParse(input)
  if (parsed.success) return parsed.data
  const id = typeof (input as { id?: unknown }).id === 'string' ? input.id : 'record without id'
  throw new PodpipeError('MALFORMED', `${store} store: refusing an invalid episode record: ${parsed.error.message}`, { input: id })
}

/**
 * Wraps a failure of a sink in a transient STORE_FAILED error whose message names the store,
 * so the queue retries it and the dashboard says which sink failed. Errors already classified
 * (a permanent MALFORMED, say) pass through unchanged.
 */
export const storeError = (store: string, message: string, input: string, cause: unknown, permanent = false): PodpipeError => {
  if (isPodpipeError(cause)) return cause
  const reason = cause instanceof Error ? cause.message || cause.name : String(cause)
  return new PodpipeError('STORE_FAILED', `${store} store: ${message}: ${reason}`, { input, permanent, cause })
}

/** The ping of a store that lives in Redis (stream, webhook): a failure names the store and what it writes to. */
export const pingRedis = async (store: string, redis: Redis, input: string): Promise<void> => {
  try {
    await redis.ping()
  } catch (err) {
    throw storeError(store, 'Redis is unreachable', input, err)
  }
}

/**
 * A record read back from a sink, checked against the contract: JSON text or an already
 * parsed value (JSONB). Anything else than a valid record is a permanent MALFORMED error
 * naming where it was read from.
 */
export const parseStoredRecord = (store: string, where: string, id: string, stored: unknown): EpisodeRecord => {
  let value = stored
  if (typeof stored === 'string') {
    try {
      value = JSON.parse(stored)
    } catch (err) {
      throw new PodpipeError('MALFORMED', `${store} store: ${where} is not JSON: ${(err as Error).message}`, { input: id })
    }
  }
  const parsed = EpisodeRecord.safeParse(value)
  if (!parsed.success) {
    throw new PodpipeError('MALFORMED', `${store} store: ${where} is not a valid episode record: ${parsed.error.message}`, { input: id })
  }
  return parsed.data
}
