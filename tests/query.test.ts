/**
 * The query layer on both engines it runs on, PostgreSQL and PGlite, over records the real core
 * built from the seed fixtures: the same assertions, the same SQL.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getEntity, getRecord, getSpeaker, getTurns, listChanges, listEpisodes, searchClaims, ClaimsQuery, EpisodesQuery, type ChangeEntry, type QueryDb } from '../src/query/index.js'
import type { EpisodeRecord } from '../src/record/index.js'
import { MIGRATIONS, childRows, createPgliteStore, createPostgresStore, migrateSql, type SqlRecordStore } from '../src/store/index.js'
import { OTHER_FEED, SEED_FEED, seedRecords } from './helpers/seed-records.js'

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const ENGINES = {
  postgres: () => createPostgresStore({ connectionString: DATABASE_URL, schema: `podpipe_test_${randomBytes(6).toString('hex')}` }),
  pglite: () => createPgliteStore({ dir: undefined }),
} as const

const dropSchema = async (store: SqlRecordStore) => {
  if (store.sql.engine === 'postgres') await store.sql.query(`DROP SCHEMA IF EXISTS ${store.schema} CASCADE`)
  await store.close()
}

let records: EpisodeRecord[]
beforeAll(() => {
  records = seedRecords()
})

const claims = (q: Partial<ClaimsQuery>) => ClaimsQuery.parse(Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])))
const episodes = (q: Record<string, string | number>) => EpisodesQuery.parse(Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])))

describe.each(Object.keys(ENGINES) as (keyof typeof ENGINES)[])('query layer on %s', (engine) => {
  let store: SqlRecordStore
  let db: QueryDb
  beforeAll(async () => {
    store = await ENGINES[engine]()
    db = store
    for (const r of records) expect(await store.put(r)).toBe('created')
  }, 60_000)
  afterAll(async () => {
    await dropSchema(store)
  })

  it('lists episodes newest first, undated last, as summaries', async () => {
    const page = await listEpisodes(db, episodes({}))
    expect(page.items.map((e) => e.title)).toEqual(['Rare earths, json', 'Rare earths, srt', 'Rare earths, vtt', 'Rare earths, html'])
    expect(page.nextCursor).toBeNull()
    const first = page.items[0]!
    expect(first).toMatchObject({ id: records[0]!.id, feedUrl: SEED_FEED, publishedAt: '2025-11-03T09:00:00.000Z', turnCount: records[0]!.turns.length, claimCount: records[0]!.claims.length })
    expect(first.speakers.map((s) => s.id).sort()).toEqual(records[0]!.speakers.map((s) => s.id).sort())
    // Most turns first, ties by id.
    const bySpeaking = [...first.speakers].sort((a, b) => b.turnCount - a.turnCount || (a.id < b.id ? -1 : 1))
    expect(first.speakers).toEqual(bySpeaking)
    expect(new Set(first.speakers.map((s) => s.turnCount)).size).toBeGreaterThan(1)
  })

  it('pages through every episode once with a cursor, whatever the page size', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await listEpisodes(db, episodes({ limit: 1, ...(cursor ? { cursor } : {}) }))
      seen.push(...page.items.map((e) => e.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual((await listEpisodes(db, episodes({}))).items.map((e) => e.id))
  })

  it('filters episodes by feed, dates, speaker and entity', async () => {
    const titles = async (q: Record<string, string>) => (await listEpisodes(db, episodes(q))).items.map((e) => e.title)
    expect(await titles({ feed: OTHER_FEED })).toEqual(['Rare earths, vtt', 'Rare earths, html'])
    expect(await titles({ since: '2025-10-01', until: '2025-11-01' })).toEqual(['Rare earths, srt'])
    expect(await titles({ speaker: 'mcguire' })).toHaveLength(4)
    expect(await titles({ speaker: 'nobody' })).toEqual([])
    const entity = records[2]!.entities[0]!.id
    expect((await titles({ entity })).length).toBeGreaterThan(0)
    expect(await titles({ entity: 'no-such-entity' })).toEqual([])
  })

  it('returns the whole record, and the turns of one speaker only', async () => {
    const r = records[1]!
    expect(await getRecord(db, r.id)).toEqual(r)
    expect(await getRecord(db, 'ep-000000000000000000000000')).toBeUndefined()
    const all = await getTurns(db, r.id)
    expect(all?.turns).toEqual(r.turns)
    const mine = await getTurns(db, r.id, { speaker: 'miller' })
    expect(mine?.turns.length).toBeGreaterThan(0)
    expect(mine?.turns).toEqual(r.turns.filter((t) => t.speakerId === 'miller'))
    expect(await getTurns(db, 'ep-000000000000000000000000')).toBeUndefined()
  })

  it("returns only the speaker's claims, and their offsets slice the turn text to the claim text", async () => {
    const page = await searchClaims(db, claims({ speaker: 'mcguire', limit: 200 }))
    expect(page.items.length).toBeGreaterThan(20)
    const turns = new Map<string, EpisodeRecord['turns']>()
    for (const hit of page.items) {
      expect(hit.speakerId).toBe('mcguire')
      expect(hit.speakerName).toBe('Chris McGuire')
      turns.set(hit.episode.id, turns.get(hit.episode.id) ?? (await getTurns(db, hit.episode.id))!.turns)
      const turn = turns.get(hit.episode.id)![hit.turn]!
      expect(turn.speakerId).toBe('mcguire')
      expect(turn.text.slice(hit.start, hit.end)).toBe(hit.text)
    }
    const expected = records.flatMap((r) => r.claims.filter((c) => c.speakerId === 'mcguire')).length
    let total = page.items.length
    let cursor = page.nextCursor
    while (cursor) {
      const next = await searchClaims(db, claims({ speaker: 'mcguire', limit: 200, cursor }))
      total += next.items.length
      cursor = next.nextCursor
    }
    expect(total).toBe(expected)
  })

  it('pages claims in order without repeats, newest episode first and transcript order within it', async () => {
    const big = await searchClaims(db, claims({ kind: 'prescriptive', limit: 200 }))
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await searchClaims(db, claims({ kind: 'prescriptive', limit: 7, ...(cursor ? { cursor } : {}) }))
      seen.push(...page.items.map((c) => `${c.episode.id}/${c.id}`))
      cursor = page.nextCursor ?? undefined
    } while (cursor && seen.length < 200)
    expect(seen.slice(0, big.items.length)).toEqual(big.items.map((c) => `${c.episode.id}/${c.id}`))
    expect(new Set(seen).size).toBe(seen.length)
    for (const c of big.items) expect(c.kind).toBe('prescriptive')
  })

  it('filters claims by entity, topic, hedging and dates, and searches their text', async () => {
    const some = records[0]!.claims.find((c) => c.entityIds.length > 0 && c.topics.length > 0)!
    for (const hit of (await searchClaims(db, claims({ entity: some.entityIds[0]!, limit: 200 }))).items) expect(hit.entityIds).toContain(some.entityIds[0])
    for (const hit of (await searchClaims(db, claims({ topic: some.topics[0]!, limit: 200 }))).items) expect(hit.topics).toContain(some.topics[0])
    const hedged = await searchClaims(db, claims({ hedged: true, limit: 200 }))
    expect(hedged.items.length).toBeGreaterThan(0)
    for (const hit of hedged.items) expect(hit.hedged).toBe(true)
    for (const hit of (await searchClaims(db, claims({ since: '2025-11-01', limit: 200 }))).items) expect(hit.episode.id).toBe(records[0]!.id)
    const found = await searchClaims(db, claims({ q: 'rare earths', limit: 200 }))
    expect(found.items.length).toBeGreaterThan(0)
    // Stemming: "earths" finds "earth" too; every hit has both words in some form.
    for (const hit of found.items) expect(hit.text).toMatch(/\brare\b[\s\S]*\bearth|\bearth[\s\S]*\brare\b/i)
    expect((await searchClaims(db, claims({ q: 'zzyzx' }))).items).toEqual([])
  })

  it('orders claims by check-worthiness and filters the check-worthy ones', async () => {
    const top = await searchClaims(db, claims({ order: 'checkworthiness', limit: 50 }))
    const scores = top.items.map((c) => c.checkworthiness ?? -1)
    expect(scores.length).toBe(50)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    const best = Math.max(...records.flatMap((r) => r.claims.map((c) => c.checkworthiness ?? -1)))
    expect(scores[0]).toBe(best)
    const second = await searchClaims(db, claims({ order: 'checkworthiness', limit: 50, cursor: top.nextCursor! }))
    expect(second.items[0]!.checkworthiness ?? -1).toBeLessThanOrEqual(scores.at(-1)!)
    const worthy = await searchClaims(db, claims({ checkworthy: true, limit: 200 }))
    for (const hit of worthy.items) expect(hit.checkworthy).toBe(true)
  })

  it('describes an entity across episodes, with mention counts and co-mentioned entities', async () => {
    const china = await getEntity(db, 'china', { limit: 50 })
    expect(china).toBeDefined()
    const holding = records.filter((r) => r.entities.some((e) => e.id === 'china'))
    expect(china!.episodeCount).toBe(holding.length)
    for (const ep of china!.episodes) {
      const r = records.find((x) => x.id === ep.id)!
      expect(ep.mentions).toBe(r.entities.find((e) => e.id === 'china')!.mentions.length)
    }
    expect(china!.coMentioned.length).toBeGreaterThan(0)
    expect(china!.coMentioned.map((c) => c.id)).not.toContain('china')
    expect(await getEntity(db, 'no-such-entity', { limit: 5 })).toBeUndefined()
  })

  it("describes a speaker's episodes and claims over time", async () => {
    const miller = await getSpeaker(db, 'miller', { limit: 10 })
    expect(miller?.name).toBe('Chris Miller')
    expect(miller?.episodeCount).toBe(4)
    const claimsOfMiller = records.flatMap((r) => r.claims.filter((c) => c.speakerId === 'miller'))
    expect(miller?.claimCount).toBe(claimsOfMiller.length)
    expect(miller?.claimsByMonth.reduce((n, m) => n + m.claims, 0)).toBe(claimsOfMiller.length)
    expect(miller?.claimsByMonth.map((m) => m.month)).toContain('undated')
    for (const c of miller!.recentClaims) expect(c.speakerId).toBe('miller')
    expect(await getSpeaker(db, 'nobody', { limit: 5 })).toBeUndefined()
  })

  it('lists each change once in commit order, with versions, and resumes from a cursor', async () => {
    const all = await listChanges(db, { after: '0', limit: 200 })
    expect(all.items.map((c) => c.id)).toEqual(records.map((r) => r.id))
    expect(all.items.every((c) => c.change === 'created' && c.version === 1)).toBe(true)
    const changed = await store.put({ ...records[1]!, episode: { ...records[1]!.episode, title: 'Renamed' } })
    expect(changed).toBe('updated')
    const next = await listChanges(db, { after: all.nextCursor, limit: 200 })
    expect(next.items).toEqual([expect.objectContaining({ id: records[1]!.id, change: 'updated', version: 2 })])
    expect((await listChanges(db, { after: next.nextCursor, limit: 200 })).items).toEqual([])
    // Each record once, at its newest change: the updated one has moved to the end.
    const latest = await listChanges(db, { after: '0', limit: 200, latest: true })
    expect(latest.items.map((c) => `${c.id}@${c.version}`)).toEqual([0, 2, 3, 1].map((i) => `${records[i]!.id}@${i === 1 ? 2 : 1}`))
    expect(latest.nextCursor).toBe(next.nextCursor)
  })
})

describe.each(Object.keys(ENGINES) as (keyof typeof ENGINES)[])('migration 3 on %s', (engine) => {
  it('backfills the check-worthiness of claims and the counts of episodes stored before it, from their JSONB record', async () => {
    const store = await ENGINES[engine]()
    try {
      // A fresh schema at version 2, filled the way a version-2 store wrote it.
      const schema = `podpipe_m3_${randomBytes(4).toString('hex')}`
      expect(await migrateSql(store.sql, schema, MIGRATIONS.filter((m) => m.version <= 2))).toEqual([1, 2])
      const r = records[0]!
      const c = r.claims[0]!
      await store.sql.query(`INSERT INTO ${schema}.episodes (id, guid, schema_version, pipeline_version, content_hash, record)
        VALUES ($1, 'g', '1.2.0', 'x', repeat('a', 64), $2::jsonb)`, [r.id, JSON.stringify(r)])
      await store.sql.query(`INSERT INTO ${schema}.claims (episode_id, claim_id, turn, speaker_id, kind, hedged, topics, text, start_offset, end_offset, confidence, quantities, entity_ids)
        VALUES ($1, $2, 0, 'x', 'factual', false, '{}', 't', 0, 1, 0.5, '[]', '{}')`, [r.id, c.id])
      expect(await migrateSql(store.sql, schema, MIGRATIONS.filter((m) => m.version <= 3))).toEqual([3])
      const { rows } = await store.sql.query<{ checkworthiness: number; checkworthy: boolean }>(`SELECT checkworthiness, checkworthy FROM ${schema}.claims`)
      expect(rows).toEqual([{ checkworthiness: c.checkworthiness, checkworthy: c.checkworthy }])
      const counts = await store.sql.query(`SELECT turn_count, claim_count FROM ${schema}.episodes`)
      expect(counts.rows).toEqual([{ turn_count: r.turns.length, claim_count: r.claims.length }])
      if (engine === 'postgres') await store.sql.query(`DROP SCHEMA ${schema} CASCADE`)
    } finally {
      await dropSchema(store)
    }
  })
})

/** The rows the claim queries read, as a version-3 store wrote them: claims without their episode's date key. */
const writeVersion3 = async (store: SqlRecordStore, schema: string, r: EpisodeRecord) => {
  const rows = childRows(r)
  await store.sql.query(`INSERT INTO ${schema}.episodes (id, feed_url, guid, title, published_at, schema_version, pipeline_version, content_hash, record, turn_count, claim_count)
    VALUES ($1, $2, $3, $4, $5, '1.3.0', 'x', repeat('a', 64), $6::jsonb, $7, $8)`,
  [r.id, r.episode.feedUrl, r.episode.guid, r.episode.title, r.episode.publishedAt, JSON.stringify(r), r.turns.length, r.claims.length])
  await store.sql.query(`INSERT INTO ${schema}.speakers (episode_id, speaker_id, name, role, turn_count, word_count, claim_count)
    SELECT $1, speaker_id, name, role, turn_count, word_count, claim_count
    FROM jsonb_to_recordset($2::jsonb) AS x(speaker_id text, name text, role text, turn_count int, word_count int, claim_count int)`, [r.id, JSON.stringify(rows.speakers)])
  await store.sql.query(`INSERT INTO ${schema}.claims (episode_id, claim_id, turn, speaker_id, kind, hedged, topics, text, start_offset, end_offset, confidence, quantities, entity_ids, checkworthiness, checkworthy)
    SELECT $1, claim_id, turn, speaker_id, kind, hedged, topics, text, start_offset, end_offset, confidence, quantities, entity_ids, checkworthiness, checkworthy
    FROM jsonb_to_recordset($2::jsonb) AS x(claim_id text, turn int, speaker_id text, kind text, hedged boolean, topics text[], text text,
      start_offset int, end_offset int, confidence float8, quantities jsonb, entity_ids text[], checkworthiness float8, checkworthy boolean)`,
  [r.id, JSON.stringify(rows.claims)])
}

