import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { Config } from '../config/types.js'
import { redactSecrets } from '../config/index.js'
import { PodpipeError } from '../errors/index.js'
import { createFileStore } from './file-store.js'
import { createPostgresStore } from './postgres/index.js'
import type { QueueTuning } from '../queue/index.js'
import { createStreamStore } from './stream-store.js'
import type { RecordStore } from './types.js'
import { createWebhookStore } from './webhook-store.js'

/** `stream` and `postgres` are optional: without them the stores' own defaults apply. */
export type StoresConfig = Pick<Config, 'stores' | 'dataDir' | 'databaseUrl' | 'redisUrl' | 'queuePrefix'> & Partial<Pick<Config, 'stream' | 'postgres'>>

export interface StoresDeps {
  /** Client for the stream and webhook sinks; when absent each opens one from `redisUrl` and closes it with the store. */
  redis?: Redis
  /** Backoff and attempts of the webhook store's delivery jobs. @defaultValue DEFAULT_TUNING */
  tuning?: Pick<QueueTuning, 'backoffMs' | 'attempts' | 'eventsMaxLen'>
  /** PostgreSQL schema. @defaultValue 'podpipe' */
  postgresSchema?: string
  /**
   * Open the PostgreSQL store even while the database is down (it migrates once reachable), for
   * a process whose job is to report the outage. @defaultValue false
   */
  openWhileDown?: boolean
  /** Where lost database connections are reported (they are retried, not fatal). */
  log?: Logger
}

/**
 * Opens the configured sinks, in config order (the file store is the default). PostgreSQL is
 * migrated here, at start-up (or, with openWhileDown, once it is reachable). If one sink cannot be opened the ones already open are closed
 * and the error is thrown, so a process never runs with fewer sinks than configured.
 *
 * @example
 * const stores = await createStores(config)
 * await publishToAll(stores, record)
 */
export const createStores = async (config: StoresConfig, deps: StoresDeps = {}): Promise<RecordStore[]> => {
  const opened: RecordStore[] = []
  try {
    for (const kind of new Set(config.stores)) opened.push(await openStore(kind, config, deps))
    return opened
  } catch (err) {
    await Promise.allSettled(opened.map((s) => s.close()))
    throw err
  }
}

const openStore = async (kind: StoresConfig['stores'][number], config: StoresConfig, deps: StoresDeps): Promise<RecordStore> => {
  switch (kind) {
    case 'file':
      return createFileStore({ dir: config.dataDir })
    case 'postgres':
      if (!config.databaseUrl) {
        throw new PodpipeError('CONFIG', 'the postgres store is configured but no database URL is set (DATABASE_URL)', { input: 'stores' })
      }
      return createPostgresStore({
        connectionString: config.databaseUrl,
        ...(deps.postgresSchema ? { schema: deps.postgresSchema } : {}),
        ...config.postgres,
        openWhileDown: deps.openWhileDown ?? false,
        onConnectionError: (err) => deps.log?.warn({ err: redactSecrets(err.message) }, 'postgres connection lost; the statement on it fails and is retried'),
      })
    case 'stream': {
      const options = { stream: `${config.queuePrefix}:records`, ...config.stream }
      return withRedis(config, deps, (redis) => createStreamStore({ redis, ...options }))
    }
    case 'webhook':
      return withRedis(config, deps, (redis) => createWebhookStore({ redis, prefix: config.queuePrefix, ...(deps.tuning ? { tuning: deps.tuning } : {}) }))
  }
}

/** A store on the caller's Redis client, or on one of its own that closes with it. */
const withRedis = (config: StoresConfig, deps: StoresDeps, open: (redis: Redis) => RecordStore): RecordStore => {
  if (deps.redis) return open(deps.redis)
  // A store write should fail (and the job retry) rather than wait forever for Redis.
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true })
  const store = open(redis)
  return {
    ...store,
    close: async () => {
      await store.close()
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
