/**
 * `podpipe export` and `podpipe claims` as a user runs them, on PostgreSQL (DATABASE_URL), on the
 * embedded PGlite, and through the HTTP API of a process that holds the PGlite directory.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLAIM_COLUMNS } from '../src/cli/export.js'
import { loadConfig } from '../src/config/index.js'
import { openQueryDb, type ClaimHit, type OpenQueryDb } from '../src/query/index.js'
import type { EpisodeRecord } from '../src/record/index.js'
import { queryApi } from '../src/server/query-api.js'
import { createFileStore, createPostgresStore, type RecordStore } from '../src/store/index.js'
import { runPodpipe, type CliRun } from './helpers/cli.js'
import { withAdmin } from './helpers/pg-proxy.js'
import { REPO } from './helpers/pipeline-env.js'
import { seedRecords } from './helpers/seed-records.js'

let records: EpisodeRecord[]
beforeAll(() => {
  records = seedRecords()
})

const lines = (run: CliRun): EpisodeRecord[] => run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as EpisodeRecord)
/** stderr of a successful export is the cursor alone, so `2>cursor` then `--since $(cat cursor)` works. */
const cursorOf = (run: CliRun): string => {
  expect(run.code, run.stderr).toBe(0)
  expect(run.stderr).toMatch(/^\d+\n$/)
  return run.stderr.trim()
}
const titled = (r: EpisodeRecord, title: string): EpisodeRecord => ({ ...r, episode: { ...r.episode, title } })

/**
 * The same assertions on each way of reading. `put` publishes as the pipeline would; `podpipe`
 * runs the CLI against that deployment.
 */
const exportSuite = (ctx: { put: (r: EpisodeRecord) => Promise<unknown>; podpipe: (args: string[]) => Promise<CliRun> }) => {
  it('exports every record once as NDJSON, and resumes from the printed cursor with exactly the rest', async () => {
    const all = await ctx.podpipe(['export'])
    expect(lines(all)).toEqual(records)
    const end = cursorOf(all)
    const first = await ctx.podpipe(['export', '--limit', '1'])
    expect(lines(first).map((r) => r.id)).toEqual([records[0]!.id])
    const rest = await ctx.podpipe(['export', '--since', cursorOf(first)])
    expect(lines(rest).map((r) => r.id)).toEqual(records.slice(1).map((r) => r.id))
    expect(cursorOf(rest)).toBe(end)
    expect(lines(await ctx.podpipe(['export', '--since', end]))).toEqual([])
  })

  it('exports the claims as CSV that parses back to one row per claim with the documented columns', async () => {
    const run = await ctx.podpipe(['export', '--format', 'csv'])
    cursorOf(run)
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0]!)).toEqual([...CLAIM_COLUMNS])
    const claims = records.flatMap((r) => r.claims.map((c) => ({ r, c })))
    expect(rows).toHaveLength(claims.length)
    rows.forEach((row, i) => {
      const { r, c } = claims[i]!
      expect(row).toMatchObject({
        episode_id: r.id, claim_id: c.id, turn: String(c.turn), speaker_id: c.speakerId, kind: c.kind, hedged: String(c.hedged),
        checkworthiness: c.checkworthiness === undefined ? '' : String(c.checkworthiness), checkworthy: c.checkworthy === undefined ? '' : String(c.checkworthy),
        start: String(c.start), end: String(c.end), text: c.text, topics: c.topics.join(';'),
      })
      expect(r.turns[c.turn]!.text.slice(c.start, c.end)).toBe(row.text)
    })
    // Quoting is exercised: claim texts hold commas and quotes.
    expect(rows.some((row) => row.text!.includes(',')) && rows.some((row) => /["“]/.test(row.text!))).toBe(true)
  })

  it("prints a speaker's claims of one kind, as the API filters them", async () => {
    const expected = records.flatMap((r) => r.claims.filter((c) => c.speakerId === 'mcguire' && c.kind === 'prescriptive'))
    expect(expected.length).toBeGreaterThan(3)
    const json = await ctx.podpipe(['claims', '--speaker', 'mcguire', '--kind', 'prescriptive', '--format', 'json', '--limit', '1000'])
    expect(json.code, json.stderr).toBe(0)
    const hits = JSON.parse(json.stdout) as ClaimHit[]
    expect(hits.map((h) => h.id).sort()).toEqual(expected.map((c) => c.id).sort())
    for (const h of hits) expect([h.speakerId, h.kind]).toEqual(['mcguire', 'prescriptive'])
    const table = await ctx.podpipe(['claims', '--speaker', 'mcguire', '--kind', 'prescriptive', '--limit', '3'])
    expect(table.code, table.stderr).toBe(0)
    const rows = table.stdout.trimEnd().split('\n')
    expect(rows[0]).toMatch(/^SPEAKER\s+KIND\s+SCORE\s+EPISODE\s+TEXT$/)
    expect(rows.slice(1)).toHaveLength(3)
    for (const row of rows.slice(1)) {
      expect(row).toMatch(/^Chris McGuire\s+prescriptive/)
      // COLUMNS=80 (set by podpipe below): the claim text is cut to fit.
      expect(Array.from(row).length).toBeLessThanOrEqual(80)
    }
    expect(table.stderr).toMatch(/^3 claim\(s\), more with a higher --limit than 3;/)
  })
}

