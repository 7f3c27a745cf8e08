// A transcript link that answers 404 just after its episode came out may be a file not published
// yet: the next poll asks again and publishes the episode once the file is there. An old
// episode's 404 is a broken link, which fails for good and is not fetched again.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFeedScheduler } from '../pipelines/feed-scheduler.js'
import { ingestOnce, startWorkers } from '../pipelines/runtime.js'
import { addFeeds, listFeeds } from '../src/feeds/index.js'
import { createPgliteStore } from '../src/store/postgres/index.js'
import { FAST, REPO, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'
import { waitFor, waitForQuiescence } from './helpers/quiescence.js'

const config = testConfig()
const vtt = readFileSync(`${REPO}fixtures/seed/seed.vtt`)
const online = new Set<string>()
let server: Awaited<ReturnType<typeof serve>>

const file = (path: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
  if (online.has(path)) res.writeHead(200, { 'content-type': 'text/vtt' }).end(vtt)
  else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
}

beforeAll(async () => {
  server = await serve({
    '/fresh.vtt': file('/fresh.vtt'),
    '/old.vtt': file('/old.vtt'),
    '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([
      { guid: 'fresh', title: 'Out three hours ago', pubDate: new Date(Date.now() - 3 * 3_600_000), transcript: { url: `${server.url}/fresh.vtt`, type: 'text/vtt' } },
      { guid: 'old', title: 'Out last year', transcript: { url: `${server.url}/old.vtt`, type: 'text/vtt' } },
    ])),
  })
})

afterAll(async () => {
  await server.close()
  await obliterate(config)
  await obliterate(scheduled)
})

// A minimum interval of one second: the poll that asks again comes within it.
const scheduled = testConfig({ PODPIPE_POLL_MIN_INTERVAL_S: '1' })

it('asks again at the next poll for a new episode\'s missing transcript, and not for an old one\'s', async () => {
  const first = await ingestOnce(config, `${server.url}/feed.xml`, () => {}, { tuning: FAST })
  const fresh = first.failures.find((f) => f.reason.includes('/fresh.vtt'))
  const old = first.failures.find((f) => f.reason.includes('/old.vtt'))
  expect(fresh?.reason).toMatch(/HTTP 404, 3 h after the episode's date: the transcript may not be published yet/)
  expect(fresh?.attemptsMade).toBe(5)
  expect(old?.reason).toMatch(/\/old\.vtt: HTTP 404$/)
  expect(old?.attemptsMade).toBe(1)

  online.add('/fresh.vtt').add('/old.vtt')
  const second = await ingestOnce(config, `${server.url}/feed.xml`, () => {}, { tuning: FAST })
  expect(second.published).toBe(1)
  expect(second.episodes.find((e) => e.episodeId === fresh?.episodeId)?.status).toBe('published')
  expect(second.failures.map((f) => f.episodeId)).toEqual([old?.episodeId])
  expect(server.hits.get('/old.vtt')).toBe(1)
}, 120_000)

it('polls a scheduled feed again within its minimum interval when a new episode\'s transcript is missing, not a day later', async () => {
  const db = await createPgliteStore({ dir: undefined })
  const served = await serve({
    '/late.vtt': file('/late.vtt'),
    // Answers 304 to the ETag it sent: only a poll without validators reads the feed again.
    '/weekly.xml': (req, res) => {
      if (req.headers['if-none-match'] === '"w1"') return void res.writeHead(304, { etag: '"w1"' }).end()
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"w1"' }).end(rss([
        { guid: 'late', title: 'Out an hour ago', pubDate: new Date(Date.now() - 3_600_000), transcript: { url: `${served.url}/late.vtt`, type: 'text/vtt' } },
      ]))
    },
  })
  const url = `${served.url}/weekly.xml`
  await addFeeds(db, [{ url }], { now: new Date(Date.now() - 1000), bounds: { minS: 1, maxS: 86_400 } })
  const running = await startWorkers(scheduled, ['polls', 'feeds', 'transcripts', 'analyze', 'publish'], { registry: db, tuning: FAST, analysis: 'inline' })
  // Ticked by hand: a tick on the clock between the failure and the check below would already have brought the poll forward.
  const scheduler = await startFeedScheduler(scheduled, { registry: db, tuning: FAST, pollOnStart: false, ticking: false })
  const records = () => (existsSync(join(scheduled.dataDir, 'records')) ? readdirSync(join(scheduled.dataDir, 'records')).filter((f) => f.endsWith('.json')) : [])
  try {
    expect(await scheduler.tick()).toBe(1)
    await waitFor(async () => (await running.deps.queues.transcripts.getJobCountByTypes('failed')) === 1 || undefined, { what: 'the transcript job to fail' })
    await waitForQuiescence(Object.values(running.deps.queues), { timeoutMs: 30_000 })
    // A feed with one dated episode is next due at its maximum interval, a day away.
    expect((await listFeeds(db))[0]!.nextPollAt.getTime() - Date.now()).toBeGreaterThan(3_600_000)
    expect(records()).toEqual([])

    online.add('/late.vtt')
    // The ticks that follow bring the poll forward, then claim it: the file is read and published.
    await waitFor(async () => {
      await scheduler.tick()
      return records().length === 1 || undefined
    }, { what: 'the episode published by the poll brought forward', timeoutMs: 30_000, pollMs: 300 })
    expect(served.hits.get('/weekly.xml')).toBe(2)
  } finally {
    await scheduler.close()
    await running.close()
    await served.close()
    await db.close()
  }
}, 60_000)
