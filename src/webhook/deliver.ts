import { request, type Dispatcher } from 'undici'
import { PodpipeError, type ErrorCode } from '../errors/index.js'
import { signWebhook } from './signature.js'

/**
 * A delivery that did not succeed. `permanent` says whether sending the same notice again can
 * help; `retryAfterMs` is the receiver's Retry-After, when it sent one, for the backoff to honour.
 */
export class WebhookDeliveryError extends PodpipeError {
  readonly retryAfterMs: number | undefined
  readonly status: number | undefined

  constructor(code: ErrorCode, message: string, options: { permanent: boolean; status?: number; retryAfterMs?: number; cause?: unknown }) {
    super(code, message, { permanent: options.permanent, cause: options.cause })
    this.status = options.status
    this.retryAfterMs = options.retryAfterMs
  }
}

export interface DeliverOptions {
  /** Deadline of the whole request: connecting, sending, and reading the status and headers. */
  timeoutMs: number
  /** Most bytes of the answer read; the connection is closed past it. */
  maxResponseBytes: number
  /** Sent as User-Agent. @defaultValue 'podpipe' */
  userAgent?: string
  /** undici dispatcher, e.g. an Agent with its own connection pool. @defaultValue undici's global one */
  dispatcher?: Dispatcher
  /** Signing time. @defaultValue new Date() */
  now?: () => Date
}

export interface WebhookMessage {
  /** webhook-id: the same on every attempt, so a receiver can drop a repeat. */
  id: string
  /** The raw JSON body; it is signed byte for byte. */
  body: string
  secret: string
}

export interface Delivered {
  status: number
  ms: number
}

/** Characters of an error answer quoted in the failure reason. */
const EXCERPT_CHARS = 200

/**
 * POSTs one signed notice. A 2xx answer is a delivery. Redirects are not followed (a 3xx fails
 * for good: the URL is wrong, and following it could lead anywhere). 408, 429, 5xx, timeouts
 * and network errors are transient (`permanent: false`), with the receiver's Retry-After kept;
 * any other 4xx is permanent: the receiver refuses this notice, and would again.
 *
 * @example
 * await deliverWebhook(config.webhook.url, { id: job.id, body, secret }, { timeoutMs: 10_000, maxResponseBytes: 65_536 })
 */
export const deliverWebhook = async (url: string, message: WebhookMessage, options: DeliverOptions): Promise<Delivered> => {
  const now = options.now ?? (() => new Date())
  const started = performance.now()
  const signal = AbortSignal.timeout(options.timeoutMs)
  let res: Dispatcher.ResponseData
  try {
    res = await request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': options.userAgent ?? 'podpipe',
        ...signWebhook({ id: message.id, body: message.body, secret: message.secret, now: now() }),
      },
      body: message.body,
      signal,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    })
  } catch (err) {
    throw requestError(err, signal, options.timeoutMs)
  }
  const status = res.statusCode
  if (status >= 200 && status < 300) {
    // The status is the answer; the body is read (up to the limit) only to free the connection.
    await res.body.dump({ limit: options.maxResponseBytes }).catch(() => {})
    return { status, ms: Math.round(performance.now() - started) }
  }
  const excerpt = await readExcerpt(res.body, options.maxResponseBytes)
  throw statusError(status, res.headers, excerpt, now())
}

const requestError = (err: unknown, signal: AbortSignal, timeoutMs: number): WebhookDeliveryError => {
  if (signal.aborted) {
    return new WebhookDeliveryError('TIMEOUT', `webhook receiver did not answer within ${timeoutMs} ms`, { permanent: false, cause: err })
  }
  const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } }
  const code = typeof e.cause?.code === 'string' ? e.cause.code : typeof e.code === 'string' ? e.code : undefined
  const reason = typeof e.cause?.message === 'string' ? e.cause.message : typeof e.message === 'string' ? e.message : String(err)
  return new WebhookDeliveryError('FETCH_FAILED', `could not reach the webhook receiver (${code ?? reason})`, { permanent: false, cause: err })
}

const statusError = (status: number, headers: Record<string, string | string[] | undefined>, excerpt: string, now: Date): WebhookDeliveryError => {
  const said = excerpt ? `: ${excerpt}` : ''
  if (status >= 300 && status < 400) {
    return new WebhookDeliveryError(
      'HTTP_STATUS',
      `webhook receiver answered ${status}; redirects are not followed, so set PODPIPE_WEBHOOK_URL to the address it redirects to`,
      { permanent: true, status },
    )
  }
  const transient = status === 408 || status === 429 || status >= 500 || status < 200
  const retryAfterMs = transient ? parseRetryAfter(headers['retry-after'], now) : undefined
  return new WebhookDeliveryError('HTTP_STATUS', `webhook receiver answered ${status}${said}`, {
    permanent: !transient,
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  })
}

/**
 * Retry-After as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3);
 * undefined when absent or unreadable.
 * @example parseRetryAfter('120', new Date()) // 120000
 */
export const parseRetryAfter = (value: string | string[] | undefined, now: Date): number | undefined => {
  const v = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!v) return undefined
  if (/^\d+$/.test(v)) return Number(v) * 1000
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime())
}

/** The start of an error answer, on one line, for the failure reason; at most maxBytes are read. */
const readExcerpt = async (body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> => {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const room = Math.min(maxBytes, EXCERPT_CHARS * 4) - size
      if (room > 0) chunks.push(chunk.subarray(0, room))
      size += chunk.length
      if (size >= maxBytes) break
    }
  } catch {
    // A broken or timed-out body: what arrived is enough to quote.
  } finally {
    body.destroy()
  }
  return Buffer.concat(chunks).toString('utf8').replace(/[\s\p{Cc}]+/gu, ' ').trim().slice(0, EXCERPT_CHARS)
}
