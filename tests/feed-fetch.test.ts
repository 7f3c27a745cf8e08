import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchResource, type FetchOptions } from '../src/feed/index.js'
import { isPodpipeError, type PodpipeError } from '../src/errors/index.js'

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title></channel></rss>'
const ETAG = '"v1"'
const LAST_MODIFIED = 'Sat, 01 Jun 2024 10:00:00 GMT'

let server: Server
let base: string
const pending = new Set<ServerResponse>()

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/feed.xml': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
    res.end(FEED)
  },
  '/gzip.xml': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' })
    res.end(gzipSync(FEED))
  },
  '/deflate.xml': (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'deflate' })
    res.end(deflateSync(FEED))
  },
  '/br.xml': (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'br' })
    res.end(brotliCompressSync(FEED))
  },
  '/cached.xml': (req, res) => {
    if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
      res.writeHead(304)
      res.end()
      return
    }
    res.writeHead(200, { etag: ETAG, 'last-modified': LAST_MODIFIED, 'content-type': 'application/xml' })
    res.end(FEED)
  },
  '/loop': (_req, res) => {
    res.writeHead(302, { location: '/loop' })
    res.end()
  },
  '/to-file': (_req, res) => {
    res.writeHead(302, { location: 'file:///etc/passwd' })
    res.end()
  },
  '/big.xml': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml' })
    res.end(`<rss>${'x'.repeat(200_000)}</rss>`)
  },
  '/big-chunked.xml': (_req, res) => {
    // No Content-Length: only the streaming cap can stop it.
    res.writeHead(200, { 'content-type': 'application/xml', 'transfer-encoding': 'chunked' })
    for (let i = 0; i < 50; i++) res.write('y'.repeat(10_000))
    res.end()
  },
  '/gzip-bomb.xml': (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip' })
    res.end(gzipSync(Buffer.alloc(5_000_000, 0x61)))
  },
  '/bad-gzip.xml': (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip' })
    res.end('this is not gzip at all')
  },
  '/slow.xml': (_req, res) => {
    // Never answers until the test ends; the client's deadline must fire.
    pending.add(res)
  },
  '/missing.xml': (_req, res) => {
    res.writeHead(404)
    res.end('not found')
  },
  '/unavailable.xml': (_req, res) => {
    res.writeHead(503)
    res.end('try later')
  },
  '/throttled.xml': (_req, res) => {
    res.writeHead(429)
    res.end()
  },
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const hop = /^\/hop\/(\d+)$/.exec(path)
    if (hop) {
      const n = Number(hop[1])
      res.writeHead(301, { location: n > 0 ? `/hop/${n - 1}` : '/feed.xml' })
      res.end()
      return
    }
    const route = routes[path]
    if (route) return route(req, res)
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const res of pending) res.destroy()
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const local: FetchOptions = { allowPrivateAddresses: true, timeoutMs: 5000 }

const failure = async (promise: Promise<unknown>): Promise<PodpipeError> => {
  try {
    await promise
  } catch (err) {
    if (isPodpipeError(err)) return err
    throw err
  }
  throw new Error('expected the fetch to fail')
}

