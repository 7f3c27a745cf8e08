import { describe, expect, it } from 'vitest'
import { MAX_PAYLOAD_BYTES, chainIdOf, feedIdOf, jobId, parseJobData, pollJobId } from './jobs.js'
import { QUEUE } from './names.js'

describe('jobId', () => {
  it('is deterministic, so a second enqueue of the same work dedupes', () => {
    expect(jobId('analyze', 'ep-abc-123')).toBe(jobId('analyze', 'ep-abc-123'))
    expect(jobId('analyze', 'ep-abc-123')).not.toBe(jobId('publish', 'ep-abc-123'))
  })

  it.each([
    { id: 'colon in key', stage: 'analyze', key: 'a:b' },
    { id: 'colon in stage', stage: 'x:y', key: 'k' },
    { id: 'empty key', stage: 'analyze', key: '' },
  ])('rejects ids BullMQ would refuse ($id)', ({ stage, key }) => {
    expect(() => jobId(stage, key)).toThrow(/job id/)
  })

  it('never yields an all-digit id, even from digit parts', () => {
    expect(jobId('1', '2')).not.toMatch(/^\d+$/)
    expect(pollJobId(feedIdOf('https://example.com/feed.xml'), 1_700_000_000_000)).toMatch(/^poll-feed-[0-9a-f]{16}-1700000000000$/)
  })

  it('derives one feed id per URL and one chain per episode version', () => {
    expect(feedIdOf('https://a.example/feed')).toBe(feedIdOf(' https://a.example/feed '))
    expect(feedIdOf('https://a.example/feed')).not.toBe(feedIdOf('https://b.example/feed'))
    expect(chainIdOf('ep-1', 'a'.repeat(64))).not.toBe(chainIdOf('ep-1', 'b'.repeat(64)))
    expect(chainIdOf('ep-1', 'a'.repeat(64))).not.toContain(':')
  })
})

describe('parseJobData', () => {
  const episode = { chainId: 'ep-1-abc', episodeId: 'ep-1', feedId: 'feed-1', feedUrl: 'https://a.example/feed' }

  it('accepts a valid payload and returns it typed', () => {
    expect(parseJobData(QUEUE.analyze, episode)).toEqual(episode)
    expect(parseJobData(QUEUE.feeds, { feedId: 'feed-1', feedUrl: 'x.xml', speakers: ['A B'] }).speakers).toEqual(['A B'])
  })

  it('rejects a payload that does not match its queue, naming the field', () => {
    expect(() => parseJobData(QUEUE.publish, { ...episode, chainId: 'a:b' })).toThrow(/chainId/)
    expect(() => parseJobData(QUEUE.transcripts, { feedUrl: 'x' })).toThrow(/invalid job data for queue "transcripts"/)
  })

  it('accepts a payload at the size cap and rejects one byte over', () => {
    const base = { feedId: 'feed-1', feedUrl: '' }
    const overhead = Buffer.byteLength(JSON.stringify(base))
    const atCap = { ...base, feedUrl: 'x'.repeat(Math.min(4096, MAX_PAYLOAD_BYTES - overhead)) }
    expect(() => parseJobData(QUEUE.feeds, atCap)).not.toThrow()
    const speakers = Array.from({ length: 50 }, () => 'y'.repeat(200))
    const big = { ...base, feedUrl: 'x', speakers, pad: 'z'.repeat(MAX_PAYLOAD_BYTES) }
    expect(() => parseJobData(QUEUE.feeds, big)).toThrow(/limit is 16384/)
  })
})
