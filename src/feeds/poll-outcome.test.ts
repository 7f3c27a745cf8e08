import { describe, expect, it } from 'vitest'
import { pollUpdate, type FeedTiming } from './poll-outcome.js'
import { nextPollAt } from './schedule.js'

const NOW = new Date('2026-06-01T12:00:00Z')
const DAY = 86_400
const bounds = { minS: 900, maxS: DAY }
const daily = [1, 2, 3].map((d) => new Date(NOW.getTime() - d * DAY * 1000 + 3_600_000))
const feed = (over: Partial<FeedTiming> = {}): FeedTiming =>
  ({ id: 'feed-1', minIntervalS: null, maxIntervalS: null, publishTimes: daily, consecutiveErrors: 0, ...over })
const waitS = (d: Date) => (d.getTime() - NOW.getTime()) / 1000

describe('pollUpdate', () => {
  it('a 304 keeps the validators and polls again on the feed grid at the adapted interval', () => {
    const u = pollUpdate(feed({ consecutiveErrors: 3 }), { kind: 'not-modified' }, NOW, bounds)
    expect(u).toMatchObject({ intervalS: DAY / 4, consecutiveErrors: 0, status: 'not-modified', polledAt: NOW })
    expect(u.validators).toBeUndefined()
    expect(u.nextPollAt).toEqual(nextPollAt('feed-1', NOW, DAY / 4))
  })

  it('a 200 replaces the validators (none sent: none kept) and learns the publish times', () => {
    const fresh = new Date(NOW.getTime() - 60_000)
    const u = pollUpdate(feed(), { kind: 'changed', lastModified: 'Mon, 01 Jun 2026 11:59:00 GMT', publishTimes: [fresh] }, NOW, bounds)
    expect(u.validators).toEqual({ etag: null, lastModified: 'Mon, 01 Jun 2026 11:59:00 GMT' })
    expect(u.publishTimes?.[0]).toEqual(fresh)
    expect(u.status).toBe('changed')
  })

  it('a failure backs off, doubling per failure in a row', () => {
    const first = pollUpdate(feed(), { kind: 'failed', error: 'HTTP 500' }, NOW, bounds)
    const third = pollUpdate(feed({ consecutiveErrors: 2 }), { kind: 'failed', error: 'HTTP 500' }, NOW, bounds)
    expect(first).toMatchObject({ consecutiveErrors: 1, error: 'HTTP 500', status: 'failed' })
    expect(waitS(first.nextPollAt)).toBeGreaterThanOrEqual(2 * DAY / 4)
    expect(waitS(third.nextPollAt)).toBeGreaterThanOrEqual(8 * DAY / 4)
  })

  it('a Retry-After is honoured without counting against the feed', () => {
    const u = pollUpdate(feed({ consecutiveErrors: 1 }), { kind: 'throttled', waitS: 120, error: 'HTTP 429' }, NOW, bounds)
    expect(u).toMatchObject({ consecutiveErrors: 1, status: 'throttled' })
    expect(waitS(u.nextPollAt)).toBeGreaterThanOrEqual(120)
    expect(waitS(u.nextPollAt)).toBeLessThan(133)
  })

  it('a feed not requested because its host is cooling down waits until then, its last poll kept', () => {
    const u = pollUpdate(feed(), { kind: 'deferred', until: new Date(NOW.getTime() + 300_000) }, NOW, bounds)
    expect(u.polledAt).toBeUndefined()
    expect(u.status).toBeUndefined()
    expect(waitS(u.nextPollAt)).toBeGreaterThanOrEqual(300)
  })

  it('a fixed interval (a feeds file cron) overrides the adaptive one', () => {
    expect(pollUpdate(feed({ minIntervalS: 300, maxIntervalS: 300 }), { kind: 'not-modified' }, NOW, bounds).intervalS).toBe(300)
  })
})
