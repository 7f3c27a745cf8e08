import { join } from 'node:path'
import type { Logger } from 'pino'
import type { Config } from '../config/index.js'
import { redactSecrets } from '../config/index.js'
import { createPgliteStore, createPostgresStore, refreshStatistics, type SqlEngine, type SqlRecordStore } from '../store/postgres/index.js'
import type { QueryDb } from './db.js'
import { followFileStore } from './follow-file-store.js'

export type QueryConfig = Pick<Config, 'stores' | 'databaseUrl' | 'dataDir' | 'query' | 'postgres'> & Partial<Pick<Config, 'cacheDir'>>

/** Where the API's queries run, and what to release at shutdown. */
export interface OpenQueryDb extends QueryDb {
  readonly engine: SqlEngine
  /** Throws while the engine cannot answer (for /readyz). */
  ping(): Promise<void>
  /**
   * Resolves once PGlite holds every record the file store had logged when called (at once on
   * PostgreSQL, which the workers write themselves). For commands that must not answer from a
   * partial copy, such as an export.
   */
  catchUp(): Promise<void>
  close(): Promise<void>
}

/** The directory of the embedded database under PODPIPE_DATA_DIR. */
export const pgliteDir = (dataDir: string): string => join(dataDir, 'pglite')

/**
 * Opens the engine queries run on. With the postgres store configured (DATABASE_URL): a pool of
 * its own on the same schema, whose statement_timeout is the query timeout. Otherwise, with the
 * file store: PGlite under PODPIPE_DATA_DIR/pglite, owned by this process, kept in step with the
 * file store's change log every `query.followMs` (the file store is what workers write, from any
 * number of processes). Neither store configured: undefined, and the API says so.
 *
 * @example
 * const db = await openQueryDb(loadConfig(), { log })
 * const page = db && await listEpisodes(db, EpisodesQuery.parse({}))
 */
export const openQueryDb = async (config: QueryConfig, { log, schema }: { log?: Logger; schema?: string } = {}): Promise<OpenQueryDb | undefined> => {
  if (config.stores.includes('postgres') && config.databaseUrl) {
    const store = await createPostgresStore({
      connectionString: config.databaseUrl,
      ...(schema ? { schema } : {}),
      ...config.postgres,
      statementTimeoutMs: config.query.timeoutMs,
      // The server starts during an outage and reports it on /readyz, as for the store.
      openWhileDown: true,
      onConnectionError: (err) => log?.warn({ err: redactSecrets(err.message) }, 'postgres connection of the query pool lost'),
    })
    return asQueryDb(store, async () => undefined, async () => undefined)
  }
  if (!config.stores.includes('file')) return undefined
  const dir = pgliteDir(config.dataDir)
  const store = await createPgliteStore({ dir, ...(schema ? { schema } : {}), ...(config.cacheDir ? { cacheDir: config.cacheDir } : {}) })
  const follower = followFileStore({ dataDir: config.dataDir, target: store, statePath: join(dir, 'followed.json') })
  let following: Promise<void> | undefined
  // In the background, so a server over a large data dir answers at once, from what it has so far.
  // After new records, the statistics autovacuum would keep on PostgreSQL (PGlite has none).
  const follow = () => {
    following ??= follower.catchUp().then(async (read) => {
      if (read === 0) return
      const refreshed = await refreshStatistics(store.sql, store.schema)
      log?.debug({ read, ...(refreshed.length ? { refreshed } : {}) }, 'pglite caught up with the file store')
    }).catch(
      (err: unknown) => log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'pglite could not catch up with the file store; trying again'),
    ).finally(() => { following = undefined })
    return following
  }
  void follow()
  const timer = setInterval(follow, config.query.followMs)
  timer.unref()
  return asQueryDb(store, async () => void (await follower.catchUp()), async () => {
    clearInterval(timer)
    // A catch-up in flight finishes before the database closes under it.
    await following
  })
}

const asQueryDb = (store: SqlRecordStore, catchUp: () => Promise<void>, beforeClose: () => Promise<void>): OpenQueryDb => ({
  sql: store.sql,
  schema: store.schema,
  engine: store.sql.engine,
  ping: () => store.ping(),
  catchUp,
  close: async () => {
    await beforeClose()
    await store.close()
  },
})
