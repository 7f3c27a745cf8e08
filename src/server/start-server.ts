import type { Logger } from 'pino'
import { createLogger, type Config } from '../config/index.js'
import { closeQueues, connectRedis, createQueues, preflight } from '../queue/index.js'
import { openQueryDb, type OpenQueryDb } from '../query/index.js'
import { createStores, type RecordStore } from '../store/index.js'
import { createServer } from './create-server.js'
import { readiness } from './health.js'
import type { RunningServer } from './types.js'

export interface StartedServer extends RunningServer {
  /** Where the dashboard is, e.g. http://127.0.0.1:3000/queues. */
  dashboardUrl: string
  /**
   * The database queries run on, open until close(): `podpipe start` keeps its feed registry in
   * it when that is the embedded PGlite, which no second opener may take.
   */
  queries: OpenQueryDb | undefined
}

/**
 * The whole of `podpipe serve`: opens Redis (as a fail-fast producer), checks it cannot evict
 * queue keys, opens the pipeline's queues, the configured stores and the query engine (PostgreSQL,
 * or PGlite under the data dir: see openQueryDb), PostgreSQL even while it is down (/readyz
 * reports it), and listens. close() releases all of it, the server first so
 * no request runs against a closed connection.
 * @example
 * const server = await startServer(loadConfig())
 * process.once('SIGTERM', () => void server.close())
 */
export const startServer = async (config: Config, { log }: { log?: Logger } = {}): Promise<StartedServer> => {
  const logger = log ?? createLogger({ level: config.logLevel, bindings: { service: 'server' } })
  const redis = await connectRedis(config.redisUrl, 'producer')
  // ioredis reconnects by itself; without a listener each failed attempt is printed as "Unhandled error event".
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error'))
  const queues = createQueues(redis, config.queuePrefix)
  let stores: RecordStore[] = []
  let queries: OpenQueryDb | undefined
  const release = async () => {
    await queries?.close().catch((err: unknown) => logger.warn({ err }, 'closing the query database failed'))
    await Promise.allSettled(stores.map((s) => s.close()))
    await closeQueues(queues)
    await redis.quit().catch(() => redis.disconnect())
  }
  try {
    await preflight(redis, config.redisUrl)
    // A database that is down must not keep the one process that can report it from starting:
    // the store opens anyway, /readyz names it until it answers, and it migrates then.
    stores = await createStores(config, { redis, openWhileDown: true, log: logger })
    // PostgreSQL with DATABASE_URL; else PGlite under the data dir, which this process then owns.
    queries = await openQueryDb(config, { log: logger })
    const running = await createServer({ config, queues, stores, redis, logger, ...(queries ? { queries } : {}) }).listen()
    for (const [name, check] of Object.entries(await readiness(redis, stores, undefined, queries))) {
      if (!check.ok) logger.warn({ dependency: name, error: check.error }, 'not ready at start-up; /readyz reports it until it answers')
    }
    const host = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host
    const dashboardUrl = `http://${host}:${running.port}${config.dashboardPath}`
    logger.info({ dashboardUrl, stores: stores.map((s) => s.name), queries: queries?.engine ?? 'none', readOnly: !config.dashboardWrite }, 'server listening')
    return {
      port: running.port,
      dashboardUrl,
      queries,
      close: async () => {
        await running.close()
        await release()
        logger.info('server stopped')
      },
    }
  } catch (err) {
    await release()
    throw err
  }
}
