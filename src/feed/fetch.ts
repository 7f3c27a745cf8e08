/**
 * The one impure part of src/feed: reads a feed or transcript over HTTP(S) or from a file.
 * Redirects are followed by hand so each hop is counted and re-checked; the SSRF guard runs
 * inside the connection's DNS lookup, so the address checked is the address connected to
 * (a second resolution cannot swap in a private address).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { readFile, stat } from 'node:fs/promises'
import { isIP, type LookupFunction } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import type { Readable, Transform } from 'node:stream'
import { Agent, request } from 'undici'
import { PodpipeError, isPodpipeError } from '../errors/index.js'
import { forbiddenAddressReason } from './address-guard.js'

export interface FetchOptions {
  /** whole fetch, all hops and the body. @defaultValue 15000 */
  timeoutMs?: number
  /** decoded body size cap. @defaultValue 10 MiB (feeds); callers set it for transcripts */
  maxBytes?: number
  /** @defaultValue 5 */
  maxRedirects?: number
  /** reach loopback, private and link-local addresses (local runs, tests). @defaultValue false */
  allowPrivateAddresses?: boolean
  /**
   * read `file:` URLs and plain paths: true for user-given URLs and for URLs inside a feed
   * that was itself read from a file; false for anything named inside a remote feed.
   * @defaultValue false
   */
  allowFileUrls?: boolean
  /** @defaultValue 'podpipe/0.1 (+https://github.com/podpipe)' */
  userAgent?: string
}

export type FetchResult =
  | { status: 'ok'; url: string; body: Buffer; contentType?: string; etag?: string; lastModified?: string }
  | { status: 'not-modified'; url: string }

export interface FetchContext {
  /** validators from the previous fetch, sent as If-None-Match / If-Modified-Since */
  cache?: { etag?: string; lastModified?: string }
  /**
   * Connections to reuse (createFetchAgent), kept alive across fetches and closed by its owner;
   * without one, each fetch opens its own and closes them.
   */
  agent?: Agent
}

/**
 * An answer other than 2xx, 304 or a redirect. A 429 or 503 carries the server's Retry-After
 * as sent, for a caller that spaces its requests to that host (the feed poller).
 */
export class HttpStatusError extends PodpipeError {
  readonly status: number
  readonly retryAfter: string | undefined

  constructor(status: number, message: string, options: { input: string; permanent: boolean; retryAfter?: string | undefined }) {
    super('HTTP_STATUS', message, options)
    this.status = status
    this.retryAfter = options.retryAfter
  }
}

export interface FetchAgentOptions {
  /** @defaultValue false */
  allowPrivateAddresses?: boolean
  /** connect, headers and body timeouts. @defaultValue 15000 */
  timeoutMs?: number
  /** Connections kept per origin: with no pipelining, the requests in flight to one host. @defaultValue 4 */
  connectionsPerHost?: number
}

/**
 * Keep-alive connections for many fetches (FetchContext.agent), with the same address guard
 * as a fetch's own: the lookup that connects is the one checked.
 */
export const createFetchAgent = ({ allowPrivateAddresses = false, timeoutMs = DEFAULTS.timeoutMs, connectionsPerHost = 4 }: FetchAgentOptions = {}): Agent =>
  new Agent({
    connect: { lookup: guardedLookup(allowPrivateAddresses), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connections: connectionsPerHost,
  })

const DEFAULTS = {
  timeoutMs: 15_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  allowPrivateAddresses: false,
  allowFileUrls: false,
  userAgent: 'podpipe/0.1 (+https://github.com/podpipe)',
} as const

type Settings = Required<FetchOptions>

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i
const REDIRECTS = new Set([301, 302, 303, 307, 308])
const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8'

/** Marks the lookup failure so it can be told apart from undici's own connect errors. */
class ForbiddenAddress extends Error {
  override readonly name = 'ForbiddenAddress'
}

const guardedLookup = (allowPrivate: boolean): LookupFunction =>
  function podpipeLookup(hostname, options, callback) {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0)
      const refused = allowPrivate ? undefined : addresses.find((a) => forbiddenAddressReason(a.address) !== null)
      if (refused) {
        const reason = forbiddenAddressReason(refused.address)
        return callback(new ForbiddenAddress(`${hostname} resolves to ${reason} address ${refused.address}`), '', 0)
      }
      if (options.all) return callback(null, addresses)
      const first = addresses[0]
      if (!first) return callback(new Error(`${hostname} resolved to no address`), '', 0)
      return callback(null, first.address, first.family)
    })
  }

