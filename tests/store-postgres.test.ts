import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isPodpipeError } from '../src/errors/index.js'
import { MIGRATIONS, createPostgresStore, migratePostgres, recordContentHash, type RecordStore } from '../src/store/index.js'
import { sampleRecord } from './helpers/sample-record.js'

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

let admin: pg.Pool
let schema: string
let store: RecordStore | undefined
const opened: pg.Pool[] = []

beforeAll(() => {
  admin = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
})
afterAll(async () => {
  await admin.end()
})
beforeEach(() => {
  schema = `podpipe_test_${randomBytes(6).toString('hex')}`
})
afterEach(async () => {
  await store?.close()
  store = undefined
  await Promise.all(opened.splice(0).map((p) => p.end()))
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
})

const open = async () => (store = await createPostgresStore({ connectionString: DATABASE_URL, schema }))
const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await admin.query<T>(sql, params)).rows
const episodeRow = async (id: string) =>
  (await q<{ updated_at: Date; created_at: Date; content_hash: string; title: string }>(
    `SELECT created_at, updated_at, content_hash, title FROM ${schema}.episodes WHERE id = $1`, [id]))[0]
const changes = () => q<{ seq: string; episode_id: string; hash: string; change: string }>(
  `SELECT seq, episode_id, hash, change FROM ${schema}.changes ORDER BY seq`)