describe('fetchResource over HTTP', () => {
  it('returns the body, final URL and headers', async () => {
    const res = await fetchResource(`${base}/feed.xml`, local)
    expect(res.status).toBe('ok')
    if (res.status !== 'ok') return
    expect(res.body.toString('utf8')).toBe(FEED)
    expect(res.contentType).toBe('application/rss+xml; charset=utf-8')
    expect(res.url).toBe(`${base}/feed.xml`)
  })

  it.each([
    { id: 'gzip', path: '/gzip.xml' },
    { id: 'deflate', path: '/deflate.xml' },
    { id: 'br', path: '/br.xml' },
  ])('decodes $id bodies', async ({ path }) => {
    const res = await fetchResource(`${base}${path}`, local)
    expect(res.status === 'ok' && res.body.toString('utf8')).toBe(FEED)
  })

  it('returns validators and turns a conditional 304 into not-modified', async () => {
    const first = await fetchResource(`${base}/cached.xml`, local)
    expect(first.status).toBe('ok')
    if (first.status !== 'ok') return
    expect(first.etag).toBe(ETAG)
    expect(first.lastModified).toBe(LAST_MODIFIED)
    const byEtag = await fetchResource(`${base}/cached.xml`, local, { cache: { etag: ETAG } })
    expect(byEtag).toEqual({ status: 'not-modified', url: `${base}/cached.xml` })
    const byDate = await fetchResource(`${base}/cached.xml`, local, { cache: { lastModified: LAST_MODIFIED } })
    expect(byDate.status).toBe('not-modified')
  })

  it('follows redirects within the limit and reports the final URL', async () => {
    const res = await fetchResource(`${base}/hop/2`, { ...local, maxRedirects: 3 })
    expect(res.status).toBe('ok')
    expect(res.url).toBe(`${base}/feed.xml`)
  })

  it('refuses one redirect more than the limit', async () => {
    const err = await failure(fetchResource(`${base}/hop/2`, { ...local, maxRedirects: 2 }))
    expect(err.code).toBe('TOO_MANY_REDIRECTS')
  })

  it('stops a redirect loop with TOO_MANY_REDIRECTS, permanent, naming the URL', async () => {
    const err = await failure(fetchResource(`${base}/loop`, local))
    expect(err.code).toBe('TOO_MANY_REDIRECTS')
    expect(err.permanent).toBe(true)
    expect(err.message).toContain(`${base}/loop`)
  })

  it('refuses a redirect to a file: URL even when file URLs are allowed', async () => {
    const err = await failure(fetchResource(`${base}/to-file`, { ...local, allowFileUrls: true }))
    expect(err.code).toBe('FORBIDDEN_SCHEME')
  })

  it.each([
    { id: 'Content-Length over the cap', path: '/big.xml' },
    { id: 'chunked body over the cap', path: '/big-chunked.xml' },
    { id: 'gzip that inflates past the cap', path: '/gzip-bomb.xml' },
  ])('refuses a $id with TOO_LARGE', async ({ path }) => {
    const err = await failure(fetchResource(`${base}${path}`, { ...local, maxBytes: 100_000 }))
    expect(err.code).toBe('TOO_LARGE')
    expect(err.permanent).toBe(true)
  })

  it('reports a body that does not decompress as permanent FETCH_FAILED', async () => {
    const err = await failure(fetchResource(`${base}/bad-gzip.xml`, local))
    expect(err.code).toBe('FETCH_FAILED')
    expect(err.permanent).toBe(true)
  })

  it('gives up on a server that does not answer with a transient TIMEOUT', async () => {
    const err = await failure(fetchResource(`${base}/slow.xml`, { ...local, timeoutMs: 300 }))
    expect(err.code).toBe('TIMEOUT')
    expect(err.permanent).toBe(false)
  })

  it.each([
    { id: '404 is permanent', path: '/missing.xml', permanent: true },
    { id: '503 is transient', path: '/unavailable.xml', permanent: false },
    { id: '429 is transient', path: '/throttled.xml', permanent: false },
  ])('$id', async ({ path, permanent }) => {
    const err = await failure(fetchResource(`${base}${path}`, local))
    expect(err.code).toBe('HTTP_STATUS')
    expect(err.permanent).toBe(permanent)
    expect(err.input).toBe(`${base}${path}`)
  })

  it('refuses loopback unless private addresses are allowed', async () => {
    const literal = await failure(fetchResource(`${base}/feed.xml`))
    expect(literal.code).toBe('FORBIDDEN_ADDRESS')
    expect(literal.permanent).toBe(true)
    const port = new URL(base).port
    // A host name goes through the connection's own lookup, the DNS-rebinding-safe path.
    const named = await failure(fetchResource(`http://localhost:${port}/feed.xml`))
    expect(named.code).toBe('FORBIDDEN_ADDRESS')
    const allowed = await fetchResource(`http://localhost:${port}/feed.xml`, local)
    expect(allowed.status).toBe('ok')
  })

  it('refuses schemes other than http(s) and file', async () => {
    const err = await failure(fetchResource('ftp://example.com/feed.xml', local))
    expect(err.code).toBe('FORBIDDEN_SCHEME')
  })

  it('reports a refused connection as transient FETCH_FAILED', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const err = await failure(fetchResource(`http://127.0.0.1:${port}/feed.xml`, local))
    expect(err.code).toBe('FETCH_FAILED')
    expect(err.permanent).toBe(false)
  })
})

describe('fetchResource on local files', () => {
  let dir: string
  let file: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'podpipe-fetch-'))
    file = join(dir, 'feed.xml')
    await writeFile(file, FEED)
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses file: URLs and plain paths unless allowed', async () => {
    for (const target of [pathToFileURL(file).href, file]) {
      const err = await failure(fetchResource(target))
      expect(err.code).toBe('FORBIDDEN_SCHEME')
      expect(err.permanent).toBe(true)
    }
  })

  it('reads file: URLs and plain paths when allowed', async () => {
    for (const target of [pathToFileURL(file).href, file]) {
      const res = await fetchResource(target, { allowFileUrls: true })
      expect(res.status === 'ok' && res.body.toString('utf8')).toBe(FEED)
    }
  })

  it('applies the byte cap and reports a missing file as permanent', async () => {
    const big = await failure(fetchResource(file, { allowFileUrls: true, maxBytes: 10 }))
    expect(big.code).toBe('TOO_LARGE')
    const missing = await failure(fetchResource(join(dir, 'nope.xml'), { allowFileUrls: true }))
    expect(missing.code).toBe('FETCH_FAILED')
    expect(missing.permanent).toBe(true)
  })
})
