import { Redis, type RedisOptions } from 'ioredis'
import type { Logger } from 'pino'
import { redactSecrets } from '../config/redact.js'
import { PodpipeError } from '../errors/index.js'

/**
 * Who holds the connection. Workers and QueueEvents block on Redis and must wait through an
 * outage; producers (scheduler, HTTP, CLI) must fail fast so a request or a cron tick never
 * hangs on a dead Redis (queue.md §1 "Queue / Worker / connections").
 */
export type ConnectionRole = 'worker' | 'producer'

/** How long a producer waits for Redis before telling the user how to get one. */
const PRODUCER_CONNECT_TIMEOUT_MS = 5_000

/**
 * The ioredis options for a role. `keyPrefix` is never set: BullMQ's own `prefix` namespaces
 * queues, and an ioredis prefix breaks its Lua scripts (queue.md §2 item 6).
 */
export const connectionOptions = (role: ConnectionRole): RedisOptions =>
  role === 'worker'
    ? {
        // BullMQ throws for blocking connections without it: a blocked BRPOPLPUSH must not be
        // failed by ioredis's retry counter during a Redis restart.
        maxRetriesPerRequest: null,
        enableReadyCheck: true,
        // Exponential 200 ms … 2 s: fast recovery after a short restart, no busy loop during a long one.
        retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 6), 2_000),
      }
    : {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: PRODUCER_CONNECT_TIMEOUT_MS,
        retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 6), 2_000),
      }

/** A new, not yet awaited connection for `role`. */
export const createRedis = (url: string, role: ConnectionRole): Redis => new Redis(url, connectionOptions(role))

const howToGetRedis = (url: string): string =>
  `cannot reach Redis at ${redactSecrets(url)}. Start one with \`redis-server\` (or \`docker compose up -d redis\`), ` +
  'or point REDIS_URL at a running server'

// The server answered, so starting one is the wrong advice: the credentials in REDIS_URL are.
const CREDENTIAL_PROBLEMS: readonly [RegExp, string][] = [
  [/WRONGPASS|invalid password|invalid username-password/i, 'refused the user name or password in REDIS_URL: check them (they go before the host, as USER:PASSWORD@ or :PASSWORD@ without ACL users)'],
  [/NOAUTH|Authentication required/i, 'requires a password: put it in REDIS_URL before the host, as :PASSWORD@ (USER:PASSWORD@ for an ACL user)'],
  [/called without any password configured|no password is set/i, 'has no password set: remove the user name and password from REDIS_URL'],
]

/** The error for a connection that failed: bad credentials are told apart from no server at all. */
const connectError = (url: string, err: unknown): PodpipeError => {
  const reason = redactSecrets(err instanceof Error ? err.message : String(err))
  const advice = CREDENTIAL_PROBLEMS.find(([pattern]) => pattern.test(reason))?.[1]
  // A wrong password stays wrong however often it is retried; an unreachable server may come up.
  return advice
    ? new PodpipeError('CONFIG', `Redis at ${redactSecrets(url)} ${advice} (${reason})`, { input: 'REDIS_URL', cause: err })
    : new PodpipeError('CONFIG', `${howToGetRedis(url)} (${reason})`, { input: 'REDIS_URL', permanent: false, cause: err })
}

/**
 * Opens a connection and waits until it is ready, so the caller gets one clear error instead of
 * an endless reconnect loop when no Redis is running.
 */
export const connectRedis = async (
  url: string,
  role: ConnectionRole,
  { timeoutMs = PRODUCER_CONNECT_TIMEOUT_MS, log }: { timeoutMs?: number; log?: Pick<Logger, 'warn'> } = {},
): Promise<Redis> => {
  const redis = createRedis(url, role)
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      redis.once('ready', () => { clearTimeout(timer); resolve() })
      redis.once('error', (err: Error) => { clearTimeout(timer); reject(err) })
    })
  } catch (err) {
    redis.disconnect()
    throw connectError(url, err)
  }
  // ioredis reconnects by itself; without a listener it would print every failed attempt to stderr.
  let reported = false
  redis.on('error', (err: Error) => {
    if (!reported) log?.warn({ err, redisUrl: redactSecrets(url) }, 'Redis connection lost; reconnecting')
    reported = true
  })
  redis.on('ready', () => { reported = false })
  return redis
}

const MIN_VERSION = [6, 2, 0] as const

const infoField = (info: string, field: string): string | undefined =>
  info.split(/\r?\n/).find((line) => line.startsWith(`${field}:`))?.slice(field.length + 1).trim()

const versionBelow = (version: string, min: readonly number[]): boolean => {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10) || 0)
  for (let i = 0; i < min.length; i++) {
    const have = parts[i] ?? 0
    const want = min[i] ?? 0
    if (have !== want) return have < want
  }
  return false
}

/**
 * Refuses a Redis that would lose or corrupt queue state: any eviction policy but `noeviction`
 * silently drops job keys under memory pressure, and BullMQ's scripts need Redis ≥ 6.2.
 * Reads INFO rather than CONFIG GET, which managed Redis services often disable.
 */
export const preflight = async (redis: Redis, url = 'Redis'): Promise<{ version: string; policy: string }> => {
  let info: string
  try {
    info = await redis.info()
  } catch (err) {
    throw connectError(url, err)
  }
  const version = infoField(info, 'redis_version') ?? '0.0.0'
  const policy = infoField(info, 'maxmemory_policy') ?? 'unknown'
  if (versionBelow(version, MIN_VERSION)) {
    throw new PodpipeError('CONFIG', `Redis ${version} is too old: podpipe needs 6.2 or newer. Upgrade the server (e.g. the redis:7 image)`, { input: redactSecrets(url) })
  }
  if (policy !== 'noeviction') {
    throw new PodpipeError(
      'CONFIG',
      `Redis maxmemory-policy is "${policy}", which can evict queue keys and lose jobs. ` +
        'Set it to noeviction: `redis-cli CONFIG SET maxmemory-policy noeviction` and `maxmemory-policy noeviction` in redis.conf',
      { input: redactSecrets(url) },
    )
  }
  return { version, policy }
}

/**
 * Connects and runs the preflight before anything else uses the connection (BullMQ would only
 * warn about an evicting Redis; podpipe refuses it). The connection is closed if either fails.
 */
export const connectCheckedRedis = async (
  url: string,
  role: ConnectionRole,
  options: { timeoutMs?: number; log?: Pick<Logger, 'warn'> } = {},
): Promise<Redis> => {
  const redis = await connectRedis(url, role, options)
  try {
    await preflight(redis, url)
  } catch (err) {
    redis.disconnect()
    throw err
  }
  return redis
}
