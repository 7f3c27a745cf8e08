import type { Pool, PoolClient } from 'pg'
import { pgStoreError } from './pg-errors.js'

export interface TransactionContext {
  pool: Pool
  /** Told when the connection of the checked-out client is lost; the statement fails on its own. */
  onLost: (err: Error) => void
  /** What the error says when no connection could be had, and when the transaction failed. */
  messages: { connect: string; run: string }
  /** What the error is about: a record id, a schema. */
  input: string
}

/**
 * Runs `fn` in one transaction on a client checked out of the pool, and always gives the client
 * back. pg-pool listens for the errors of idle clients only: a checked-out client that loses its
 * connection (the server restarted, a proxy or the network cut it) emits 'error', and with no
 * listener Node ends the whole process. Here that error goes to `onLost`, the statement in
 * flight (or the next one) fails and reaches the caller as a store error, and the broken client
 * is destroyed on release instead of being handed to the next caller.
 */
export const transaction = async <T>({ pool, onLost, messages, input }: TransactionContext, fn: (client: PoolClient) => Promise<T>): Promise<T> => {
  let client: PoolClient
  try {
    client = await pool.connect()
  } catch (err) {
    throw pgStoreError(messages.connect, input, err)
  }
  let broken: Error | undefined
  const listener = (err: Error) => {
    broken = err
    onLost(err)
  }
  client.on('error', listener)
  try {
    await client.query('BEGIN')
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    broken ??= err instanceof Error ? err : new Error(String(err))
    await client.query('ROLLBACK').catch(() => undefined)
    throw pgStoreError(messages.run, input, err)
  } finally {
    client.off('error', listener)
    client.release(broken)
  }
}
