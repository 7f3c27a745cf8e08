import { Queue } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce, startWorkers, type RunningWorkers } from '../pipelines/runtime.js'
import { FAST, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'

const config = testConfig()
const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>&lol9;</title><item><guid>x</guid><title>&lol9;</title></item></channel></rss>`

let server: Awaited<ReturnType<typeof serve>>
let workers: RunningWorkers

beforeAll(async () => {
  const xml = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body)
  server = await serve({
    '/malformed.xml': xml('<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>x</item></channel>'),
    '/bomb.xml': xml(bomb),
    '/page.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><head><title>Welcome</title></head><body><p>Not a feed</p></body></html>'),
    '/empty.xml': xml(''),
    '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_req, res) => res.writeHead(302, { location: '/loop-a' }).end(),
    '/good.xml': xml(rss([{ guid: 'ok', title: 'Fine', body: '<p>Jordan Schneider: Hello.</p><p>Chris Miller: Hi.</p>' }])),
  })
  workers = await startWorkers(config, undefined, { tuning: FAST })
})

afterAll(async () => {
  await workers.close()
  await server.close()
  await obliterate(config)
})

describe('feed-level failures', () => {
  it.each([
    { id: 'malformed XML', path: '/malformed.xml', reason: /MALFORMED|NOT_A_FEED/ },
    { id: 'entity-expansion bomb', path: '/bomb.xml', reason: /MALFORMED|NOT_A_FEED|TOO_LARGE/ },
    { id: 'HTML page', path: '/page.html', reason: /NOT_A_FEED/ },
    { id: 'empty 200 response', path: '/empty.xml', reason: /EMPTY|NOT_A_FEED|MALFORMED/ },
    { id: 'redirect loop', path: '/loop-a', reason: /TOO_MANY_REDIRECTS/ },
  ])('$id: the feed fails at once with a reason naming it', async ({ path, reason }) => {
    const url = `${server.url}${path}`
    const run = ingestOnce(config, url, () => {}, { tuning: FAST, startWorkers: false })
    await expect(run).rejects.toThrow(reason)
    await expect(run).rejects.toThrow(url.replace(/-a$/, ''))
    const feeds = new Queue('feeds', { connection: { url: config.redisUrl }, prefix: config.queuePrefix })
    const failed = await feeds.getFailed()
    await feeds.close()
    const job = failed.find((j) => j.data.feedUrl === url)
    // Permanent: retrying the same document cannot help, so one attempt only.
    expect(job?.attemptsMade).toBe(1)
  })

  it('leaves the workers running: a good feed still ingests afterwards', async () => {
    const result = await ingestOnce(config, `${server.url}/good.xml`, () => {}, { tuning: FAST, startWorkers: false })
    expect(result).toMatchObject({ found: 1, published: 1, failed: 0 })
    expect(workers.workers.every((w) => w.isRunning())).toBe(true)
  })
})

describe('ingestOnce without any worker', () => {
  it('gives up after its timeout with a hint instead of waiting forever', async () => {
    const lonely = testConfig()
    try {
      const run = ingestOnce(lonely, 'https://example.com/feed.xml', () => {}, { startWorkers: false, timeoutMs: 300, pollMs: 50 })
      await expect(run).rejects.toThrow(/gave up waiting for the poll job .*are workers running/)
    } finally {
      await obliterate(lonely)
    }
  })
})
