import { join } from 'node:path'
import { redactSecrets, type Config } from '../config/index.js'
import { PodpipeError } from '../errors/index.js'
import { findBinary } from './find-binary.js'
import { probePort } from './probe.js'
import { startOwnRedis } from './redis-server.js'

/** What `podpipe start` did about Redis; stop() shuts down a Redis it started (and nothing else). */
export interface LocalRedis {
  /** 'given': REDIS_URL was set; 'running': something answers at the default; 'started': our own child. */
  readonly how: 'given' | 'running' | 'started'
  stop(): Promise<void>
}

export interface LocalRedisOptions {
  /** Finds redis-server. @defaultValue findBinary('redis-server') */
  findRedisServer?: () => string | undefined
  /** Told what was started, once. */
  say?: (line: string) => void
}

/** The one line for a machine without Redis. */
export const HOW_TO_GET_REDIS =
  'install it (`apt-get install redis-server` on Debian or Ubuntu) and run podpipe again, ' +
  'run podpipe and its services in containers with `docker compose up -d`, or set REDIS_URL to a running Redis'

const NOTHING = async () => {}

/**
 * For `podpipe start` on a fresh machine: while REDIS_URL is unset and nothing listens at the
 * default (127.0.0.1:PODPIPE_REDIS_PORT), start redis-server there as a child, AOF on, data
 * under PODPIPE_DATA_DIR/redis, so the queues and podpipe's memory of what it processed survive
 * a restart. A REDIS_URL that is set is used as given, and a port that something listens on is
 * left to it: the connection then says what is wrong, if anything. With no redis-server
 * installed it fails with one line saying how to get one.
 *
 * @example
 * const redis = await ensureLocalRedis(config, { say })
 * onShutdown(async () => { await everythingElse.close(); await redis.stop() })
 */
export const ensureLocalRedis = async (
  config: Pick<Config, 'redisUrl' | 'localRedisPort' | 'dataDir'>,
  { findRedisServer = () => findBinary('redis-server'), say = () => {} }: LocalRedisOptions = {},
): Promise<LocalRedis> => {
  const port = config.localRedisPort
  if (port === undefined) return { how: 'given', stop: NOTHING }
  if ((await probePort('127.0.0.1', port)) !== 'closed') return { how: 'running', stop: NOTHING }
  const binary = findRedisServer()
  if (!binary) {
    throw new PodpipeError('CONFIG', `nothing answers at ${redactSecrets(config.redisUrl)} and redis-server is not installed: ${HOW_TO_GET_REDIS}`, { input: 'REDIS_URL' })
  }
  const dir = join(config.dataDir, 'redis')
  try {
    const own = await startOwnRedis({ binary, port, dir })
    say(`podpipe: no Redis answered at ${config.redisUrl}, so podpipe started ${binary} there (AOF under ${dir}); it stops when podpipe does`)
    return { how: 'started', stop: own.stop }
  } catch (err) {
    // Another podpipe may have started one on the port meanwhile: then that one serves.
    if ((await probePort('127.0.0.1', port)) === 'open') return { how: 'running', stop: NOTHING }
    throw err
  }
}
