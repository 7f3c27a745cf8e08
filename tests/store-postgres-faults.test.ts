// The PostgreSQL store when the connection fails under it: real PostgreSQL behind a TCP proxy
// the test controls (tests/helpers/pg-proxy.ts), and pg_terminate_backend on its sessions.
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isPodpipeError } from '../src/errors/index.js'
import { createPostgresStore, type RecordStore } from '../src/store/index.js'
import { startPgProxy, terminateBackends, withAdmin, type PgProxy } from './helpers/pg-proxy.js'
import { waitFor } from './helpers/quiescence.js'
import { sampleRecord } from './helpers/sample-record.js'

let proxy: PgProxy
let schema: string
let store: RecordStore | undefined

beforeAll(async () => {
  proxy = await startPgProxy()
})
afterAll(async () => {
  await proxy.close()
})
beforeEach(() => {
  schema = `podpipe_test_${randomBytes(6).toString('hex')}`
})
afterEach(async () => {
  await store?.close()
  store = undefined
  await withAdmin((db) => db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))
})

const open = async (options: { statementTimeoutMs?: number; poolSize?: number } = {}) =>
  (store = await createPostgresStore({ connectionString: proxy.url, schema, ...options }))
const count = (table: string) =>
  withAdmin(async (db) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.${table}`)).rows[0]?.n))
const episodes = () => count('episodes')

const transientFailure = async (put: Promise<unknown>) => {
  const err = await put.then(() => undefined, (e: unknown) => e)
  expect(isPodpipeError(err) && err.code === 'STORE_FAILED' && !err.permanent, String(err)).toBe(true)
  return err as Error
}

describe('postgres store: a connection lost around a write', () => {
  it.each([
    { when: 'before the transaction starts', text: 'BEGIN', after: false, retry: 'created' },
    { when: 'while the record is written', text: `INSERT INTO`, after: false, retry: 'created' },
    { when: 'after COMMIT reached the server, before the answer', text: 'COMMIT', after: true, retry: 'unchanged' },
  ])('fails the put as transient $when, and the retry settles it with one row', async ({ text, after, retry }) => {
    const s = await open()
    const cut = proxy.dropOn(text, { after })
    const err = await transientFailure(s.put(sampleRecord()))
    await cut
    expect(err.message).toMatch(/postgres store: .*(terminated|not queryable|ECONNRESET)/i)
    expect(await s.put(sampleRecord())).toBe(retry)
    expect(await episodes()).toBe(1)
    // Logged with the write or not at all: one entry, whichever side of COMMIT the cut fell on.
    expect(await count('changes')).toBe(1)
  })

  it('survives its idle connections being terminated by the server, and writes on a new one', async () => {
    const s = await open()
    await s.put(sampleRecord())
    expect(await terminateBackends(proxy)).toBeGreaterThan(0)
    await waitFor(() => (proxy.connections === 0 ? true : undefined), { what: 'the terminated sessions to close' })
    // The proxy passed each session's FATAL on before closing it, but the pool hears of it only
    // when this event loop next polls its sockets: a put in the same turn as the check above got
    // the dead connection (CI, 2 December). setImmediate runs after that poll.
    await new Promise((resolve) => setImmediate(resolve))
    expect(await s.put(sampleRecord({ guid: 'second' }))).toBe('created')
    expect(await episodes()).toBe(2)
  })
})

describe('postgres store: pool size', () => {
  it('never holds more connections than poolSize, even with many writes at once', async () => {
    const fresh = await startPgProxy()
    try {
      store = await createPostgresStore({ connectionString: fresh.url, schema, poolSize: 2 })
      const s = store
      await Promise.all(Array.from({ length: 12 }, (_, i) => s.put(sampleRecord({ guid: `pool-${i}` }))))
      expect(await episodes()).toBe(12)
      expect(fresh.peakConnections).toBe(2)
    } finally {
      await store?.close()
      store = undefined
      await fresh.close()
    }
  })
})

describe('postgres store: statement timeout', () => {
  it('fails a write blocked past the timeout as transient, and writes once the lock is gone', async () => {
    const s = await open({ statementTimeoutMs: 300 })
    await s.put(sampleRecord({ guid: 'first' }))
    const err = await withAdmin(async (db) => {
      await db.query('BEGIN')
      await db.query(`LOCK TABLE ${schema}.episodes IN ACCESS EXCLUSIVE MODE`)
      try {
        return await transientFailure(s.put(sampleRecord()))
      } finally {
        await db.query('ROLLBACK')
      }
    })
    expect(err.message).toMatch(/SQLSTATE 57014.*statement timeout/)
    expect(await s.put(sampleRecord())).toBe('created')
    expect(await episodes()).toBe(2)
  })
})

describe('postgres store: opened while the database is down', () => {
  it('opens with openWhileDown, reports the outage on ping, and migrates once the database is back', async () => {
    await proxy.close()
    try {
      const lost: Error[] = []
      store = await createPostgresStore({ connectionString: proxy.url, schema, openWhileDown: true, onConnectionError: (e) => lost.push(e) })
      await expect(store.ping()).rejects.toThrow(/postgres store: database is unreachable: .*ECONNREFUSED/)
      await transientFailure(store.put(sampleRecord()))
      await proxy.open()
      await store.ping()
      const tables = await withAdmin(async (db) => (await db.query(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [schema, 'schema_migrations'])).rowCount)
      expect(tables).toBe(1)
      expect(await store.put(sampleRecord())).toBe('created')
      // A connection lost while idle is reported, not thrown.
      proxy.dropAll()
      await waitFor(() => (lost.length > 0 ? true : undefined), { what: 'the lost connection to be reported' })
      expect(await store.put(sampleRecord({ guid: 'after-drop' }))).toBe('created')
    } finally {
      await proxy.open().catch(() => undefined)
    }
  })

  it('still refuses to open without openWhileDown, so a worker does not start half-configured', async () => {
    await proxy.close()
    try {
      await transientFailure(createPostgresStore({ connectionString: proxy.url, schema }))
    } finally {
      await proxy.open()
    }
  })
})