describe('on PostgreSQL (DATABASE_URL)', () => {
  const name = `pptest_${randomBytes(5).toString('hex')}`
  const url = `postgres://postgres@127.0.0.1:5432/${name}`
  const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-export-'))
  let store: RecordStore
  beforeAll(async () => {
    // The CLI reads the default schema, so the suite has a database of its own.
    await withAdmin((db) => db.query(`CREATE DATABASE ${name}`))
    store = await createPostgresStore({ connectionString: url })
    for (const r of records) await store.put(r)
  }, 60_000)
  afterAll(async () => {
    await store?.close()
    await withAdmin((db) => db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    rmSync(dataDir, { recursive: true, force: true })
  })
  const podpipe = (args: string[]) => runPodpipe(args, { env: { DATABASE_URL: url, PODPIPE_STORES: 'postgres', PODPIPE_DATA_DIR: dataDir, COLUMNS: '80' } })

  exportSuite({ put: (r) => store.put(r), podpipe })

  it('lists a record changed since at its new place, once, and a resumed export finds only the change', async () => {
    const before = cursorOf(await podpipe(['export']))
    await store.put(titled(records[1]!, 'Renamed'))
    const all = await podpipe(['export'])
    expect(lines(all).map((r) => r.episode.title)).toEqual([records[0], records[2], records[3]].map((r) => r!.episode.title).concat('Renamed'))
    const since = await podpipe(['export', '--since', before])
    expect(lines(since).map((r) => r.episode.title)).toEqual(['Renamed'])
    expect(cursorOf(since)).toBe(cursorOf(all))
    await store.put(records[1]!)
  })

  it.each([
    [['export', '--format', 'xml'], /--format/],
    [['export', '--since', 'yesterday'], /^podpipe: --since: expected the cursor an earlier export printed/],
    [['export', '--limit', '0'], /^podpipe: --limit: expected a whole number/],
    [['claims', '--kind', 'opinion'], /^podpipe: --kind: /],
    [['claims', '--speaker', 'Chris McGuire'], /^podpipe: --speaker: expected an id/],
    [['claims', '--since', 'last week'], /^podpipe: --since: /],
  ])('refuses %j with one line naming the flag', async (args, message) => {
    const run = await podpipe(args)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n')[0]).toMatch(message)
  })

  it('exits quietly when the reader closes the pipe early', async () => {
    const result = await new Promise<{ status: string; stderr: string }>((resolve) => {
      const child = spawn('bash', ['-c', `${process.execPath} --import tsx src/cli.ts export | head -c 1000 > /dev/null; echo "\${PIPESTATUS[0]}"`], {
        cwd: REPO, env: { ...process.env, DATABASE_URL: url, PODPIPE_STORES: 'postgres', PODPIPE_DATA_DIR: dataDir },
      })
      let status = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (c: string) => (status += c))
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
      child.on('exit', () => resolve({ status: status.trim(), stderr }))
    })
    expect(result).toEqual({ status: '0', stderr: '' })
  })
})

describe('on the embedded PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-export-'))
  const env = { PODPIPE_STORES: 'file', PODPIPE_DATA_DIR: dataDir, COLUMNS: '80', DATABASE_URL: '' }
  const files = createFileStore({ dir: dataDir })
  beforeAll(async () => {
    // What workers write; the CLI's PGlite reads the file store's change log before answering.
    for (const r of records) await files.put(r)
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  describe('opened by the command itself', () => {
    // The first open of a PGlite directory runs initdb: seconds on an idle machine, more on a busy one.
    exportSuite({ put: (r) => files.put(r), podpipe: (args) => runPodpipe(args, { env, killAfterMs: 180_000 }) })
  }, 600_000)

  describe('held by a running server, so read through its HTTP API', () => {
    let db: OpenQueryDb
    let server: ServerType
    let port = 0
    beforeAll(async () => {
      // The server's part: it owns the directory (lock file with this pid) and answers /api.
      db = (await openQueryDb(loadConfig(env)))!
      await db.catchUp()
      server = serve({ fetch: queryApi({ stores: [files], queries: db }).fetch, hostname: '127.0.0.1', port: 0 })
      await new Promise((resolve) => server.once('listening', resolve))
      port = (server.address() as AddressInfo).port
    }, 120_000)
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve))
      await db?.close()
    })
    const podpipe = (args: string[]) => runPodpipe(args, { env: { ...env, PODPIPE_PORT: String(port) } })

    exportSuite({ put: (r) => files.put(r), podpipe })

    it('says which server it could not reach, and why it asked that one', async () => {
      // A port nothing listens on: one just freed.
      const closed = serve({ fetch: () => new Response(), hostname: '127.0.0.1', port: 0 })
      await new Promise((resolve) => closed.once('listening', resolve))
      const free = (closed.address() as AddressInfo).port
      await new Promise((resolve) => closed.close(resolve))
      const run = await runPodpipe(['claims'], { env: { ...env, PODPIPE_PORT: String(free) } })
      expect(run.code).toBe(2)
      expect(run.stderr).toBe(`podpipe: process ${process.pid} holds the embedded database under ${dataDir}, so this reads through its server, ` +
        `but cannot reach the podpipe server at http://127.0.0.1:${free} (ECONNREFUSED); start it (podpipe serve), or pass --api with its address\n`)
    })
  })
})