describe.each(Object.keys(ENGINES) as (keyof typeof ENGINES)[])('migration 4 on %s', (engine) => {
  it('gives claims stored before it their episode date key, and the claim queries answer as before', async () => {
    const store = await ENGINES[engine]()
    const schema = `podpipe_m4_${randomBytes(4).toString('hex')}`
    try {
      // The seed records written by a version-3 store: the same rows as now, without the key.
      expect(await migrateSql(store.sql, schema, MIGRATIONS.filter((m) => m.version <= 3))).toEqual([1, 2, 3])
      for (const r of records) await writeVersion3(store, schema, r)
      expect(await migrateSql(store.sql, schema, MIGRATIONS.filter((m) => m.version <= 4))).toEqual([4])
      const { rows } = await store.sql.query<{ stale: number; undated: number }>(`SELECT
          count(*) FILTER (WHERE c.published_key IS DISTINCT FROM coalesce(e.published_at, '-infinity'))::int AS stale,
          count(*) FILTER (WHERE c.published_key = '-infinity')::int AS undated
        FROM ${schema}.claims c JOIN ${schema}.episodes e ON e.id = c.episode_id`)
      expect(rows).toEqual([{ stale: 0, undated: records[3]!.claims.length }])
      // The same answers as from a store that wrote the key itself.
      const migrated: QueryDb = { sql: store.sql, schema }
      for (const r of records) await store.put(r)
      const everyClaim = async (db: QueryDb, q: Partial<ClaimsQuery>) => {
        const ids: string[] = []
        let cursor: string | null = null
        do {
          const page = await searchClaims(db, claims({ ...q, limit: 37, ...(cursor ? { cursor } : {}) }))
          ids.push(...page.items.map((c) => `${c.episode.id}/${c.id}/${c.checkworthiness ?? '-'}`))
          cursor = page.nextCursor
        } while (cursor)
        return ids
      }
      for (const q of [{}, { speaker: 'mcguire' }, { until: '2025-10-20' }, { order: 'checkworthiness' as const, hedged: true }]) {
        expect(await everyClaim(migrated, q)).toEqual(await everyClaim(store, q))
      }
      const all = await everyClaim(migrated, {})
      expect(all).toHaveLength(records.reduce((n, r) => n + r.claims.length, 0))
      expect(new Set(all).size).toBe(all.length)
    } finally {
      if (engine === 'postgres') await store.sql.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await dropSchema(store)
    }
  }, 60_000)
})