const count = async (table: string) => Number((await q<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.${table}`))[0]?.n)

describe('postgres store: migrations', () => {
  it('creates the schema once and is a no-op when run again', async () => {
    const pool = new pg.Pool({ connectionString: DATABASE_URL })
    opened.push(pool)
    expect(await migratePostgres(pool, schema)).toEqual(MIGRATIONS.map((m) => m.version))
    expect(await migratePostgres(pool, schema)).toEqual([])
    const tables = await q<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema])
    expect(tables.map((t) => t.table_name)).toEqual(
      ['changes', 'claims', 'entities', 'entity_mentions', 'episodes', 'feed_items', 'feeds', 'schema_migrations', 'sections', 'speakers', 'turns'])
  })

  it('applies each migration exactly once when several processes start at the same moment', async () => {
    // Separate pools stand for separate processes: each has its own connections.
    const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: DATABASE_URL, max: 1 }))
    opened.push(...pools)
    const applied = await Promise.all(pools.map((p) => migratePostgres(p, schema)))
    expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => m.version))
    expect(await q(`SELECT version FROM ${schema}.schema_migrations ORDER BY 1`)).toEqual(MIGRATIONS.map((m) => ({ version: m.version })))
  })

  it('opens two stores at once on a fresh schema without either failing', async () => {
    const both = await Promise.all([0, 1].map(() => createPostgresStore({ connectionString: DATABASE_URL, schema })))
    expect(await both[0]?.put(sampleRecord())).toBe('created')
    expect(await both[1]?.put(sampleRecord())).toBe('unchanged')
    await Promise.all(both.map((s) => s.close()))
  })

  it('logs the records a version-1 schema already holds when it adds the change log', async () => {
    const pool = new pg.Pool({ connectionString: DATABASE_URL })
    opened.push(pool)
    expect(await migratePostgres(pool, schema, MIGRATIONS.filter((m) => m.version === 1))).toEqual([1])
    for (const [id, at] of [['ep-b', '2025-01-02'], ['ep-a', '2025-01-01']]) {
      await q(`INSERT INTO ${schema}.episodes (id, guid, schema_version, pipeline_version, content_hash, record, updated_at)
        VALUES ($1, $1, '1.0.0', 'x', repeat('a', 64), '{}', $2)`, [id, at])
    }
    expect(await migratePostgres(pool, schema)).toEqual(MIGRATIONS.map((m) => m.version).filter((v) => v >= 2))
    expect(await q(`SELECT seq::int, episode_id, change FROM ${schema}.changes ORDER BY seq`)).toEqual([
      { seq: 1, episode_id: 'ep-a', change: 'created' },
      { seq: 2, episode_id: 'ep-b', change: 'created' },
    ])
  })

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(createPostgresStore({ connectionString: DATABASE_URL, schema: 'x; DROP TABLE y' }))
      .rejects.toMatchObject({ code: 'CONFIG', permanent: true })
  })
})

describe('postgres store: writes', () => {
  it('creates, skips an identical re-put entirely, then updates and replaces the child rows', async () => {
    const s = await open()
    const first = sampleRecord()
    expect(await s.put(first)).toBe('created')
    const created = await episodeRow(first.id)
    expect(await count('claims')).toBe(first.claims.length)

    const retry = sampleRecord({ processedAt: new Date(Date.now() + 60_000), stageMs: { split: 2 } })
    expect(await s.put(retry)).toBe('unchanged')
    expect(await episodeRow(first.id)).toEqual(created)

    const fewer = { ...sampleRecord({ title: 'Corrected title' }) }
    fewer.claims = fewer.claims.slice(0, 1)
    fewer.entities = fewer.entities.filter((e) => e.id !== 'china')
    expect(await s.put(fewer)).toBe('updated')
    const updated = await episodeRow(first.id)
    expect(updated?.title).toBe('Corrected title')
    expect(updated?.created_at).toEqual(created?.created_at)
    expect(updated!.updated_at.getTime()).toBeGreaterThan(created!.updated_at.getTime())
    expect(await count('claims')).toBe(1)
    expect(await count('entities')).toBe(fewer.entities.length)
    expect(await count('entity_mentions')).toBe(fewer.entities.flatMap((e) => e.mentions).length)
    expect(await count('turns')).toBe(fewer.turns.length)
    expect(await s.get(first.id)).toEqual(fewer)
    // The change log has the create and the update, not the unchanged retry, in order.
    const log = await changes()
    expect(log.map((c) => [c.episode_id, c.hash, c.change])).toEqual([
      [first.id, recordContentHash(first), 'created'],
      [first.id, recordContentHash(fewer), 'updated'],
    ])
    expect(Number(log[1]?.seq)).toBeGreaterThan(Number(log[0]?.seq))
  })

  it('turns 10 concurrent puts of one record into one row', async () => {
    const s = await open()
    const results = await Promise.all(Array.from({ length: 10 }, () => s.put(sampleRecord())))
    expect(results.filter((r) => r === 'created')).toHaveLength(1)
    expect(results.filter((r) => r === 'unchanged')).toHaveLength(9)
    expect(await count('episodes')).toBe(1)
    expect(await count('claims')).toBe(sampleRecord().claims.length)
    expect(await count('changes')).toBe(1)
  })

  it('logs each of 12 concurrent writes of different records exactly once', async () => {
    const s = await open()
    const guids = Array.from({ length: 12 }, (_, i) => `concurrent-${i}`)
    await Promise.all(guids.map((guid) => s.put(sampleRecord({ guid }))))
    const log = await changes()
    expect(log).toHaveLength(12)
    expect(new Set(log.map((c) => c.episode_id)).size).toBe(12)
    expect(log.every((c) => c.change === 'created')).toBe(true)
  })

  it('stores rows an analyst can query in SQL: claims by speaker and kind, by topic, mentions by entity', async () => {
    const s = await open()
    await s.put(sampleRecord())
    await s.put(sampleRecord({ guid: 'another-episode', title: 'Another episode' }))

    const prescriptive = await q<{ text: string; title: string }>(`
      SELECT c.text, e.title FROM ${schema}.claims c
      JOIN ${schema}.speakers sp USING (episode_id, speaker_id)
      JOIN ${schema}.episodes e ON e.id = c.episode_id
      WHERE sp.name = 'Chris Miller' AND c.kind = 'prescriptive' ORDER BY e.title`)
    expect(prescriptive).toEqual([
      { text: 'Washington should fund processing capacity outside China.', title: 'Another episode' },
      { text: 'Washington should fund processing capacity outside China.', title: 'The New Space Race, and Rare Earths' },
    ])

    const hedgedPredictions = await q<{ speaker_id: string; n: string }>(`
      SELECT speaker_id, count(*) AS n FROM ${schema}.claims
      WHERE kind = 'predictive' AND hedged AND topics @> ARRAY['critical-minerals'] GROUP BY speaker_id`)
    expect(hedgedPredictions).toEqual([{ speaker_id: 'mcguire', n: '2' }])

    const percents = await q<{ value: number }>(`
      SELECT (qty->>'value')::float8 AS value FROM ${schema}.claims, jsonb_array_elements(quantities) qty
      WHERE qty->>'kind' = 'percent'`)
    expect(percents).toEqual([{ value: 90 }, { value: 90 }])

    const mofcom = await q<{ text: string; turn_text: string }>(`
      SELECT m.text, substr(t.text, m.start_offset + 1, m.end_offset - m.start_offset) AS turn_text
      FROM ${schema}.entity_mentions m JOIN ${schema}.turns t ON t.episode_id = m.episode_id AND t.idx = m.turn
      WHERE m.entity_id = 'mofcom'`)
    expect(mofcom).toEqual([{ text: 'MOFCOM', turn_text: 'MOFCOM' }, { text: 'MOFCOM', turn_text: 'MOFCOM' }])
  })

  it('rejects a record the database refuses as permanent and writes nothing of it', async () => {
    const s = await open()
    const record = sampleRecord()
    const dup = { ...record, claims: [...record.claims, record.claims[0]!] }
    const err = await s.put(dup).catch((e: unknown) => e)
    expect(isPodpipeError(err) && err.permanent).toBe(true)
    expect((err as Error).message).toMatch(/postgres store: could not write record .*SQLSTATE 23505/)
    expect(await count('episodes')).toBe(0)
    expect(await count('changes')).toBe(0)
  })

  it('returns undefined for an id it never stored', async () => {
    const s = await open()
    expect(await s.get('ep-000000000000000000000000')).toBeUndefined()
  })
})

describe('postgres store: unreachable database', () => {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  const CLOSED = 'postgres://postgres@127.0.0.1:1/test'

  it('fails to open with a transient error naming the store', async () => {
    const err = await createPostgresStore({ connectionString: CLOSED, schema }).catch((e: unknown) => e)
    expect(isPodpipeError(err) && err.code === 'STORE_FAILED' && !err.permanent).toBe(true)
    expect((err as Error).message).toMatch(/postgres store: cannot connect to run migrations .*ECONNREFUSED/)
  })

  it('rejects put with a transient error naming the store, so the queue retries', async () => {
    const s = await createPostgresStore({ connectionString: CLOSED, schema, migrate: false })
    const record = sampleRecord()
    const err = await s.put(record).catch((e: unknown) => e)
    expect(isPodpipeError(err) && err.code === 'STORE_FAILED' && !err.permanent).toBe(true)
    expect((err as Error).message).toMatch(new RegExp(`^${record.id}: postgres store: cannot connect to write record ${record.id}: .*ECONNREFUSED`))
    await expect(s.ping()).rejects.toThrow(/postgres store: database is unreachable: .*ECONNREFUSED/)
    await s.close()
  })
})
