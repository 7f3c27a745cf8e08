/**
 * Records built from the seed fixtures by the real core (analyzeDocument), as a feed would give
 * them: two feeds, dated and undated episodes, the same three speakers. For query tests.
 */
import { readFileSync } from 'node:fs'
import { analyzeDocument } from '../../src/analyze/index.js'
import { parseFeed } from '../../src/feed/index.js'
import { buildRecord, type EpisodeRecord } from '../../src/record/index.js'

export const SEED_FEED = 'https://chinatalk.example.org/feed.xml'
export const OTHER_FEED = 'https://other.example.org/feed.xml'
const SPEAKERS = [{ name: 'Jordan Schneider' }, { name: 'Chris McGuire' }, { name: 'Chris Miller' }]

const analyse = (file: string, episode: { guid: string; feedUrl: string; publishedAt: string | null; title: string }): EpisodeRecord => {
  const { record } = analyzeDocument({
    content: readFileSync(new URL(`../../fixtures/seed/${file}`, import.meta.url)),
    read: { fileName: file },
    speakers: SPEAKERS,
    episode,
    now: new Date('2026-01-01T00:00:00Z'),
  })
  // Sealed (validated and frozen) like a record from the publish stage.
  const { provenance, ...rest } = record
  return buildRecord({ ...rest, stageMs: provenance.stageMs, warnings: provenance.warnings ?? [], processedAt: new Date(provenance.processedAt) })
}

/** Four records, newest first by publication: json (Nov), srt (Oct), vtt (Sep, other feed), html (undated). */
export const seedRecords = (): EpisodeRecord[] => [
  analyse('seed.json', { guid: 'seed-json', feedUrl: SEED_FEED, publishedAt: '2025-11-03T09:00:00.000Z', title: 'Rare earths, json' }),
  analyse('seed.srt', { guid: 'seed-srt', feedUrl: SEED_FEED, publishedAt: '2025-10-14T09:00:00.000Z', title: 'Rare earths, srt' }),
  analyse('seed.vtt', { guid: 'seed-vtt', feedUrl: OTHER_FEED, publishedAt: '2025-09-01T12:00:00.000Z', title: 'Rare earths, vtt' }),
  analyse('seed.html', { guid: 'seed-html', feedUrl: OTHER_FEED, publishedAt: null, title: 'Rare earths, html' }),
]

/**
 * The records of the three items of fixtures/feeds/seed-feed.xml (an article, a Chinese
 * commentary, the episode), each built from its post body as the pipeline builds it. Their text
 * is sliced from posts with characters above U+00FF, so V8 keeps much of it as two-byte strings.
 */
export const seedFeedRecords = (): EpisodeRecord[] => {
  const feedUrl = 'fixtures/feeds/seed-feed.xml'
  const { episodes } = parseFeed(readFileSync(new URL(`../../${feedUrl}`, import.meta.url), 'utf8'), { feedUrl })
  return episodes.map((ep) => analyzeDocument({
    content: ep.body,
    read: { format: 'html' },
    episode: ep.episode,
    transcript: { source: ep.bodySource ?? 'none', url: null },
    speakers: ep.people.map((p) => ({ name: p.name })),
    now: new Date('2026-01-01T00:00:00Z'),
    seal: true,
  }).record)
}
