import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { findBinary, probePort, startOwnRedis } from '../../src/services/index.js'
import { findPostgresBinaries, startTestPostgres } from './postgres-server.js'

export interface ServicePorts {
  /** Where the suites look for Redis. @defaultValue 6379 */
  redisPort?: number
  /** Where the suites look for PostgreSQL (database `test`, user postgres, no password). @defaultValue 5432 */
  pgPort?: number
  say?: (line: string) => void
}

/** One line when servers are missing and cannot be started: what to install. */
export const HOW_TO_GET_SERVICES = '`apt-get install redis-server postgresql` (Debian/Ubuntu), or start them yourself; the unit tests run without them'

/**
 * What `npm test` needs before its suites run: a Redis and a PostgreSQL (with a `test` database)
 * on the ports the suites use. A server that answers there is used as it is (only the `test`
 * database is created when missing, as .ci/run does); a silent port gets a server of this run's
 * own, in a temp dir, stopped by the returned teardown (and, through its guard, when the run is
 * killed). Servers that are not installed are named in one line, and the run goes on.
 */
export const startTestServices = async ({ redisPort = 6379, pgPort = 5432, say = () => {} }: ServicePorts = {}): Promise<() => Promise<void>> => {
  const stops: (() => Promise<void>)[] = []
  const missing: string[] = []
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {})
  }
  try {
    if ((await probePort('127.0.0.1', redisPort)) === 'closed') {
      const binary = findBinary('redis-server')
      if (!binary) missing.push(`Redis on 127.0.0.1:${redisPort}`)
      else {
        const dir = mkdtempSync(join(tmpdir(), 'podpipe-test-redis-'))
        const redis = await startOwnRedis({ binary, port: redisPort, dir, appendfsync: 'no' })
        stops.push(async () => {
          await redis.stop()
          rmSync(dir, { recursive: true, force: true })
        })
        say(`started redis-server on 127.0.0.1:${redisPort} for this run (${dir})`)
      }
    }
    if ((await probePort('127.0.0.1', pgPort)) === 'closed') {
      if (!findPostgresBinaries()) missing.push(`PostgreSQL on 127.0.0.1:${pgPort}`)
      else {
        const postgres = await startTestPostgres(pgPort)
        stops.push(postgres.stop)
        say(`started PostgreSQL on 127.0.0.1:${pgPort} for this run (${postgres.dir})`)
      }
    } else {
      await ensureTestDatabase(pgPort, say)
    }
  } catch (err) {
    await teardown()
    throw err
  }
  if (missing.length > 0) say(`no ${missing.join(' and no ')}, and not installed: ${HOW_TO_GET_SERVICES}`)
  return teardown
}

/** The suites' database on a server that was already running, created when missing. */
const ensureTestDatabase = async (port: number, say: (line: string) => void): Promise<void> => {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 5_000 })
  try {
    await client.connect()
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = 'test'")
    if (rowCount === 0) await client.query('CREATE DATABASE test')
  } catch (err) {
    say(`PostgreSQL on 127.0.0.1:${port} answers, but the suites cannot use it as postgres without a password: ${(err as Error).message}`)
  } finally {
    await client.end().catch(() => {})
  }
}
