import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce } from '../pipelines/runtime.js'
import { Redis } from 'ioredis'
import { closeQueues, createQueues } from '../src/queue/index.js'
import { recordId, type EpisodeRecord } from '../src/record/index.js'
import { createFileStore } from '../src/store/index.js'
import { FAST, PG_URL, REPO, obliterate, seedFeedXml, testConfig } from './helpers/pipeline-env.js'

const schema = `pptest_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`
const feedPath = join(mkdtempSync(join(tmpdir(), 'podpipe-feed-')), 'seed-feed.xml')
const config = testConfig({ PODPIPE_STORES: 'file,postgres', DATABASE_URL: PG_URL })
const db = new pg.Client({ connectionString: PG_URL })
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null })

beforeAll(async () => {
  writeFileSync(feedPath, seedFeedXml())
  await db.connect()
})

afterAll(async () => {
  redis.disconnect()
  await obliterate(config)
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await db.end()
})

describe('the seed feed end to end on Redis, the file store and PostgreSQL', () => {
  let records: EpisodeRecord[] = []

  it('publishes every item of the feed', async () => {
    const progress: number[] = []
    const result = await ingestOnce(config, feedPath, (p) => progress.push(p.published), { tuning: FAST, postgresSchema: schema })
    expect(result.failures).toEqual([])
    expect(result.found).toBe(3)
    expect(result.published).toBe(3)
    expect(progress.at(-1)).toBe(3)

    const files = createFileStore({ dir: config.dataDir })
    const { rows } = await db.query<{ id: string; guid: string }>(`SELECT id, guid FROM ${schema}.episodes`)
    expect(rows).toHaveLength(3)
    records = (await Promise.all(rows.map((r) => files.get(r.id)))).filter((r): r is EpisodeRecord => r !== undefined)
    expect(records).toHaveLength(3)
    for (const r of records) expect(r.id).toBe(recordId(feedPath, r.episode.guid))
  })

  it('hands post bodies from the poll straight to analysis, with no transcripts job', async () => {
    const queues = createQueues(redis, config.queuePrefix)
    try {
      expect(await queues.transcripts.getJobCountByTypes('completed', 'failed', 'waiting', 'active', 'delayed')).toBe(0)
      expect(await queues.analyze.getCompletedCount()).toBe(3)
    } finally {
      await closeQueues(queues)
    }
  })

  it('splits the podcast episode into 52 turns in both stores', async () => {
    const episode = records.find((r) => r.turns.length > 0)
    expect(episode?.turns).toHaveLength(52)
    expect(episode?.speakers.map((s) => s.id).sort()).toEqual(['mcguire', 'miller', 'schneider'])
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.turns WHERE episode_id = $1`, [episode?.id])
    expect(Number(rows[0]?.n)).toBe(52)
  })

  it('publishes the article and the commentary without turns, their text in sections', () => {
    const others = records.filter((r) => r.turns.length === 0)
    expect(others).toHaveLength(2)
    const texts = others.map((r) => r.sections.map((s) => s.text).join('\n'))
    expect(texts.some((t) => t.includes('taikonauts'))).toBe(true)
    expect(texts.some((t) => t.includes('吴晓波'))).toBe(true)
  })

  it('does not process an unchanged feed twice', async () => {
    const again = await ingestOnce(config, feedPath, () => {}, { tuning: FAST, postgresSchema: schema })
    expect(again).toMatchObject({ published: 0, failed: 0 })
  })
})

describe('a feed whose episode links its transcript files (podcast:transcript, relative URLs)', () => {
  it('fetches the preferred format from disk and publishes 52 turns', async () => {
    const feed = join(REPO, 'fixtures/feeds/seed-transcripts-feed.xml')
    const cfg = testConfig()
    try {
      const result = await ingestOnce(cfg, feed, () => {}, { tuning: FAST })
      expect(result).toMatchObject({ found: 1, published: 1, failed: 0 })
      const files = createFileStore({ dir: cfg.dataDir })
      const record = await files.get(recordId(feed, 'seed-rare-earths-episode'))
      expect(record?.transcript).toMatchObject({ source: 'podcast:transcript', format: 'json' })
      expect(record?.transcript.url).toMatch(/seed\.json$/)
      expect(record?.turns).toHaveLength(52)
    } finally {
      await obliterate(cfg)
    }
  }, 60_000)
})
