/**
 * The query API over HTTP as a consumer uses it, on PostgreSQL and on PGlite: records built from
 * the seed fixtures, every route, the 400s that name the bad parameter, and the OpenAPI document
 * validated as OpenAPI 3.1.
 */
import { randomBytes } from 'node:crypto'
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChangePage, ClaimPage, EntityView, EpisodePage, SpeakerView, TurnList } from '../src/query/index.js'
import type { EpisodeRecord } from '../src/record/index.js'
import { queryApi } from '../src/server/index.js'
import { createPgliteStore, createPostgresStore, type SqlRecordStore } from '../src/store/index.js'
import { seedRecords } from './helpers/seed-records.js'

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const ENGINES = {
  postgres: () => createPostgresStore({ connectionString: DATABASE_URL, schema: `podpipe_test_${randomBytes(6).toString('hex')}` }),
  pglite: () => createPgliteStore({ dir: undefined }),
} as const

let records: EpisodeRecord[]
beforeAll(() => {
  records = seedRecords().slice(0, 2)
})

describe.each(Object.keys(ENGINES) as (keyof typeof ENGINES)[])('query API on %s', (engine) => {
  let store: SqlRecordStore
  let app: ReturnType<typeof queryApi>
  const get = async <T>(path: string, status = 200): Promise<T> => {
    const res = await app.request(path)
    const body = (await res.json()) as T
    expect(res.status, JSON.stringify(body)).toBe(status)
    return body
  }
  beforeAll(async () => {
    store = await ENGINES[engine]()
    for (const r of records) await store.put(r)
    app = queryApi({ stores: [store], queries: store })
  }, 60_000)
  afterAll(async () => {
    if (engine === 'postgres') await store.sql.query(`DROP SCHEMA ${store.schema} CASCADE`)
    await store.close()
  })

  it('answers every route with what the records hold', async () => {
    const [newest] = records
    const episodes = await get<EpisodePage>('/api/episodes?limit=1')
    expect(episodes.items.map((e) => e.id)).toEqual([newest!.id])
    expect((await get<EpisodePage>(`/api/episodes?cursor=${episodes.nextCursor}`)).items.map((e) => e.id)).toEqual([records[1]!.id])
    expect(await get<EpisodeRecord>(`/api/episodes/${newest!.id}`)).toEqual(newest)
    const turns = await get<TurnList>(`/api/episodes/${newest!.id}/turns?speaker=schneider`)
    expect(turns.turns.length).toBeGreaterThan(0)
    expect(turns.turns.every((t) => t.speakerId === 'schneider')).toBe(true)
    const changes = await get<ChangePage>('/api/changes?after=0&limit=200')
    expect(changes.items.map((c) => c.id)).toEqual(records.map((r) => r.id))
    expect((await get<ChangePage>(`/api/changes?after=${changes.nextCursor}`)).items).toEqual([])
    const entity = await get<EntityView>('/api/entities/china?limit=5')
    expect(entity.episodes.length).toBe(2)
    const speaker = await get<SpeakerView>('/api/speakers/mcguire')
    expect(speaker.name).toBe('Chris McGuire')
  })

  it("returns only the speaker's claims, each linking back into its turn", async () => {
    const page = await get<ClaimPage>('/api/claims?speaker=miller&kind=prescriptive&limit=200')
    expect(page.items.length).toBeGreaterThan(0)
    for (const hit of page.items) {
      expect([hit.speakerId, hit.kind]).toEqual(['miller', 'prescriptive'])
      const { turns } = await get<TurnList>(`/api/episodes/${hit.episode.id}/turns`)
      expect(turns[hit.turn]!.text.slice(hit.start, hit.end)).toBe(hit.text)
    }
    const searched = await get<ClaimPage>(`/api/claims?q=${encodeURIComponent('"rare earth"')}&hedged=false&order=checkworthiness&limit=5`)
    expect(searched.items.length).toBeGreaterThan(0)
    for (const hit of searched.items) expect(hit.hedged).toBe(false)
  })

  it.each([
    ['/api/episodes?limit=201', 'limit'],
    ['/api/episodes?limit=0', 'limit'],
    ['/api/episodes?since=last-tuesday', 'since'],
    ['/api/episodes?feed=not%20a%20url', 'feed'],
    ['/api/episodes?speaker=Robert%27);DROP', 'speaker'],
    ['/api/episodes?cursor=bm90IGEgY3Vyc29y', 'cursor'],
    ['/api/episodes/ep-123/turns', 'id'],
    ['/api/episodes/..%2Fetc%2Fpasswd', 'id'],
    ['/api/changes?after=-1', 'after'],
    ['/api/claims?kind=opinion', 'kind'],
    ['/api/claims?hedged=maybe', 'hedged'],
    ['/api/claims?topic=cooking', 'topic'],
    ['/api/claims?order=random', 'order'],
    ['/api/claims?q=', 'q'],
    ['/api/claims?order=checkworthiness&cursor=WyIyMDI1Il0', 'cursor'],
    ['/api/entities/China%20Inc?limit=5', 'id'],
    ['/api/speakers/mcguire?limit=many', 'limit'],
  ])('%s → 400 naming %s', async (path, parameter) => {
    const body = await get<{ error: string; parameter: string }>(path, 400)
    expect(body.parameter).toBe(parameter)
    expect(body.error).toContain(parameter)
  })

  it('answers 404 for what no record has', async () => {
    await get(`/api/episodes/ep-${'0'.repeat(24)}/turns`, 404)
    await get('/api/entities/no-such-entity', 404)
    await get('/api/speakers/nobody', 404)
  })
})

describe('OpenAPI document', () => {
  it('is served at /api/openapi.json, valid OpenAPI 3.1, and lists every route', async () => {
    const res = await queryApi({ stores: [], queries: undefined }).request('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, { get: { parameters?: { name: string }[] } }> }
    const result = await new Validator().validate(doc as never)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/changes', '/api/claims', '/api/entities/{id}', '/api/episodes', '/api/episodes/{id}', '/api/episodes/{id}/turns', '/api/speakers/{id}',
    ])
    expect(doc.paths['/api/claims']!.get.parameters!.map((p) => p.name).sort()).toEqual(
      ['checkworthy', 'cursor', 'entity', 'hedged', 'kind', 'limit', 'order', 'q', 'since', 'speaker', 'topic', 'until'])
  })

  it('answers 503 naming what to configure when there is no queryable store', async () => {
    const res = await queryApi({ stores: [], queries: undefined }).request('/api/claims')
    expect(res.status).toBe(503)
    expect(((await res.json()) as { error: string }).error).toMatch(/DATABASE_URL/)
  })
})
