import type { ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce } from '../pipelines/runtime.js'
import { EpisodeRecord } from '../src/record/index.js'
import { recordContentHash, type ChangeLogEntry } from '../src/store/index.js'
import { FAST, SMALL_VTT, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'
import { spawnWorker } from './helpers/spawn-worker.js'

const config = testConfig()
const children: ChildProcess[] = []
let server: Awaited<ReturnType<typeof serve>>
let holding: (() => void) | undefined
const held = new Promise<void>((resolve) => { holding = resolve })

const startWorker = () => spawnWorker(children, config, FAST)

beforeAll(async () => {
  let first = true
  server = await serve({
    '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(
      ['a', 'b', 'c'].map((g) => ({ guid: `crash-${g}`, title: g, transcript: { url: `${server.url}/${g}.vtt`, type: 'text/vtt' } })),
    )),
    ...Object.fromEntries(['a', 'b', 'c'].map((g) => [`/${g}.vtt`, (_req: unknown, res: import('node:http').ServerResponse) => {
      // The first transcript request never gets an answer: its worker is killed while waiting.
      if (first) { first = false; holding?.(); return }
      res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT)
    }])),
  })
})

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  await server.close()
  await obliterate(config)
})

describe('a worker process killed with SIGKILL mid-job', () => {
  it('has its job picked up by another worker, and every episode ends with exactly one record', async () => {
    const doomed = await startWorker()
    const ingest = ingestOnce(config, `${server.url}/feed.xml`, () => {}, { tuning: FAST, startWorkers: false })
    await held
    doomed.kill('SIGKILL')
    await new Promise((r) => doomed.once('exit', r))
    await startWorker()
    const result = await ingest
    expect(result).toMatchObject({ found: 3, published: 3, failed: 0 })
    const files = await waitFor(() => {
      const f = readdirSync(config.dataDir, { recursive: true }).map(String).filter((p) => p.endsWith('.json'))
      return f.length >= 3 ? f : undefined
    }, { what: 'three record files' })
    expect(files).toHaveLength(3)
    // The log agrees with the files: one line per record, with the stored content's hash.
    const log = readFileSync(join(config.dataDir, 'changes.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ChangeLogEntry)
    const stored = files.map((f) => EpisodeRecord.parse(JSON.parse(readFileSync(join(config.dataDir, f), 'utf8'))))
    expect(Object.fromEntries(log.map((e) => [e.id, e.hash]))).toEqual(Object.fromEntries(stored.map((r) => [r.id, recordContentHash(r)])))
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3])
    // The killed job ran again from the start: its transcript was requested again. (Other jobs
    // the dead worker had in flight may have been re-run too; at-least-once, stores idempotent.)
    const hits = ['a', 'b', 'c'].map((g) => server.hits.get(`/${g}.vtt`) ?? 0)
    expect(Math.min(...hits)).toBeGreaterThanOrEqual(1)
    expect(Math.max(...hits)).toBeGreaterThanOrEqual(2)
  }, 60_000)
})
