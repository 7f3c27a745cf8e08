// A transcript link that answers 404 just after its episode came out may be a file not published
// yet: the next poll asks again and publishes the episode once the file is there. An old
// episode's 404 is a broken link, which fails for good and is not fetched again.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ingestOnce } from '../pipelines/runtime.js'
import { FAST, REPO, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'

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
})

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
