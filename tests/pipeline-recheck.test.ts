// A known episode whose podcast:transcript file changes behind an unchanged feed item: each poll
// rechecks the newest items' transcripts (conditional GET, then sha256) on real Redis, and only a
// changed file is processed again, ending as an 'updated' record.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce } from '../pipelines/runtime.js'
import type { Config } from '../src/config/index.js'
import { recordId } from '../src/record/index.js'
import type { ChangeLogEntry } from '../src/store/index.js'
import { FAST, SMALL_VTT, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'

/** What the transcript host serves now; tests change it between polls. */
const INITIAL = { withEtag: SMALL_VTT, plain: SMALL_VTT, failEtagHost: false, feedItems: 2 }
const served = { ...INITIAL }
const notModified: string[] = []

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('hex').slice(0, 12)}"`

/** A host that honours If-None-Match, as most CDNs do. */
const withEtag = (req: IncomingMessage, res: ServerResponse, path: string, body: string) => {
  const etag = etagOf(body)
  if (req.headers['if-none-match'] === etag) {
    notModified.push(path)
    return res.writeHead(304, { etag }).end()
  }
  res.writeHead(200, { 'content-type': 'text/vtt', etag }).end(body)
}

let server: Awaited<ReturnType<typeof serve>>
const feedUrl = () => `${server.url}/feed.xml`
const feedXml = () => rss([
  { guid: 'ep-etag', title: 'Transcript host with ETags', transcript: { url: `${server.url}/etag.vtt`, type: 'text/vtt' } },
  { guid: 'ep-plain', title: 'Transcript host without validators', transcript: { url: `${server.url}/plain.vtt`, type: 'text/vtt' } },
  { guid: 'ep-third', title: 'Added later', transcript: { url: `${server.url}/plain.vtt`, type: 'text/vtt' } },
].slice(0, served.feedItems))

beforeAll(async () => {
  server = await serve({
    '/feed.xml': (req, res) => withEtag(req, res, '/feed.xml', feedXml()),
    '/etag.vtt': (req, res) => {
      if (served.failEtagHost) return res.writeHead(503).end('down')
      withEtag(req, res, '/etag.vtt', served.withEtag)
    },
    '/plain.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/vtt' }).end(served.plain),
  })
})

afterAll(async () => {
  await server.close()
})

const changes = (config: Config): ChangeLogEntry[] => {
  const path = join(config.dataDir, 'changes.jsonl')
  return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ChangeLogEntry) : []
}
const recordText = (config: Config, guid: string) => readFileSync(join(config.dataDir, 'records', `${recordId(feedUrl(), guid)}.json`), 'utf8')
const ingest = (config: Config) => ingestOnce(config, feedUrl(), () => {}, { tuning: FAST, pollMs: 50, timeoutMs: 60_000 })

/**
 * A deployment of its own (prefix, data dir) for one describe block: the hosts serve `start`
 * from its first test on, and both are reset when the block ends.
 */
const deployment = (start: Partial<typeof INITIAL> = {}, env: Record<string, string> = {}): Config => {
  const config = testConfig(env)
  beforeAll(() => {
    Object.assign(served, INITIAL, start)
  })
  afterAll(async () => {
    Object.assign(served, INITIAL)
    await obliterate(config)
  })
  return config
}

describe('transcript rechecks', () => {
  const config = deployment()

  it('publishes both episodes on the first poll', async () => {
    expect(await ingest(config)).toMatchObject({ found: 2, unchanged: 0, published: 2, failed: 0 })
    expect(changes(config).map((c) => c.change)).toEqual(['created', 'created'])
  }, 60_000)

  it('does no work for unchanged transcripts: a 304 from the host with validators, the same sha256 from the one without', async () => {
    notModified.length = 0
    const before = server.hits.get('/plain.vtt')
    expect(await ingest(config)).toMatchObject({ found: 2, unchanged: 2, published: 0, failed: 0 })
    expect(notModified).toEqual(expect.arrayContaining(['/feed.xml', '/etag.vtt']))
    expect(server.hits.get('/plain.vtt')).toBe((before ?? 0) + 1)
    expect(changes(config)).toHaveLength(2)
  }, 60_000)

  it('processes a transcript that changed behind a feed that answers 304, and the record is updated', async () => {
    served.withEtag = SMALL_VTT.replace('by 20% next year', 'by 35% next year')
    notModified.length = 0
    expect(await ingest(config)).toMatchObject({ found: 2, unchanged: 1, published: 1, failed: 0 })
    expect(notModified).toContain('/feed.xml')
    const log = changes(config)
    expect(log).toHaveLength(3)
    expect(log[2]).toMatchObject({ id: recordId(feedUrl(), 'ep-etag'), change: 'updated' })
    expect(recordText(config, 'ep-etag')).toContain('35%')
  }, 60_000)

  it('processes a changed transcript when the feed itself changed too (a new item), and publishes the new item', async () => {
    served.plain = SMALL_VTT.replace('Leverage before the summit.', 'Leverage before the APEC summit.')
    served.feedItems = 3
    expect(await ingest(config)).toMatchObject({ found: 3, unchanged: 1, published: 2, failed: 0 })
    const log = changes(config).slice(3)
    expect(log.map((c) => [c.id, c.change])).toEqual(expect.arrayContaining([
      [recordId(feedUrl(), 'ep-plain'), 'updated'],
      [recordId(feedUrl(), 'ep-third'), 'created'],
    ]))
    expect(recordText(config, 'ep-plain')).toContain('APEC')
  }, 60_000)

  it('keeps the published record when a recheck cannot fetch the transcript, without failing the poll', async () => {
    served.failEtagHost = true
    const before = recordText(config, 'ep-etag')
    expect(await ingest(config)).toMatchObject({ found: 3, unchanged: 3, published: 0, failed: 0 })
    expect(recordText(config, 'ep-etag')).toBe(before)
    served.failEtagHost = false
  }, 60_000)
})

