/**
 * A realistic episode record for store tests: three speakers (two named Chris), timed turns,
 * a show-notes section, entities with mentions and claims whose offsets index into the turn
 * text. Built with the real record builder, so it is valid per the zod schema.
 * The wording follows the seed transcript (/work/shared/corpus/seed/000_66d8e60a35b94f19.txt,
 * a ChinaTalk episode) and a typical export-controls conversation.
 */
import { buildRecord, type Claim, type Entity, type EpisodeRecord, type Turn } from '../../src/record/index.js'

const TURNS: readonly [speakerId: string, text: string][] = [
  ['schneider', 'Welcome to ChinaTalk. Today Chris McGuire and Chris Miller join me to talk about export controls and rare earths.'],
  ['mcguire', 'The Commerce Department tightened the rules on advanced chips in October.\n\nI think China will probably respond with its own controls on gallium and germanium within a year.'],
  ['miller', 'China refines about 90% of the world\'s rare earths, so MOFCOM has real leverage.\n\nWashington should fund processing capacity outside China.'],
  ['schneider', 'Chris, you said the controls might slip. If China wanted to retaliate, what would it hit first?'],
  ['mcguire', 'Gallium first. Beijing has done it before, and it costs them little.'],
]

const speakerIds = ['schneider', 'mcguire', 'miller'] as const
const NAMES: Record<(typeof speakerIds)[number], string> = {
  schneider: 'Jordan Schneider',
  mcguire: 'Chris McGuire',
  miller: 'Chris Miller',
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length

const turns: Turn[] = TURNS.map(([speakerId, text], index) => ({
  index,
  speakerId,
  text,
  paragraphs: text.split('\n\n'),
  start: index * 42.5,
  end: index * 42.5 + 40,
  wordCount: words(text),
}))

/** Offsets of `needle` in turn `turn`; throws so a typo in the helper cannot yield a bad record. */
const span = (turn: number, needle: string): { turn: number; start: number; end: number; text: string } => {
  const start = turns[turn]?.text.indexOf(needle) ?? -1
  if (start < 0) throw new Error(`sample record: "${needle}" is not in turn ${turn}`)
  return { turn, start, end: start + needle.length, text: needle }
}

const entity = (id: string, name: string, type: Entity['type'], aliases: string[], mentions: [number, string][]): Entity => ({
  id, name, type, aliases, mentions: mentions.map(([turn, text]) => span(turn, text)),
})

const entities: Entity[] = [
  entity('china', 'China', 'GPE', ['Beijing', 'PRC'], [[1, 'China'], [2, 'China'], [3, 'China'], [4, 'Beijing']]),
  entity('mofcom', 'Ministry of Commerce of the PRC', 'ORG', ['MOFCOM'], [[2, 'MOFCOM']]),
  entity('commerce-department', 'U.S. Department of Commerce', 'ORG', ['Commerce Department'], [[1, 'Commerce Department']]),
  { ...entity('gallium', 'gallium', 'TECH', [], [[1, 'gallium'], [4, 'Gallium']]), wikidataId: 'Q1060' },
]

const claim = (id: string, turn: number, sentence: string, over: Partial<Claim>): Claim => {
  const s = span(turn, sentence)
  return {
    id, turn, speakerId: turns[turn]?.speakerId ?? 'unknown', text: sentence, start: s.start, end: s.end,
    kind: 'factual', hedged: false, topics: [], quantities: [], entityIds: [], confidence: 0.8, ...over,
  }
}

const claims: Claim[] = [
  claim('c-1-0', 1, 'The Commerce Department tightened the rules on advanced chips in October.', {
    topics: ['export-controls', 'semiconductors'], entityIds: ['commerce-department'], confidence: 0.86,
  }),
  claim('c-1-1', 1, 'I think China will probably respond with its own controls on gallium and germanium within a year.', {
    kind: 'predictive', hedged: true, topics: ['export-controls', 'critical-minerals'], entityIds: ['china', 'gallium'],
    quantities: [{ kind: 'measure', value: 1, unit: 'year', text: 'a year' }], confidence: 0.64,
  }),
  claim('c-2-0', 2, 'China refines about 90% of the world\'s rare earths, so MOFCOM has real leverage.', {
    topics: ['critical-minerals', 'trade'], entityIds: ['china', 'mofcom'],
    quantities: [{ kind: 'percent', value: 90, unit: '%', text: '90%' }], confidence: 0.91,
  }),
  claim('c-2-1', 2, 'Washington should fund processing capacity outside China.', {
    kind: 'prescriptive', topics: ['critical-minerals', 'industry'], entityIds: ['china'], confidence: 0.77,
  }),
]

const count = (id: string) => ({
  turnCount: turns.filter((t) => t.speakerId === id).length,
  wordCount: turns.filter((t) => t.speakerId === id).reduce((n, t) => n + t.wordCount, 0),
})

/**
 * A fresh, valid record. `processedAt` and `stageMs` vary per call by design (they are not
 * content); pass `title` to change the content, or `guid` to get another episode id.
 */
export const sampleRecord = (opts: { guid?: string; title?: string; processedAt?: Date; stageMs?: Record<string, number> } = {}): EpisodeRecord =>
  buildRecord({
    episode: {
      guid: opts.guid ?? 'chinatalk-2025-10-space-race',
      title: opts.title ?? 'The New Space Race, and Rare Earths',
      feedUrl: 'https://chinatalk.substack.com/feed',
      link: 'https://www.chinatalk.media/p/the-new-space-race',
      publishedAt: '2025-10-14T09:00:00.000Z',
      audioUrl: 'https://api.substack.com/feed/podcast/123456/audio.mp3',
      durationSeconds: 3725,
      language: 'en',
    },
    transcript: {
      source: 'content:encoded', format: 'html', url: null,
      sha256: '3f9a0c2e4b6d8f1a3c5e7092b4d6f8a1c3e5f7092b4d6f8a1c3e5f7092b4d6f8', wordCount: turns.reduce((n, t) => n + t.wordCount, 0),
    },
    speakers: speakerIds.map((id) => ({ id, name: NAMES[id], role: id === 'schneider' ? 'host' : 'guest', ...count(id) })),
    turns,
    sections: [
      { kind: 'show-notes', language: 'en', text: 'As China prepares to select taikonauts for its first-ever manned moon landing, a new space race is quietly taking shape.' },
      { kind: 'other', language: 'zh', text: '评价: 推荐' },
    ],
    entities,
    claims,
    stageMs: opts.stageMs ?? { fetch: 120.4, split: 3.1, extract: 48.9 },
    warnings: [],
    processedAt: opts.processedAt ?? new Date(),
  })
