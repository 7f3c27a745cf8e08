import type { MinimalJob } from 'bullmq'
import { describe, expect, it } from 'vitest'
import { MAX_RETRY_AFTER_MS, webhookBackoff } from './backoff.js'
import { WebhookDeliveryError, parseRetryAfter } from './deliver.js'

const job = (delay: number, jitter = 0) => ({ opts: { backoff: { type: 'webhook-retry-after', delay, jitter } } }) as unknown as MinimalJob
const busy = (retryAfterMs: number) =>
  new Error('HTTP_STATUS: webhook receiver answered 429', { cause: new WebhookDeliveryError('HTTP_STATUS', 'answered 429', { permanent: false, status: 429, retryAfterMs }) })

describe('webhookBackoff', () => {
  it('doubles from the job delay', async () => {
    expect(await webhookBackoff(1, 'x', new Error('boom'), job(100))).toBe(100)
    expect(await webhookBackoff(4, 'x', new Error('boom'), job(100))).toBe(800)
  })

  it('stays within the jitter band', async () => {
    for (let i = 0; i < 50; i++) {
      const delay = await webhookBackoff(3, 'x', new Error('boom'), job(100, 0.5))
      expect(delay).toBeGreaterThanOrEqual(200)
      expect(delay).toBeLessThanOrEqual(400)
    }
  })

  it('waits for a longer Retry-After, never less than the backoff, and at most an hour', async () => {
    expect(await webhookBackoff(1, 'x', busy(5_000), job(100))).toBe(5_000)
    expect(await webhookBackoff(6, 'x', busy(1_000), job(100))).toBe(3_200)
    expect(await webhookBackoff(1, 'x', busy(86_400_000), job(100))).toBe(MAX_RETRY_AFTER_MS)
  })
})

describe('parseRetryAfter', () => {
  const now = new Date('2026-01-10T12:00:00Z')
  it.each([
    { id: 'seconds', value: '120', ms: 120_000 },
    { id: 'an HTTP date', value: 'Sat, 10 Jan 2026 12:00:30 GMT', ms: 30_000 },
    { id: 'a date in the past', value: 'Sat, 10 Jan 2026 11:00:00 GMT', ms: 0 },
    { id: 'garbage', value: 'soon', ms: undefined },
    { id: 'absent', value: undefined, ms: undefined },
  ])('$id', ({ value, ms }) => {
    expect(parseRetryAfter(value, now)).toBe(ms)
  })
})
