import { execFile } from 'node:child_process'
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { promisify } from 'node:util'
import pg from 'pg'
import { findBinary, postgresBinDirs, spawnGuarded } from '../../src/services/index.js'

const run = promisify(execFile)

export interface TestPostgres {
  port: number
  dir: string
  /** Fast shutdown (SIGINT), then the cluster's directory is removed. */
  stop(): Promise<void>
}

/** initdb and postgres from one installation: on PATH, or Debian's /usr/lib/postgresql/<major>/bin. */
export const findPostgresBinaries = (): { initdb: string; postgres: string } | undefined => {
  const initdb = findBinary('initdb', { extraDirs: postgresBinDirs() })
  if (!initdb) return undefined
  const postgres = findBinary('postgres', { path: dirname(initdb), extraDirs: postgresBinDirs() })
  return postgres ? { initdb, postgres } : undefined
}

/** The postgres system user, which initdb and the server run as when we are root (initdb refuses root). */
const postgresUser = (): { uid: number; gid: number } | undefined => {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'))
  const [, , uid, gid] = line?.split(':') ?? []
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined
}

/**
 * A throwaway PostgreSQL cluster for the test suites: initdb in a temp dir (superuser postgres,
 * trust auth, no fsync), the server on 127.0.0.1:port with its socket in that dir, under the
 * same guard as podpipe's own Redis so it never outlives the test run, and a `test` database.
 * As root it runs as the postgres user, since initdb refuses root. The machine's own clusters
 * (/etc/postgresql) are never touched.
 */
export const startTestPostgres = async (port: number, { database = 'test' }: { database?: string } = {}): Promise<TestPostgres> => {
  const binaries = findPostgresBinaries()
  if (!binaries) throw new Error('PostgreSQL server programs (initdb, postgres) are not installed: `apt-get install postgresql`')
  const asUser = process.getuid?.() === 0 ? postgresUser() : undefined
  if (process.getuid?.() === 0 && !asUser) throw new Error('running as root, and there is no postgres user to run initdb as')
  const dir = mkdtempSync(join(tmpdir(), 'podpipe-pg-'))
  const data = join(dir, 'data')
  mkdirSync(data)
  if (asUser) {
    chownSync(dir, asUser.uid, asUser.gid)
    chownSync(data, asUser.uid, asUser.gid)
  }
  const user = asUser ? { uid: asUser.uid, gid: asUser.gid } : {}
  await run(binaries.initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], { ...user, cwd: dir })
  const server = spawnGuarded(binaries.postgres, [
    '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
    '-c', 'logging_collector=on', '-c', `log_directory=${dir}`, '-c', 'log_filename=postgres.log',
  ], { stopSignal: 'INT', cwd: dir, ...user })
  let exited = false
  void server.exited.then(() => (exited = true))
  const stop = async () => {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + 30_000
  for (;;) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1_000 })
    try {
      await client.connect()
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
      if (rowCount === 0) await client.query(`CREATE DATABASE ${database}`)
      await client.end()
      return { port, dir, stop }
    } catch (err) {
      await client.end().catch(() => {})
      if (exited || Date.now() > deadline) {
        let log = ''
        try {
          log = readFileSync(join(dir, 'postgres.log'), 'utf8').trim().split('\n').slice(-3).join(' | ')
        } catch { /* no log yet */ }
        await stop()
        throw new Error(`PostgreSQL on 127.0.0.1:${port} did not start: ${(err as Error).message} ${log}`)
      }
      await delay(100)
    }
  }
}
