import { describe, expect, it } from 'vitest'
import {
  KEPT_PUBLISH_TIMES, MAX_ERROR_BACKOFF_S, MAX_RETRY_AFTER_S, adaptiveIntervalS, afterWait, cronIntervalS, errorBackoffS,
  mergePublishTimes, nextPollAt, phaseOf, retryAfterS,
} from './schedule.js'

const NOW = new Date('2026-06-01T12:00:00Z')
const HOUR = 3600
const DAY = 86_400
const bounds = { minS: 900, maxS: DAY }
const ago = (s: number) => new Date(NOW.getTime() - s * 1000)

describe('adaptiveIntervalS', () => {
  it.each([
    { id: 'daily feed, just published', times: [ago(HOUR), ago(DAY + HOUR), ago(2 * DAY + HOUR)], want: DAY / 4 },
    { id: 'hourly feed: held at the minimum', times: [ago(60), ago(HOUR), ago(2 * HOUR), ago(3 * HOUR)], want: 900 },
    { id: 'weekly feed: held at the maximum', times: [ago(DAY), ago(8 * DAY), ago(15 * DAY)], want: DAY },
    { id: 'daily feed gone quiet for two days: slower', times: [ago(2 * DAY), ago(3 * DAY), ago(4 * DAY)], want: (2 * DAY) / 4 },
    { id: 'one date says nothing: the maximum', times: [ago(HOUR)], want: DAY },
    { id: 'no dates: the maximum', times: [], want: DAY },
    { id: 'future and invalid dates are ignored', times: [new Date(NOW.getTime() + DAY), new Date(Number.NaN), ago(HOUR), ago(DAY + HOUR)], want: DAY / 4 },
  ])('$id', ({ times, want }) => {
    expect(adaptiveIntervalS(times, NOW, bounds)).toBe(want)
  })

  it('an odd gap does not move the median', () => {
    const daily = Array.from({ length: 6 }, (_, i) => ago(i * DAY + 60))
    expect(adaptiveIntervalS([...daily, ago(30 * DAY)], NOW, bounds)).toBe(DAY / 4)
  })
})

describe('mergePublishTimes', () => {
  it('keeps the newest distinct dates, newest first', () => {
    const kept = Array.from({ length: KEPT_PUBLISH_TIMES }, (_, i) => ago((i + 1) * DAY))
    const merged = mergePublishTimes(kept, [ago(HOUR), ago(DAY)])
    expect(merged).toHaveLength(KEPT_PUBLISH_TIMES)
    expect(merged[0]).toEqual(ago(HOUR))
    expect(merged[1]).toEqual(ago(DAY))
    expect(merged.at(-1)).toEqual(ago((KEPT_PUBLISH_TIMES - 1) * DAY))
  })
})

describe('errorBackoffS', () => {
  it.each([
    { errors: 1, want: 2 * HOUR },
    { errors: 2, want: 4 * HOUR },
    { errors: 5, want: 32 * HOUR },
    { errors: 12, want: MAX_ERROR_BACKOFF_S },
    { errors: 500, want: MAX_ERROR_BACKOFF_S },
  ])('doubles the interval per failure in a row, up to a week ($errors errors)', ({ errors, want }) => {
    expect(errorBackoffS(errors, HOUR)).toBe(want)
  })

  it('never waits less than the interval itself', () => {
    expect(errorBackoffS(1, 30 * DAY)).toBe(30 * DAY)
  })
})

describe('retryAfterS', () => {
  it.each([
    { id: 'seconds', header: '120', want: 120 },
    { id: 'an HTTP date', header: new Date(NOW.getTime() + 90_500).toUTCString(), want: 90 },
    { id: 'a date in the past', header: ago(60).toUTCString(), want: 0 },
    { id: 'too long', header: String(10 * DAY), want: MAX_RETRY_AFTER_S },
    { id: 'missing', header: undefined, want: undefined },
    { id: 'unreadable', header: 'soon', want: undefined },
    { id: 'negative', header: '-5', want: undefined },
  ])('$id', ({ header, want }) => {
    expect(retryAfterS(header, NOW)).toBe(want)
  })
})

describe('nextPollAt', () => {
  it('is after the poll, on a grid offset by the feed, at least half an interval on', () => {
    for (const id of ['feed-a', 'feed-b', 'feed-c']) {
      const next = nextPollAt(id, NOW, HOUR)
      const wait = next.getTime() - NOW.getTime()
      expect(wait).toBeGreaterThanOrEqual((HOUR * 1000) / 2)
      expect(wait).toBeLessThanOrEqual(1.5 * HOUR * 1000)
      expect((next.getTime() - Math.floor(phaseOf(id) * HOUR * 1000)) % (HOUR * 1000)).toBe(0)
      // The same grid from any moment within it: schedulers agree.
      expect(nextPollAt(id, new Date(NOW.getTime() + 1000), HOUR)).toEqual(next)
    }
  })

  it('spreads feeds evenly over the interval instead of the top of the minute', () => {
    const buckets = new Array<number>(10).fill(0)
    for (let i = 0; i < 10_000; i++) {
      const t = nextPollAt(`feed-${i}`, NOW, 60).getTime()
      buckets[Math.floor(((t % 60_000) / 60_000) * 10)]! += 1
    }
    for (const n of buckets) expect(n).toBeGreaterThan(900)
    for (const n of buckets) expect(n).toBeLessThan(1100)
  })
})

describe('afterWait', () => {
  it('waits at least the time asked, and at most a tenth (or a minute) more', () => {
    for (const id of ['feed-a', 'feed-b']) {
      const t = afterWait(id, NOW, 120).getTime() - NOW.getTime()
      expect(t).toBeGreaterThanOrEqual(120_000)
      expect(t).toBeLessThan(132_000)
      const long = afterWait(id, NOW, DAY).getTime() - NOW.getTime()
      expect(long).toBeLessThan(DAY * 1000 + 60_000)
    }
  })
})

describe('cronIntervalS', () => {
  it.each([
    { expr: '*/15 * * * *', want: 900 },
    { expr: '*/5 * * * *', want: 300 },
    { expr: '0 3 * * *', want: DAY },
    { expr: '* * * * * *', want: 1 },
  ])('$expr is every $want s', ({ expr, want }) => {
    expect(cronIntervalS(expr)).toBe(want)
  })
})
