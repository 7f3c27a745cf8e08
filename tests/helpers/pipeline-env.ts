import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, type Config } from '../../src/config/index.js'
import { removePrefix, type QueueTuning } from '../../src/queue/index.js'

export { SMALL_VTT } from './small-vtt.js'

export const REPO = new URL('../../', import.meta.url).pathname
export const SEED_FEED = join(REPO, 'fixtures/feeds/seed-feed.xml')
export const PG_URL = 'postgres://postgres@127.0.0.1:5432/test'

/** Short timings so retries, stall recovery and shutdown take milliseconds in tests. */
export const FAST: Partial<QueueTuning> = { backoffMs: 30, lockDurationMs: 1_500, stalledIntervalMs: 500, shutdownGraceMs: 3_000, runRetryDelayMs: 200 }

export const uniquePrefix = (): string => `pptest-${randomBytes(5).toString('hex')}`

/** A Config as loadConfig builds it, with a private prefix and data dir, and loopback fetches allowed. */
export const testConfig = (env: Record<string, string> = {}): Config =>
  loadConfig({
    REDIS_URL: 'redis://127.0.0.1:6379',
    PODPIPE_QUEUE_PREFIX: uniquePrefix(),
    PODPIPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'podpipe-data-')),
    PODPIPE_STORES: 'file',
    PODPIPE_ALLOW_PRIVATE_ADDRESSES: 'true',
    PODPIPE_CONCURRENCY: '4',
    LOG_LEVEL: 'silent',
    ...env,
  })

/** Obliterates every queue under the config's prefix and deletes its other keys (blobs, feed state). */
export const obliterate = (config: Pick<Config, 'redisUrl' | 'queuePrefix'>): Promise<void> => removePrefix(config.redisUrl, config.queuePrefix)

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** A real HTTP server on 127.0.0.1 with one handler per path. */
export const serve = async (routes: Record<string, Handler>): Promise<{ url: string; hits: Map<string, number>; close(): Promise<void> }> => {
  const hits = new Map<string, number>()
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    hits.set(path, (hits.get(path) ?? 0) + 1)
    const route = routes[path]
    if (route) route(req, res)
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export interface TestItem {
  guid: string
  title: string
  /** HTML post body (content:encoded). */
  body?: string
  transcript?: { url: string; type: string }
  /** The item's date. @defaultValue 11 October 2025 */
  pubDate?: Date
}

/** A small RSS 2.0 feed with the Podcasting 2.0 namespace, for feeds built inside a test. */
export const rss = (items: TestItem[], title = 'Test feed'): string => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel><title>${esc(title)}</title><link>https://example.com/</link><language>en</language>
${items.map((it) => `<item><guid isPermaLink="false">${esc(it.guid)}</guid><title>${esc(it.title)}</title><pubDate>${(it.pubDate ?? new Date('2025-10-11T10:00:00Z')).toUTCString()}</pubDate>
${it.body ? `<content:encoded><![CDATA[${it.body}]]></content:encoded>` : ''}
${it.transcript ? `<podcast:transcript url="${esc(it.transcript.url)}" type="${esc(it.transcript.type)}"/>` : ''}</item>`).join('\n')}
</channel></rss>`

const SEED_TXT = '/work/shared/corpus/seed/000_66d8e60a35b94f19.txt'

/** The seed post as HTML paragraphs (lines from..to, 1-based inclusive), for test feeds. */
export const seedHtml = (from = 49, to = 156): string =>
  readFileSync(SEED_TXT, 'utf8').split('\n').slice(from - 1, to).filter((l) => l.trim()).map((l) => `<p>${esc(l)}</p>`).join('\n')

/** fixtures/feeds/seed-feed.xml when it exists, else a minimal three-item feed built from the seed. */
export const seedFeedXml = (): string =>
  existsSync(SEED_FEED)
    ? readFileSync(SEED_FEED, 'utf8')
    : rss([
        { guid: 'seed-article', title: 'Space law article', body: seedHtml(3, 39) },
        { guid: 'seed-commentary', title: 'Commentary', body: seedHtml(41, 48) },
        { guid: 'seed-episode', title: 'Rare earth controls', body: seedHtml(49, 156) },
      ], 'ChinaTalk (seed)')

