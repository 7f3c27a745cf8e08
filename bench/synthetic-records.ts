/**
 * Seed-size synthetic records for the store and query benches: the seed transcript analysed once
 * (52 turns, 280 claims, 58 entities, ~230 kB of JSON), then varied per index so the records
 * differ where queries filter: 20 feeds, one episode an hour going back from 2026-01-01, speakers
 * drawn from a pool of 300 surnames, and most entities from a pool of 100 variants each.
 */
import { readFileSync } from 'node:fs'
import { analyzeDocument } from '../src/analyze/index.js'
import { buildRecord, type EpisodeRecord } from '../src/record/index.js'

const SEED_JSON = new URL('../fixtures/seed/seed.json', import.meta.url)
const HOUR = 3_600_000
const NEWEST = Date.parse('2026-01-01T00:00:00Z')
export const SYNTHETIC_FEEDS = 20
export const SPEAKER_POOL = 300

let base: EpisodeRecord | undefined
const seedRecord = (): EpisodeRecord => {
  base ??= analyzeDocument({
    content: readFileSync(SEED_JSON),
    read: { fileName: 'seed.json' },
    speakers: [{ name: 'Jordan Schneider' }, { name: 'Chris McGuire' }, { name: 'Chris Miller' }],
    now: new Date(NEWEST),
  }).record
  return base
}

/** The feed URL of synthetic feed `n`. */
export const syntheticFeed = (n: number): string => `https://feeds.example.org/show-${n}.xml`
/** The speaker id that stands in for the seed's `k`-th speaker in record `i`. */
export const syntheticSpeaker = (i: number, k: number): string => `speaker-${(i * 7 + k * 101) % SPEAKER_POOL}`

/**
 * Synthetic record `i` (0 = newest). Deterministic: the same i always gives the same record.
 * @example
 * const records = Array.from({ length: 100 }, (_, i) => syntheticRecord(i))
 */
export const syntheticRecord = (i: number): EpisodeRecord => {
  const seed = seedRecord()
  const speakerIds = new Map(seed.speakers.map((s, k) => [s.id, syntheticSpeaker(i, k)]))
  const speaker = (id: string) => speakerIds.get(id) ?? id
  // 'china' stays in every record, as on a China podcast; the rest vary, so an entity is in ~1% of them.
  const entity = (id: string) => (id === 'china' ? id : `${id}-${i % 100}`)
  return buildRecord({
    episode: {
      ...seed.episode,
      guid: `synthetic-${i}`,
      title: `Synthetic episode ${i}`,
      feedUrl: syntheticFeed(i % SYNTHETIC_FEEDS),
      publishedAt: new Date(NEWEST - i * HOUR).toISOString(),
    },
    transcript: seed.transcript,
    speakers: seed.speakers.map((s) => ({ ...s, id: speaker(s.id), name: `${s.name} ${speaker(s.id)}` })),
    turns: seed.turns.map((t) => ({ ...t, speakerId: speaker(t.speakerId) })),
    sections: seed.sections,
    entities: seed.entities.map((e) => ({ ...e, id: entity(e.id) })),
    claims: seed.claims.map((c) => ({ ...c, speakerId: speaker(c.speakerId), entityIds: c.entityIds.map(entity) })),
    stageMs: seed.provenance.stageMs,
    warnings: [],
    processedAt: new Date(NEWEST),
  })
}
