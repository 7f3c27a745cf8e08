/**
 * `npm run bench -- query`: the query API on PGlite and on PostgreSQL, side by side, with
 * PODPIPE_BENCH_RECORDS (10,000) seed-size records loaded. The first PODPIPE_BENCH_PUTS (200)
 * go through the store's put (the write rate a publisher sees); the rest are copies of those made
 * in SQL (new ids, dates an hour apart; the JSONB record is copied as is, so the whole-record and
 * turns endpoints are asked for the records that were put), which loads in minutes instead of an
 * hour. Each endpoint is then requested through the Hono app (validation, SQL, JSON) with varied
 * parameters.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { randomBytes } from 'node:crypto'
import { queryApi } from '../src/server/query-api.js'
import { createPgliteStore, createPostgresStore, type SqlRecordStore } from '../src/store/index.js'
import { SPEAKER_POOL, SYNTHETIC_FEEDS, syntheticFeed, syntheticRecord } from './synthetic-records.js'

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const RUNS = 40

export interface EngineResult {
  engine: string
  openMs: number
  reopenMs?: number
  putsPerSec: number
  loadMs: number
  rssMb: number
  endpoints: Map<string, { median: number; p95: number }>
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!

/** Copies the `sources` episodes (and every child row) `copies` times, in SQL, one transaction per copy. */
const cloneRecords = async (store: SqlRecordStore, sources: number, copies: number) => {
  const s = store.schema
  const newId = (col: string) => `'ep-' || substr(md5(${col} || ':' || $1::text), 1, 24)`
  for (let n = 1; n <= copies; n++) {
    await store.sql.transaction({ messages: { connect: 'clone', run: 'clone' }, input: 'bench' }, async (tx) => {
      await tx.query(`INSERT INTO ${s}.episodes (id, feed_url, guid, title, published_at, schema_version, pipeline_version, content_hash, record, turn_count, claim_count)
        SELECT ${newId('e.id')}, e.feed_url, e.guid || '-c' || $1::text, e.title || ' copy ' || $1::text,
          e.published_at - make_interval(hours => $1::int * ${sources}), e.schema_version, e.pipeline_version, e.content_hash, e.record,
          e.turn_count, e.claim_count
        FROM ${s}.episodes e WHERE e.guid LIKE 'synthetic-%' AND e.guid NOT LIKE '%-c%'`, [n])
      const src = `FROM ${s}.%T x JOIN ${s}.episodes e ON e.id = x.episode_id WHERE e.guid NOT LIKE '%-c%'`
      const copy = (table: string, columns: string, extra: { column: string; value: string } = { column: '', value: '' }) =>
        tx.query(`INSERT INTO ${s}.${table} (episode_id${extra.column}, ${columns})
          SELECT ${newId('x.episode_id')}${extra.value}, ${columns.split(', ').map((c) => `x.${c}`).join(', ')} ${src.replace('%T', table)}`, [n])
      await copy('speakers', 'speaker_id, name, role, turn_count, word_count, claim_count')
      await copy('turns', 'idx, speaker_id, text, start_s, end_s, word_count')
      await copy('sections', 'idx, kind, language, text')
      await copy('entities', 'entity_id, name, type, aliases, wikidata_id')
      await copy('entity_mentions', 'entity_id, turn, start_offset, end_offset, text')
      // The claim's copy of its episode's date key moves with the episode's date.
      await copy('claims', 'claim_id, turn, speaker_id, kind, hedged, topics, text, start_offset, end_offset, confidence, quantities, entity_ids, checkworthiness, checkworthy',
        { column: ', published_key', value: `, x.published_key - make_interval(hours => $1::int * ${sources})` })
      await tx.query(`INSERT INTO ${s}.changes (episode_id, hash, change) SELECT ${newId('e.id')}, e.content_hash, 'created'
        FROM ${s}.episodes e WHERE e.guid NOT LIKE '%-c%' ORDER BY e.id`, [n])
    })
  }
  // Statistics and visibility maps, as autovacuum would keep them on a live database.
  await store.sql.query(`VACUUM ANALYZE`)
}

/** The requests of each endpoint; `i` varies the parameters so the runs do not all hit one cache line. */
const requests = (ids: string[], changes: number): [string, (i: number) => string][] => [
  ['GET /api/episodes', () => '/api/episodes?limit=50'],
  ['GET /api/episodes?feed', (i) => `/api/episodes?feed=${encodeURIComponent(syntheticFeed(i % SYNTHETIC_FEEDS))}&limit=50`],
  ['GET /api/episodes?speaker', (i) => `/api/episodes?speaker=speaker-${(i * 37) % SPEAKER_POOL}&limit=50`],
  ['GET /api/episodes?entity&since', (i) => `/api/episodes?entity=mofcom-${i % 100}&since=2025-06-01&limit=50`],
  ['GET /api/episodes (page 5 by cursor)', () => '/api/episodes?limit=50&cursor=CURSOR'],
  ['GET /api/episodes/:id', (i) => `/api/episodes/${ids[(i * 13) % ids.length]}`],
  ['GET /api/episodes/:id/turns?speaker', (i) => `/api/episodes/${ids[(i * 13) % ids.length]}/turns?speaker=speaker-${(((i * 13) % ids.length) * 7) % SPEAKER_POOL}`],
  ['GET /api/changes', (i) => `/api/changes?after=${(i * 997) % changes}&limit=200`],
  ['GET /api/claims', () => '/api/claims?limit=50'],
  ['GET /api/claims?speaker', (i) => `/api/claims?speaker=speaker-${(i * 37) % SPEAKER_POOL}&limit=50`],
  ['GET /api/claims?entity&kind', (i) => `/api/claims?entity=mofcom-${i % 100}&kind=factual&limit=50`],
  ['GET /api/claims?q', (i) => `/api/claims?q=${encodeURIComponent(['export controls', 'rare earth', 'semiconductor', '"supply chain"'][i % 4]!)}&limit=50`],
  ['GET /api/claims?order=checkworthiness', (i) => `/api/claims?order=checkworthiness&checkworthy=true&hedged=${i % 2 === 0}&limit=50`],
  ['GET /api/entities/:id (in 1%)', (i) => `/api/entities/mofcom-${i % 100}?limit=50`],
  ['GET /api/entities/china (in all)', () => '/api/entities/china?limit=50'],
  ['GET /api/speakers/:id', (i) => `/api/speakers/speaker-${(i * 37) % SPEAKER_POOL}?limit=50`],
]

