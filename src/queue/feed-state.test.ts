import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFeedState, retryMark, type FeedState } from './feed-state.js'

// Real Redis (127.0.0.1:6379), a unique prefix per run so parallel suites never meet.
describe('feed state: remembered transcripts', () => {
  let redis: Redis
  let state: FeedState
  const prefix = `test-feedstate-${randomUUID()}`

  beforeAll(() => {
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 })
    state = createFeedState(redis, prefix)
  })
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length > 0) await redis.del(...keys)
    redis.disconnect()
  })

  it('returns the validators and hash saved for an episode, per feed', async () => {
    await state.saveTranscript('f1', 'ep-a', { url: 'https://x.test/a.vtt', etag: '"v1"', sha256: 'aa' })
    expect(await state.transcripts('f1', ['ep-a', 'ep-b'], ['https://x.test/a.vtt', 'https://x.test/b.vtt'])).toEqual([
      { url: 'https://x.test/a.vtt', etag: '"v1"', sha256: 'aa' },
      undefined,
    ])
    expect(await state.transcripts('f2', ['ep-a'], ['https://x.test/a.vtt'])).toEqual([undefined])
  })

  it('forgets the memo when the episode now links another URL, so stale validators are never sent', async () => {
    await state.saveTranscript('f3', 'ep-a', { url: 'https://x.test/old.vtt', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT', sha256: 'bb' })
    expect(await state.transcripts('f3', ['ep-a'], ['https://x.test/new.vtt'])).toEqual([undefined])
  })

  it('replaces the memo on save and drops empty validators', async () => {
    await state.saveTranscript('f4', 'ep-a', { url: 'u', etag: '"v1"', sha256: 'aa' })
    await state.saveTranscript('f4', 'ep-a', { url: 'u', etag: '', sha256: 'cc' })
    expect(await state.transcripts('f4', ['ep-a'], ['u'])).toEqual([{ url: 'u', sha256: 'cc' }])
  })

  it('treats an unreadable memo as never recorded (one extra fetch, never a missed change)', async () => {
    await redis.hset(`${prefix}:feed:f5:transcripts`, 'ep-a', '{not json')
    expect(await state.transcripts('f5', ['ep-a'], ['u'])).toEqual([undefined])
  })

  it('forget() drops the transcript memos with the rest of the feed state', async () => {
    await state.saveTranscript('f6', 'ep-a', { url: 'u', sha256: 'aa' })
    await state.forget('f6')
    expect(await state.transcripts('f6', ['ep-a'], ['u'])).toEqual([undefined])
  })

  it('keeps the recheck list of the last full poll, and forget() drops it', async () => {
    expect(await state.recheckList('f7')).toEqual([])
    await state.saveRecheckList('f7', [{ key: 'ep-a', hash: 'aa' }])
    expect(await state.recheckList('f7')).toEqual([{ key: 'ep-a', hash: 'aa' }])
    await redis.set(`${prefix}:feed:f8:recheck`, '{broken')
    expect(await state.recheckList('f8')).toEqual([])
    await state.forget('f7')
    expect(await state.recheckList('f7')).toEqual([])
  })

  it('shares the hosts that asked to wait, forgetting them once the wait is past', async () => {
    const now = new Date('2026-06-01T12:00:00Z')
    await state.saveHostWaits(new Map([['https://a.example', new Date(now.getTime() + 60_000)], ['https://b.example', new Date(now.getTime() - 1)]]))
    expect(await state.hostWaits(['https://a.example', 'https://b.example', 'https://c.example'], now))
      .toEqual(new Map([['https://a.example', new Date(now.getTime() + 60_000)]]))
    expect(await redis.hkeys(`${prefix}:feeds:host-waits`)).toEqual(['https://a.example'])
  })

  it('counts a feed\'s revalidations in a row, starting over after a day without one', async () => {
    const at = (hours: number) => new Date(Date.UTC(2026, 5, 1) + hours * 3_600_000)
    const attempts = async (hours: number) => {
      await state.markSeen('f8', [['ep', 'h']])
      await state.retryLater('f8', 'ep', 'h')
      return (await state.takeRevalidations(10, at(hours))).map((r) => r.attempts)
    }
    expect([await attempts(0), await attempts(1), await attempts(3), await attempts(30)]).toEqual([[1], [2], [3], [1]])
    await state.forget('f8')
    expect([await attempts(31)]).toEqual([[1]])
  })

  it('keeps no revalidation count longer than the day it matters, and drops the old shared hash', async () => {
    await redis.hset(`${prefix}:feeds:revalidations`, 'f10', `1:${Date.now()}`)
    await state.markSeen('f10', [['ep', 'h']])
    await state.retryLater('f10', 'ep', 'h')
    await state.takeRevalidations(10)
    const ttl = await redis.pttl(`${prefix}:feed:f10:revalidations`)
    expect(ttl).toBeGreaterThan(86_000_000)
    expect(ttl).toBeLessThanOrEqual(86_400_000)
    expect(await redis.exists(`${prefix}:feeds:revalidations`)).toBe(0)
  })

  it('marks a seen item for retry only while it is remembered with the failed hash', async () => {
    await state.markSeen('f9', [['ep-a', 'h1'], ['ep-b', 'h2']])
    await state.saveHttpCache('f9', { etag: '"feed-v1"' })
    expect(await state.retryLater('f9', 'ep-b', 'old')).toBe(false)
    expect(await state.httpCache('f9')).toEqual({ etag: '"feed-v1"' })
    expect(await state.takeRevalidations(10)).toEqual([])
    expect(await state.retryLater('f9', 'ep-a', 'h1')).toBe(true)
    expect(await state.httpCache('f9')).toEqual({})
    // The registry's validators go too, once: the scheduler takes the feed off the list.
    expect(await state.takeRevalidations(10)).toEqual([{ feedId: 'f9', attempts: 1 }])
    expect(await state.takeRevalidations(10)).toEqual([])
    expect(await state.retryLater('f9', 'ep-c', 'h3')).toBe(false)
    expect(await state.seen('f9', ['ep-a', 'ep-b', 'ep-c'])).toEqual([retryMark('h1'), 'h2', undefined])
  })
})
