import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { PodpipeError } from '../errors/index.js'
import { spawnGuarded, type GuardedProcess } from './guarded-process.js'

export interface OwnRedis {
  url: string
  port: number
  /** Where its AOF and log live. */
  dir: string
  /** Shuts it down (SIGTERM: Redis flushes its AOF) and waits. */
  stop(): Promise<void>
}

export interface StartRedisOptions {
  binary: string
  port: number
  /** Data directory (AOF, redis.log), created when missing. */
  dir: string
  /** How long to wait for it to answer PING. @defaultValue 15000 */
  readyTimeoutMs?: number
  /** appendfsync policy: 'everysec' loses at most a second of jobs to a power cut; tests pass 'no'. @defaultValue 'everysec' */
  appendfsync?: 'always' | 'everysec' | 'no'
}

/** The last lines of the server's log, to say why it did not start. */
const logTail = (file: string): string => {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ')
  } catch {
    return '(no log)'
  }
}

const answersPing = async (port: number): Promise<boolean> => {
  const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 })
  // Refused connections are expected while the server starts; connect() rejects with them anyway.
  probe.on('error', () => {})
  try {
    await probe.connect()
    return (await probe.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    probe.disconnect()
  }
}

/**
 * A redis-server of this process's own, on 127.0.0.1 only, with AOF on (queue state and what has
 * been processed survive a restart), no RDB snapshots, and noeviction (podpipe refuses any other
 * policy). It runs under a guard (guarded-process.ts) so it stops with this process even when
 * this process is killed. Resolves once it answers PING; a server that exits first (the port
 * taken meanwhile, a bad data dir) rejects with the end of its log.
 *
 * @example
 * const redis = await startOwnRedis({ binary: '/usr/bin/redis-server', port: 6379, dir: 'data/redis' })
 * // … REDIS_URL = redis.url …
 * await redis.stop()
 */
export const startOwnRedis = async ({ binary, port, dir, readyTimeoutMs = 15_000, appendfsync = 'everysec' }: StartRedisOptions): Promise<OwnRedis> => {
  mkdirSync(dir, { recursive: true })
  const logfile = join(dir, 'redis.log')
  const server: GuardedProcess = spawnGuarded(binary, [
    '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--daemonize', 'no',
    '--dir', dir, '--logfile', logfile,
    '--appendonly', 'yes', '--appendfsync', appendfsync, '--save', '',
    '--maxmemory-policy', 'noeviction',
  ], { stopSignal: 'TERM' })
  let exitCode: number | null | undefined
  void server.exited.then((code) => (exitCode = code))
  const deadline = Date.now() + readyTimeoutMs
  for (;;) {
    if (await answersPing(port)) break
    if (exitCode !== undefined) {
      throw new PodpipeError('CONFIG', `redis-server on 127.0.0.1:${port} exited at start (code ${exitCode}): ${logTail(logfile)}`, { permanent: false })
    }
    if (Date.now() > deadline) {
      await server.stop()
      throw new PodpipeError('CONFIG', `redis-server on 127.0.0.1:${port} did not answer within ${readyTimeoutMs} ms: ${logTail(logfile)}`, { permanent: false })
    }
    await delay(50)
  }
  return { url: `redis://127.0.0.1:${port}`, port, dir, stop: () => server.stop() }
}