const findInChain = <T extends Error>(err: unknown, test: (e: Error) => e is T): T | undefined => {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (test(e)) return e
    if (e instanceof AggregateError) {
      const inner = e.errors.find((x): x is T => x instanceof Error && test(x))
      if (inner) return inner
    }
  }
  return undefined
}

const errorCode = (err: unknown): string | undefined => {
  const withCode = findInChain(err, (e): e is Error & { code: string } => typeof (e as { code?: unknown }).code === 'string')
  return withCode?.code
}

const readLocal = async (target: string, shown: string, s: Settings): Promise<FetchResult> => {
  let path: string
  try {
    path = target.startsWith('file:') ? fileURLToPath(target) : target
  } catch (err) {
    throw new PodpipeError('FETCH_FAILED', 'is not a valid file URL', { input: shown, cause: err })
  }
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new PodpipeError('FETCH_FAILED', 'is not a regular file', { input: shown })
    if (info.size > s.maxBytes) {
      throw new PodpipeError('TOO_LARGE', `is ${info.size} bytes, over the ${s.maxBytes}-byte limit`, { input: shown })
    }
    return { status: 'ok', url: target, body: await readFile(path) }
  } catch (err) {
    if (isPodpipeError(err)) throw err
    const code = errorCode(err)
    // A missing or unreadable file stays missing on retry; other I/O errors may pass.
    const permanent = code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR'
    throw new PodpipeError('FETCH_FAILED', `cannot be read (${code ?? 'I/O error'})`, { input: shown, permanent, cause: err })
  }
}

const decoderFor = (encoding: string | undefined): Transform | null => {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip()
    case 'deflate':
      return createInflate()
    case 'br':
      return createBrotliDecompress()
    default:
      return null
  }
}

/** Reads the body, decompressing, and stops as soon as the decoded size passes the cap. */
const readCapped = async (body: Readable, encoding: string | undefined, shown: string, s: Settings): Promise<Buffer> => {
  const decoder = decoderFor(encoding)
  const stream: Readable = decoder ? body.pipe(decoder) : body
  if (decoder) body.on('error', (err) => decoder.destroy(err))
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array)
      size += buf.length
      if (size > s.maxBytes) {
        throw new PodpipeError('TOO_LARGE', `body exceeds the ${s.maxBytes}-byte limit`, { input: shown })
      }
      chunks.push(buf)
    }
  } finally {
    discard(body)
    decoder?.destroy()
  }
  return Buffer.concat(chunks)
}

/**
 * Drops a body we will not read. undici reports destroying an unread body as an
 * AbortError event; without a listener that would surface as an uncaught exception.
 */
const discard = (body: Readable): void => {
  body.on('error', () => undefined)
  body.destroy()
}

const header = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

// The guard is a default, not a verdict: a feed on the LAN is legitimate when the operator says so.
const ALLOW_HINT = ' (set PODPIPE_ALLOW_PRIVATE_ADDRESSES=1 to allow private, loopback and link-local addresses)'

const checkUrl = (url: URL, shown: string, s: Settings): void => {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PodpipeError('FORBIDDEN_SCHEME', `scheme ${url.protocol} is not fetched (only http, https${s.allowFileUrls ? ', file' : ''})`, { input: shown })
  }
  // Node does not call the lookup hook for IP literals, so they are checked here.
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (!s.allowPrivateAddresses && isIP(host) !== 0) {
    const reason = forbiddenAddressReason(host)
    if (reason) throw new PodpipeError('FORBIDDEN_ADDRESS', `${reason} address ${host} is refused${ALLOW_HINT}`, { input: shown })
  }
}

const statusError = (status: number, url: string, shown: string, retryAfter: string | undefined): PodpipeError => {
  // 408 and 429 say "later"; other 4xx say the request itself is wrong.
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429
  const where = url === shown ? '' : ` (at ${url})`
  return new HttpStatusError(status, `HTTP ${status}${where}`, { input: shown, permanent, retryAfter })
}

