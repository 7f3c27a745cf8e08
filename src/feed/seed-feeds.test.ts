import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseFeed } from './parse-feed.js'
import { selectTranscript } from './transcripts.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const FEEDS = 'fixtures/feeds'
const read = (name: string) =>
  parseFeed(readFileSync(`${ROOT}${FEEDS}/${name}`, 'utf8'), { feedUrl: `${FEEDS}/${name}` })

const PEOPLE = [
  { name: 'Jordan Schneider', role: 'host', group: 'cast' },
  { name: 'Chris McGuire', role: 'guest', group: 'cast' },
  { name: 'Chris Miller', role: 'guest', group: 'cast' },
]

describe('fixtures/feeds/seed-feed.xml', () => {
  const feed = read('seed-feed.xml')

  it('has the article, the Chinese commentary and the episode', () => {
    expect(feed.warnings).toEqual([])
    expect(feed.episodes.map((e) => [e.key, e.episode.language, e.bodySource])).toEqual([
      ['seed-space-law-article', 'en', 'content:encoded'],
      ['seed-china-bosses-commentary', 'zh', 'content:encoded'],
      ['seed-rare-earths-episode', 'en', 'content:encoded'],
    ])
    expect(feed.episodes[0]?.body).toMatch(/^<p>As China prepares to select taikonauts/)
    expect(feed.episodes[1]?.body).toMatch(/^<p>在中国,传统上有几个高危职业/)
  })

  it('gives the episode its audio, people and the transcript as labelled HTML paragraphs', () => {
    const ep = feed.episodes[2]!
    expect(ep.episode.audioUrl).toMatch(/^http:\/\/127\.0\.0\.1:8080\/media\/.+\.mp3$/)
    expect(ep.episode.durationSeconds).toBe(52 * 60 + 12)
    expect(ep.people).toEqual(PEOPLE)
    expect(ep.transcripts).toEqual([])
    expect(ep.body).toContain('<p><strong>Chris McGuire:</strong> Last night, the Chinese announced')
    expect(ep.body).toContain('<p><strong>Jordan Schneider</strong> If China wanted to pop the AI bubble')
    // 53 seed lines open with a speaker label (grep -c '^Name[: ]' on the seed).
    expect(ep.body?.match(/<strong>/g)).toHaveLength(53)
    expect(feed.episodes[0]?.people).toEqual([])
  })
})

describe('fixtures/feeds/seed-transcripts-feed.xml', () => {
  const feed = read('seed-transcripts-feed.xml')

  it('resolves the relative transcript URLs against the feed path, to files that exist', () => {
    expect(feed.episodes).toHaveLength(1)
    const ep = feed.episodes[0]!
    expect(ep.key).toBe('seed-rare-earths-episode')
    expect(ep.people).toEqual(PEOPLE)
    expect(ep.transcripts.map((t) => [t.url, t.format])).toEqual([
      ['fixtures/seed/seed.json', 'json'],
      ['fixtures/seed/seed.vtt', 'vtt'],
      ['fixtures/seed/seed.srt', 'srt'],
      ['fixtures/seed/seed.html', 'html'],
      ['fixtures/seed/seed.txt', 'text'],
    ])
    for (const t of ep.transcripts) expect(existsSync(`${ROOT}${t.url}`)).toBe(true)
    expect(selectTranscript(ep)?.url).toBe('fixtures/seed/seed.json')
  })
})
