import { describe, expect, it } from 'vitest'
import { WEBHOOK_BACKOFF, defaultJobOptions } from './job-options.js'
import { ALL_QUEUES } from './names.js'
import { DEFAULT_TUNING } from './tuning.js'

describe('defaultJobOptions', () => {
  it.each(ALL_QUEUES)('retries, backs off with jitter and bounds retention on "%s"', (queue) => {
    const opts = defaultJobOptions(queue, DEFAULT_TUNING)
    expect(opts.attempts).toBeGreaterThanOrEqual(3)
    expect(opts.backoff).toMatchObject({ type: queue === 'webhook' ? WEBHOOK_BACKOFF : 'exponential', delay: DEFAULT_TUNING.backoffMs })
    const backoff = opts.backoff as { jitter?: number }
    expect(backoff.jitter).toBeGreaterThan(0)
    expect(backoff.jitter).toBeLessThanOrEqual(1)
    expect(opts.removeOnComplete).toEqual({ age: 86_400, count: 1_000 })
    expect(opts.removeOnFail).toEqual({ age: 14 * 86_400 })
  })

  it('never lets a tuning override drop below three attempts', () => {
    expect(defaultJobOptions('publish', { backoffMs: 10, attempts: 1 }).attempts).toBe(3)
  })
})