const benchEngine = async (engine: 'pglite' | 'postgres', total: number, puts: number): Promise<EngineResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'podpipe-bench-query-'))
  const schema = `podpipe_bench_${randomBytes(4).toString('hex')}`
  const open = () => (engine === 'pglite' ? createPgliteStore({ dir: join(dir, 'pglite') }) : createPostgresStore({ connectionString: DATABASE_URL, schema, statementTimeoutMs: 600_000 }))
  let started = performance.now()
  let store = await open()
  const openMs = performance.now() - started
  try {
    const records = Array.from({ length: puts }, (_, i) => syntheticRecord(i))
    started = performance.now()
    for (const r of records) await store.put(r)
    const putsPerSec = puts / ((performance.now() - started) / 1000)
    started = performance.now()
    await cloneRecords(store, puts, Math.ceil(total / puts) - 1)
    const loadMs = performance.now() - started
    let reopenMs: number | undefined
    if (engine === 'pglite') {
      await store.close()
      started = performance.now()
      store = await open()
      reopenMs = performance.now() - started
    }
    const ids = records.map((r) => r.id)
    const changes = Number((await store.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${store.schema}.changes`)).rows[0]!.n)
    const app = queryApi({ stores: [store], queries: store })
    let cursor = ''
    for (let i = 0, next: string | null = null; i < 4; i++) {
      const page = (await (await app.request(`/api/episodes?limit=50${next ? `&cursor=${next}` : ''}`)).json()) as { nextCursor: string | null }
      next = page.nextCursor
      cursor = next ?? cursor
    }
    const endpoints = new Map<string, { median: number; p95: number }>()
    for (const [name, path] of requests(ids, changes)) {
      const times: number[] = []
      for (let i = -3; i < RUNS; i++) {
        const url = path(Math.abs(i)).replace('CURSOR', cursor)
        const t = performance.now()
        const res = await app.request(url)
        await res.arrayBuffer()
        if (res.status !== 200 && res.status !== 404) throw new Error(`${engine} ${url}: HTTP ${res.status}`)
        if (i >= 0) times.push(performance.now() - t)
      }
      times.sort((a, b) => a - b)
      endpoints.set(name, { median: quantile(times, 0.5), p95: quantile(times, 0.95) })
    }
    return { engine, openMs, ...(reopenMs === undefined ? {} : { reopenMs }), putsPerSec, loadMs, rssMb: process.memoryUsage().rss / 1e6, endpoints }
  } finally {
    if (engine === 'postgres') await store.sql.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined)
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export const benchQuery = async (total = 10_000, puts = 200): Promise<EngineResult[]> => {
  // PostgreSQL first: PGlite's WebAssembly heap stays allocated once grown and would be counted in its RSS.
  const postgres = await benchEngine('postgres', total, puts)
  const pglite = await benchEngine('pglite', total, puts)
  return [pglite, postgres]
}

export const printQuery = (results: EngineResult[], total: number, puts: number): void => {
  const [lite, pg] = results as [EngineResult, EngineResult]
  const f = (n: number) => n.toFixed(1).padStart(8)
  console.log(`\nQuery API with ${total.toLocaleString('en-US')} seed-size records (${puts} put through the store, the rest copied in SQL); ${RUNS} requests each, ms`)
  console.log(`  ${'endpoint'.padEnd(40)} ${'PGlite median'.padStart(13)} ${'p95'.padStart(8)}  ${'PostgreSQL median'.padStart(17)} ${'p95'.padStart(8)}  p95 ratio`)
  for (const [name, l] of lite.endpoints) {
    const p = pg.endpoints.get(name)!
    console.log(`  ${name.padEnd(40)} ${f(l.median).padStart(13)} ${f(l.p95)}  ${f(p.median).padStart(17)} ${f(p.p95)}  ${(l.p95 / p.p95).toFixed(2)}×`)
  }
  for (const r of results) {
    console.log(`  ${r.engine}: open ${r.openMs.toFixed(0)} ms${r.reopenMs === undefined ? '' : ` (fresh directory; reopen with ${total} records ${r.reopenMs.toFixed(0)} ms)`}, ` +
      `put ${r.putsPerSec.toFixed(1)} records/s, SQL copy to ${total} ${(r.loadMs / 1000).toFixed(0)} s, process RSS after ${r.rssMb.toFixed(0)} MB`)
  }
}
