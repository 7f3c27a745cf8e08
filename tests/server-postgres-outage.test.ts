// `podpipe serve` and `podpipe start` as real processes while PostgreSQL is down: it must start, say on /readyz
// which dependency is down and why (without the password of DATABASE_URL), migrate once the
// database answers, and follow the database down and up again without a restart.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../src/store/index.js'
import { startPgProxy, withAdmin } from './helpers/pg-proxy.js'
import { REPO, obliterate, uniquePrefix } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'
import { sparePort } from './helpers/redis-server.js'
import { entryArgs } from './helpers/entry.js'

// Trust auth never asks for it, so the server runs; it must still never be shown.
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`
const cleanup: (() => Promise<unknown>)[] = []

afterAll(async () => {
  for (const step of cleanup.reverse()) await step()
})

interface Readyz {
  status: number
  body: { status: string; failed?: string[]; checks: Record<string, { ok: boolean; error?: string }> }
  text: string
}

describe('the HTTP server with PostgreSQL down', () => {
  // `start` runs the same server beside the scheduler (on an empty feed list) and every worker.
  it.each(['serve', 'start'])('podpipe %s starts, reports the database on /readyz, migrates when it answers, and follows it down and up', async (command) => {
    const database = `pptest_${randomBytes(5).toString('hex')}`
    const prefix = uniquePrefix()
    const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-serve-'))
    writeFileSync(join(dataDir, 'feeds.json'), '[]')
    await withAdmin((db) => db.query(`CREATE DATABASE ${database}`))
    cleanup.push(() => withAdmin((db) => db.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)))
    cleanup.push(() => obliterate({ redisUrl: 'redis://127.0.0.1:6379', queuePrefix: prefix }))
    const proxy = await startPgProxy({ listen: false })
    cleanup.push(() => proxy.close())
    const port = await sparePort()
    const output: string[] = []
    const child: ChildProcess = spawn(process.execPath, [...entryArgs('src/cli.ts'), command], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        REDIS_URL: 'redis://127.0.0.1:6379',
        PODPIPE_QUEUE_PREFIX: prefix,
        PODPIPE_DATA_DIR: dataDir,
        PODPIPE_FEEDS: join(dataDir, 'feeds.json'),
        DATABASE_URL: `postgres://postgres:${PASSWORD}@127.0.0.1:${proxy.port}/${database}`,
        PODPIPE_PORT: String(port),
        LOG_LEVEL: 'info',
      },
    })
    cleanup.push(async () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL') })
    for (const s of [child.stdout, child.stderr]) s?.setEncoding('utf8').on('data', (c: string) => output.push(c))
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
    const url = `http://127.0.0.1:${port}`
    const readyz = async (): Promise<Readyz> => {
      const res = await fetch(`${url}/readyz`)
      const text = await res.text()
      return { status: res.status, body: JSON.parse(text) as Readyz['body'], text }
    }
    const alive = <T>(work: Promise<T>) =>
      Promise.race([work, exited.then(({ code, signal }) => { throw new Error(`podpipe ${command} exited with ${code ?? signal}:\n${output.join('')}`) })])

    await alive(waitFor(() => fetch(`${url}/healthz`).then((r) => (r.ok ? true : undefined), () => undefined), { timeoutMs: 60_000, what: 'the server to listen' }))
    const down = await readyz()
    expect(down.status).toBe(503)
    // The query API's own pool on the same database is down with it.
    expect(down.body.failed).toEqual(['store:postgres', 'query:postgres'])
    expect(down.body.checks.redis).toEqual({ ok: true })
    expect(down.body.checks['store:file']).toEqual({ ok: true })
    expect(down.body.checks['store:postgres']?.error).toMatch(new RegExp(`postgres store: database is unreachable: connect ECONNREFUSED 127.0.0.1:${proxy.port}$`))
    expect(down.text).not.toContain(PASSWORD)

    await proxy.open()
    await alive(expect.poll(async () => (await readyz()).status, { timeout: 30_000, interval: 250 }).toBe(200))
    const db = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database })
    await db.connect()
    const migrated = (await db.query<{ version: number }>('SELECT version FROM podpipe.schema_migrations ORDER BY 1')).rows.map((r) => r.version)
    await db.end()
    expect(migrated).toEqual(MIGRATIONS.map((m) => m.version))

    await proxy.close()
    await alive(expect.poll(async () => (await readyz()).body.failed, { timeout: 30_000, interval: 250 }).toEqual(['store:postgres', 'query:postgres']))
    await proxy.open()
    await alive(expect.poll(async () => (await readyz()).status, { timeout: 30_000, interval: 250 }).toBe(200))

    child.kill('SIGTERM')
    // The output says why when it ends any other way (a signal, a crash on the way out).
    expect(await exited, output.join('')).toEqual({ code: 0, signal: null })
    const all = output.join('')
    expect(all).toContain('not ready at start-up')
    expect(all).not.toContain(PASSWORD)
  }, 180_000)
})