describe('change feed under concurrent publishers on PostgreSQL'
, () => {
  it('lists every change exactly once to a consumer polling while four stores publish', async () => {
    const schema = `podpipe_test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
    // Separate pools stand for separate processes: each has its own connections and sequence of commits.
    const publishers = await Promise.all([0, 1, 2, 3].map(() => createPostgresStore({ connectionString: DATABASE_URL, schema, poolSize: 3 })))
    const reader = publishers[0]!
    try {
      const base = records[3]!
      const expected: string[] = []
      let publishing = true
      const publish = Promise.all(publishers.map(async (store, p) => {
        for (let i = 0; i < 12; i++) {
          const record = { ...base, id: `ep-${p}${String(i).padStart(2, '0')}${'0'.repeat(21)}`, episode: { ...base.episode, guid: `p${p}-${i}`, title: `v${i}` } }
          // Every other record is written twice: created, then updated.
          for (const version of i % 2 ? [1] : [1, 2]) {
            const result = await store.put({ ...record, episode: { ...record.episode, title: `v${i}.${version}` } })
            expect(result).toBe(version === 1 ? 'created' : 'updated')
            expected.push(`${record.id}@${version}`)
          }
        }
      })).finally(() => { publishing = false })
      const seen: ChangeEntry[] = []
      let after = '0'
      // The consumer stores only its cursor between calls, as across restarts.
      while (publishing || (await listChanges(reader, { after, limit: 5 })).items.length > 0) {
        const page = await listChanges(reader, { after, limit: 5 })
        seen.push(...page.items)
        after = page.nextCursor
      }
      await publish
      expect(seen.map((c) => `${c.id}@${c.version}`).sort()).toEqual(expected.sort())
      expect(seen.map((c) => Number(c.cursor))).toEqual([...seen.map((c) => Number(c.cursor))].sort((a, b) => a - b))
    } finally {
      await Promise.all(publishers.map((s) => s.close()))
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin.end()
    }
  }, 120_000)
})
