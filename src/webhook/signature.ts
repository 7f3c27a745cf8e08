import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Signing follows Standard Webhooks (https://www.standardwebhooks.com, spec v1): the signed
 * content is `${webhook-id}.${webhook-timestamp}.${body}`, HMAC-SHA256 with the secret's key,
 * base64, sent as `webhook-signature: v1,<base64>`. The timestamp is signed too, so a receiver
 * that rejects old timestamps cannot be fed a captured request again later, and the id stays the
 * same on every attempt so a receiver can drop a delivery it already handled.
 */
export interface SignedHeaders {
  'webhook-id': string
  /** Unix seconds at signing time (each attempt is signed afresh). */
  'webhook-timestamp': string
  'webhook-signature': string
}

const WHSEC_PREFIX = 'whsec_'

/**
 * The HMAC key of a configured secret: the base64 after `whsec_` decoded (what Standard
 * Webhooks libraries do), or else the secret's own UTF-8 bytes.
 * @example signingKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') // 24 bytes
 */
export const signingKey = (secret: string): Buffer =>
  secret.startsWith(WHSEC_PREFIX) ? Buffer.from(secret.slice(WHSEC_PREFIX.length), 'base64') : Buffer.from(secret, 'utf8')

const sign = (key: Buffer, id: string, timestamp: string, body: string): string =>
  createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')

/**
 * The three headers that sign one attempt of a delivery.
 * @example signWebhook({ id: 'webhook-ep-1-ab…', body, secret, now: new Date() })['webhook-signature'] // 'v1,K5oZ…='
 */
export const signWebhook = ({ id, body, secret, now }: { id: string; body: string; secret: string; now: Date }): SignedHeaders => {
  const timestamp = String(Math.floor(now.getTime() / 1000))
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${sign(signingKey(secret), id, timestamp, body)}` }
}

export type VerifyResult = { ok: true } | { ok: false; reason: string }

/**
 * What a receiver does, for tests and as the reference for the README's snippet: the timestamp
 * within `toleranceSeconds` of now, and one of the space-separated `v1,` signatures equal (in
 * constant time) to the one computed over the raw body.
 */
export const verifyWebhook = (
  { headers, body, secret, now = new Date(), toleranceSeconds = 300 }:
  { headers: Record<string, string | string[] | undefined>; body: string; secret: string; now?: Date; toleranceSeconds?: number },
): VerifyResult => {
  const header = (name: string) => {
    const v = headers[name]
    return Array.isArray(v) ? v[0] : v
  }
  const id = header('webhook-id')
  const timestamp = header('webhook-timestamp')
  const signatures = header('webhook-signature')
  if (!id || !timestamp || !signatures) return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' }
  if (!/^\d+$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, reason: 'timestamp outside the tolerance' }
  }
  const expected = Buffer.from(sign(signingKey(secret), id, timestamp, body), 'base64')
  const match = signatures.split(' ').some((s) => {
    const [version, value] = s.split(',', 2)
    if (version !== 'v1' || !value) return false
    const given = Buffer.from(value, 'base64')
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
  return match ? { ok: true } : { ok: false, reason: 'no signature matches' }
}