describe('PODPIPE_RECHECK_ITEMS=0', () => {
  const config = deployment({}, { PODPIPE_RECHECK_ITEMS: '0' })

  it('never fetches a known transcript again, so a changed file goes unnoticed', async () => {
    expect(await ingest(config)).toMatchObject({ published: 2 })
    const hits = server.hits.get('/plain.vtt')
    served.plain = SMALL_VTT.replace('by 20% next year', 'by 50% next year')
    expect(await ingest(config)).toMatchObject({ found: 0, unchanged: 0, published: 0, failed: 0 })
    expect(server.hits.get('/plain.vtt')).toBe(hits)
    expect(recordText(config, 'ep-plain')).not.toContain('50%')
  }, 60_000)
})

describe('episodes that failed during a transcript host outage', () => {
  const config = deployment({ failEtagHost: true })

  it('fails the episode whose host is down once its retries are used up', async () => {
    const result = await ingest(config)
    expect(result).toMatchObject({ found: 2, published: 1, failed: 1 })
    expect(result.failures[0]?.reason).toMatch(/HTTP 503/)
  }, 60_000)

  it('are started again by the next poll once the host is back, though neither feed nor item changed', async () => {
    served.failEtagHost = false
    notModified.length = 0
    expect(await ingest(config)).toMatchObject({ found: 2, unchanged: 1, published: 1, failed: 0 })
    expect(notModified).not.toContain('/feed.xml')
    expect(changes(config)).toHaveLength(2)
  }, 60_000)

  it('are all reprocessed by --force, and the stores report them unchanged', async () => {
    const result = await ingestOnce(config, feedUrl(), () => {}, { tuning: FAST, pollMs: 50, timeoutMs: 60_000, force: true })
    expect(result).toMatchObject({ found: 2, unchanged: 0, published: 2, failed: 0 })
    expect(result.failures).toEqual([])
    expect(changes(config).map((c) => [c.id, c.change])).toEqual([
      [recordId(feedUrl(), 'ep-plain'), 'created'],
      [recordId(feedUrl(), 'ep-etag'), 'created'],
    ])
  }, 60_000)
})

describe('a malformed transcript that the publisher fixes later at the same URL', () => {
  const config = deployment({ withEtag: 'WEBVTT\n\n00:00:01.000 --> garbage\n<v Jordan Schneider>' })

  it('fails once, at once, as malformed', async () => {
    const result = await ingest(config)
    expect(result).toMatchObject({ found: 2, published: 1, failed: 1 })
    expect(result.failures[0]).toMatchObject({ stage: 'analyze', attemptsMade: 1 })
  }, 60_000)

  it('is not processed again while the file stays broken, and is still reported as failed', async () => {
    const result = await ingest(config)
    expect(result).toMatchObject({ found: 2, unchanged: 1, published: 0, failed: 1 })
    expect(result.failures[0]).toMatchObject({ stage: 'analyze', attemptsMade: 1, earlier: true, reason: expect.stringMatching(/MALFORMED/) })
  }, 60_000)

  it('is published by the next poll once the file is fixed', async () => {
    served.withEtag = SMALL_VTT
    expect(await ingest(config)).toMatchObject({ found: 2, unchanged: 1, published: 1, failed: 0 })
    expect(changes(config).map((c) => [c.id, c.change])).toContainEqual([recordId(feedUrl(), 'ep-etag'), 'created'])
  }, 60_000)
})
