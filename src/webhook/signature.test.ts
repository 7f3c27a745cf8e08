import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { signWebhook, signingKey, verifyWebhook } from './signature.js'

// The Standard Webhooks reference vector (their libraries' tests): reproducing it byte for byte
// is what says a receiver's off-the-shelf library accepts our signatures.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
}
const at = (seconds: number) => new Date(seconds * 1000)

describe('signWebhook', () => {
  it('reproduces the Standard Webhooks test vector', () => {
    expect(signWebhook({ id: VECTOR.id, body: VECTOR.body, secret: VECTOR.secret, now: at(VECTOR.timestamp) })).toEqual({
      'webhook-id': VECTOR.id,
      'webhook-timestamp': String(VECTOR.timestamp),
      'webhook-signature': VECTOR.signature,
    })
  })

  it('keys a whsec_ secret by its base64 and any other by its UTF-8 bytes', () => {
    expect(signingKey(VECTOR.secret)).toHaveLength(24)
    expect(signingKey('a plain secret of 24 chars').toString('utf8')).toBe('a plain secret of 24 chars')
  })
})

describe('verifyWebhook', () => {
  const headers = { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature }

  it.each([
    { id: 'the vector', h: headers, body: VECTOR.body, now: VECTOR.timestamp, ok: true },
    { id: 'one of several signatures', h: { ...headers, 'webhook-signature': `v1,bm9wZQ== ${VECTOR.signature}` }, body: VECTOR.body, now: VECTOR.timestamp, ok: true },
    { id: 'a changed body', h: headers, body: '{"test": 2432232315}', now: VECTOR.timestamp, ok: false },
    { id: 'a replay six minutes later', h: headers, body: VECTOR.body, now: VECTOR.timestamp + 360, ok: false },
    { id: 'a timestamp moved forward', h: { ...headers, 'webhook-timestamp': String(VECTOR.timestamp + 60) }, body: VECTOR.body, now: VECTOR.timestamp + 60, ok: false },
    { id: 'another id', h: { ...headers, 'webhook-id': 'msg_other' }, body: VECTOR.body, now: VECTOR.timestamp, ok: false },
    { id: 'no signature', h: { ...headers, 'webhook-signature': undefined }, body: VECTOR.body, now: VECTOR.timestamp, ok: false },
  ])('$id', ({ h, body, now, ok }) => {
    expect(verifyWebhook({ headers: h, body, secret: VECTOR.secret, now: at(now) }).ok).toBe(ok)
  })
})

describe("the README's receiver snippet", () => {
  it('accepts the vector and refuses a changed body', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const code = /```js\n(import \{ createHmac[\s\S]*?)```/.exec(readme)?.[1]
    expect(code).toBeDefined()
    const { verifyPodpipe } = (await import(`data:text/javascript,${encodeURIComponent(code ?? '')}`)) as {
      verifyPodpipe: (headers: Record<string, string>, rawBody: string, secret: string) => boolean
    }
    const headers = { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature }
    vi.useFakeTimers({ now: at(VECTOR.timestamp), toFake: ['Date'] })
    try {
      expect(verifyPodpipe(headers, VECTOR.body, VECTOR.secret)).toBe(true)
      expect(verifyPodpipe(headers, '{"test": 1}', VECTOR.secret)).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })
})
