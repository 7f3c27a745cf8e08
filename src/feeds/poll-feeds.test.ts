import { setTimeout as delay } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { HttpStatusError, type FetchResult } from '../feed/index.js'
import { pollFeeds, type PollTarget } from './poll-feeds.js'

const NOW = new Date('2026-06-01T12:00:00Z')
const feeds = (host: string, n: number): PollTarget[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${host}-${i}`, url: `https://${host}/${i}`, host: `https://${host}` }))

describe('pollFeeds', () => {
  it('keeps at most hostConcurrency requests in flight per host and concurrency in all', async () => {
    const inFlight = new Map<string, number>()
    let total = 0
    let maxTotal = 0
    const maxPerHost = new Map<string, number>()
    const fetch = async (f: PollTarget): Promise<FetchResult> => {
      inFlight.set(f.host, (inFlight.get(f.host) ?? 0) + 1)
      total++
      maxTotal = Math.max(maxTotal, total)
      maxPerHost.set(f.host, Math.max(maxPerHost.get(f.host) ?? 0, inFlight.get(f.host)!))
      await delay(2)
      inFlight.set(f.host, inFlight.get(f.host)! - 1)
      total--
      return { status: 'not-modified', url: f.url }
    }
    const batch = [...feeds('a.example', 20), ...feeds('b.example', 20), ...feeds('c.example', 20), ...feeds('d.example', 1)]
    const polled = await pollFeeds(batch, { fetch, now: () => NOW, concurrency: 7, hostConcurrency: 3, hostWaits: new Map() })
    expect(polled).toHaveLength(61)
    expect(polled.every((p) => p.finding.kind === 'not-modified')).toBe(true)
    expect(Math.max(...maxPerHost.values())).toBe(3)
    expect(maxTotal).toBe(7)
  })

  it('a 429 with Retry-After defers the rest of that host unrequested; other hosts go on', async () => {
    const asked: string[] = []
    const fetch = async (f: PollTarget): Promise<FetchResult> => {
      asked.push(f.id)
      if (f.id === 'a.example-0') throw new HttpStatusError(429, 'HTTP 429', { input: f.url, permanent: false, retryAfter: '120' })
      if (f.id === 'b.example-1') throw new HttpStatusError(500, 'HTTP 500', { input: f.url, permanent: false })
      return f.id === 'b.example-0' ? { status: 'ok', url: f.url, body: Buffer.from('<rss/>'), etag: '"x"' } : { status: 'not-modified', url: f.url }
    }
    const hostWaits = new Map<string, Date>()
    const polled = await pollFeeds([...feeds('a.example', 5), ...feeds('b.example', 3)], { fetch, now: () => NOW, concurrency: 8, hostConcurrency: 1, hostWaits })
    const kind = Object.fromEntries(polled.map((p) => [p.feed.id, p.finding.kind]))
    expect(kind).toEqual({
      'a.example-0': 'throttled', 'a.example-1': 'deferred', 'a.example-2': 'deferred', 'a.example-3': 'deferred', 'a.example-4': 'deferred',
      'b.example-0': 'changed', 'b.example-1': 'failed', 'b.example-2': 'not-modified',
    })
    expect(asked.filter((id) => id.startsWith('a.'))).toEqual(['a.example-0'])
    expect(hostWaits.get('https://a.example')).toEqual(new Date(NOW.getTime() + 120_000))
    expect(polled.find((p) => p.feed.id === 'b.example-0')?.fetched?.etag).toBe('"x"')
    expect(polled.find((p) => p.feed.id === 'b.example-1')?.finding).toEqual({ kind: 'failed', error: 'https://b.example/1: HTTP 500' })
  })

  it('a host still cooling down from an earlier batch is not asked at all; a 503 without Retry-After is a failure', async () => {
    const hostWaits = new Map([['https://a.example', new Date(NOW.getTime() + 60_000)]])
    const fetch = async (f: PollTarget): Promise<FetchResult> => {
      if (f.host === 'https://a.example') throw new Error('must not be asked')
      throw new HttpStatusError(503, 'HTTP 503', { input: f.url, permanent: false })
    }
    const polled = await pollFeeds([...feeds('a.example', 2), ...feeds('b.example', 1)], { fetch, now: () => NOW, concurrency: 4, hostConcurrency: 2, hostWaits })
    expect(polled.map((p) => p.finding.kind).sort()).toEqual(['deferred', 'deferred', 'failed'])
  })
})