const fetchHttp = async (start: URL, shown: string, s: Settings, ctx: FetchContext, agent: Agent, signal: AbortSignal): Promise<FetchResult> => {
  let url = start
  for (let hop = 0; ; hop++) {
    checkUrl(url, shown, s)
    const headers: Record<string, string> = {
      'user-agent': s.userAgent,
      accept: ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
    }
    // Validators belong to the URL they came from; only send them on the first hop.
    if (hop === 0 && ctx.cache?.etag) headers['if-none-match'] = ctx.cache.etag
    if (hop === 0 && ctx.cache?.lastModified) headers['if-modified-since'] = ctx.cache.lastModified
    const res = await request(url, { method: 'GET', headers, dispatcher: agent, signal })
    const href = url.href
    if (REDIRECTS.has(res.statusCode)) {
      discard(res.body)
      const location = header(res.headers, 'location')
      if (!location) throw new PodpipeError('FETCH_FAILED', `HTTP ${res.statusCode} without a Location header`, { input: shown })
      if (hop + 1 > s.maxRedirects) {
        throw new PodpipeError('TOO_MANY_REDIRECTS', `more than ${s.maxRedirects} redirects (last to ${location})`, { input: shown })
      }
      url = new URL(location, url)
      continue
    }
    if (res.statusCode === 304) {
      discard(res.body)
      return { status: 'not-modified', url: href }
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      discard(res.body)
      throw statusError(res.statusCode, href, shown, header(res.headers, 'retry-after'))
    }
    const declared = Number(header(res.headers, 'content-length'))
    const encoding = header(res.headers, 'content-encoding')
    if (!encoding && Number.isFinite(declared) && declared > s.maxBytes) {
      discard(res.body)
      throw new PodpipeError('TOO_LARGE', `Content-Length ${declared} is over the ${s.maxBytes}-byte limit`, { input: shown })
    }
    const body = await readCapped(res.body, encoding, shown, s)
    const result: FetchResult = { status: 'ok', url: href, body }
    const contentType = header(res.headers, 'content-type')
    const etag = header(res.headers, 'etag')
    const lastModified = header(res.headers, 'last-modified')
    if (contentType) result.contentType = contentType
    if (etag) result.etag = etag
    if (lastModified) result.lastModified = lastModified
    return result
  }
}

const asFetchError = (err: unknown, shown: string, timedOut: boolean): PodpipeError => {
  if (isPodpipeError(err)) return err
  if (timedOut) return new PodpipeError('TIMEOUT', 'timed out', { input: shown, permanent: false, cause: err })
  const forbidden = findInChain(err, (e): e is ForbiddenAddress => e instanceof ForbiddenAddress)
  if (forbidden) return new PodpipeError('FORBIDDEN_ADDRESS', `${forbidden.message}; refused${ALLOW_HINT}`, { input: shown, cause: err })
  const code = errorCode(err)
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new PodpipeError('TIMEOUT', `timed out (${code})`, { input: shown, permanent: false, cause: err })
  }
  if (code?.startsWith('Z_') || code?.includes('BROTLI') || code?.startsWith('ERR__ERROR')) {
    return new PodpipeError('FETCH_FAILED', 'body could not be decompressed', { input: shown, cause: err })
  }
  const detail = err instanceof Error ? err.message : String(err)
  return new PodpipeError('FETCH_FAILED', `request failed (${code ?? detail})`, { input: shown, permanent: false, cause: err })
}

/**
 * Fetches a feed or transcript: HTTP(S) with manual redirects, gzip/deflate/br, a decoded
 * byte cap, one deadline for the whole fetch, conditional GET and an SSRF guard; or a
 * `file:` URL / plain path when `allowFileUrls`. Every failure is a PodpipeError naming
 * the URL, `permanent` when retrying cannot help (4xx, bad scheme, too large, refused).
 * @example
 * const res = await fetchResource('https://example.com/feed.xml', {}, { cache: { etag: '"abc"' } })
 * if (res.status === 'ok') decodeText(res.body, res.contentType)
 */
export const fetchResource = async (url: string, options: FetchOptions = {}, context: FetchContext = {}): Promise<FetchResult> => {
  const s: Settings = { ...DEFAULTS, ...stripUndefined(options) }
  const shown = url
  const isFile = url.startsWith('file:') || !HAS_SCHEME.test(url)
  if (isFile) {
    if (!s.allowFileUrls) throw new PodpipeError('FORBIDDEN_SCHEME', 'local files are not read here (file: URL or path named by a remote source)', { input: shown })
    return readLocal(url, shown, s)
  }
  let start: URL
  try {
    start = new URL(url)
  } catch (err) {
    throw new PodpipeError('FETCH_FAILED', 'is not a valid URL', { input: shown, cause: err })
  }
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, s.timeoutMs)
  const agent = context.agent ?? createFetchAgent({ allowPrivateAddresses: s.allowPrivateAddresses, timeoutMs: s.timeoutMs })
  try {
    return await fetchHttp(start, shown, s, context, agent, controller.signal)
  } catch (err) {
    throw asFetchError(err, shown, timedOut)
  } finally {
    clearTimeout(timer)
    // Do not wait for a graceful close: a slow server would hold the caller past its deadline.
    if (agent !== context.agent) void agent.destroy().catch(() => undefined)
  }
}

const stripUndefined = (options: FetchOptions): FetchOptions =>
  Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as FetchOptions
