import type { Config } from '../config/index.js'
import { PodpipeError, isPodpipeError } from '../errors/index.js'
import { pgliteDir } from '../query/open-query-db.js'
import { createPgliteStore, createPostgresStore, pgliteOwner, type SqlExecutor, type SqlRecordStore } from '../store/postgres/index.js'
import type { RegistryDb } from './registry.js'

export interface OpenRegistry extends RegistryDb {
  close(): Promise<void>
}

/**
 * The store's executor, but the first statement waits for the schema to be migrated (ping
 * migrates): a registry opened while PostgreSQL was down (podpipe start reports it on /readyz)
 * works once it answers. After one success, statements go straight through.
 */
const migratedFirst = (store: Pick<SqlRecordStore, 'sql' | 'ping'>): SqlExecutor => {
  let migrated: Promise<void> | undefined
  const ready = () => (migrated ??= store.ping().catch((err: unknown) => { migrated = undefined; throw err }))
  return {
    engine: store.sql.engine,
    query: async (sql, params) => { await ready(); return store.sql.query(sql, params) },
    transaction: async (what, fn) => { await ready(); return store.sql.transaction(what, fn) },
  }
}

/**
 * Opens the database the feed registry lives in, migrated: PostgreSQL when DATABASE_URL is set
 * (any number of processes), else PGlite under PODPIPE_DATA_DIR/pglite, which only one process
 * may hold. `podpipe start` does not call this: its server already holds that database and
 * shares it (startServer's `queries`). A command that finds it held says which process holds it.
 *
 * @example
 * const registry = await openRegistry(loadConfig())
 * await addFeeds(registry, [{ url }], { now: new Date(), bounds })
 */
export const openRegistry = async (
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'postgres'> & Partial<Pick<Config, 'cacheDir'>>,
  { schema, openWhileDown = false }: { schema?: string; openWhileDown?: boolean } = {},
): Promise<OpenRegistry> => {
  if (config.databaseUrl) {
    const store = await createPostgresStore({ connectionString: config.databaseUrl, ...(schema ? { schema } : {}), ...config.postgres, openWhileDown })
    return { sql: migratedFirst(store), schema: store.schema, close: () => store.close() }
  }
  const dir = pgliteDir(config.dataDir)
  try {
    const store = await createPgliteStore({ dir, ...(schema ? { schema } : {}), ...(config.cacheDir ? { cacheDir: config.cacheDir } : {}) })
    return { sql: store.sql, schema: store.schema, close: () => store.close() }
  } catch (err) {
    const holder = isPodpipeError(err) ? await pgliteOwner(dir) : undefined
    if (holder === undefined) throw err
    throw new PodpipeError(
      'CONFIG',
      `the feed registry is in the embedded database under ${dir}, and podpipe process ${holder} (podpipe start or serve) holds it: ` +
        'stop that process, run this command, and start it again (it polls the registry as it then is); or set DATABASE_URL so every process shares PostgreSQL',
      { input: dir, cause: err },
    )
  }
}
