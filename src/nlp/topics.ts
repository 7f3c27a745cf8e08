import type { Topic } from '../record/schema.js'
import { buildPhraseIndex, lowerWords } from './phrase-index.js'

/**
 * Topic cues: word stems (matched at a word start, lower-cased) and entity ids. Fixed vocabulary
 * from schema.ts `TOPICS`; a sentence with no cue gets "other".
 */
const CUES: Record<Exclude<Topic, 'other'>, { stems: string[]; entities: string[] }> = {
  'export-controls': {
    stems: ['export control', 'controls', 'controlled', 'license', 'licence', 'licensing', 'de minimis', 'end-use', 'end use', 'entity list',
      'extraterritorial', 'regs', 'regulations', 'restrictions', 'countermove', 'reciprocal', 'ban', 'banned', 'blacklist'],
    entities: ['entity-list', 'de-minimis-rule', 'affiliates-rule', 'foreign-direct-product-rule', 'bis', 'mofcom', 'ecra', 'wassenaar', 'unreliable-entity-list', 'china-export-control-law'],
  },
  trade: {
    stems: ['tariff', 'trade', 'deal', 'soybean', 'purchas', 'import', 'exports', 'bargain', 'tit-for-tat', 'retaliat', 'farmers', 'sell'],
    entities: ['wto', 'ustr', 'phase-one-deal', 'section-232', 'section-301', 'liberation-day'],
  },
  'critical-minerals': {
    stems: ['rare earth', 'mineral', 'magnet', 'refin', 'mining', 'processing facilit', 'sputtering', 'gallium', 'germanium', 'lithium', 'graphite', 'antimony', 'cobalt', 'stockpil'],
    entities: ['rare-earths', 'rare-earth-magnets', 'usgs', 'mp-materials', 'lynas', 'sputtering-targets', 'gallium', 'germanium'],
  },
  semiconductors: {
    stems: ['chip', 'semiconductor', 'semis', 'nanometer', 'foundry', 'fab', 'lithograph', 'euv', 'packaging facilit', 'wafer', 'compute'],
    entities: ['tsmc', 'samsung', 'sk-hynix', 'intel', 'nvidia', 'smic', 'ymtc', 'cxmt', 'asml', 'logic-chips', 'memory-chips', 'ai-chips', 'euv-lithography', 'huawei', 'chips-act'],
  },
  diplomacy: {
    stems: ['negotiat', 'diplomat', 'talks', 'summit', 'détente', 'relationship', 'allies', 'alliance', 'messaging', 'signal', 'escalat', 'deterr', 'concession', 'grand bargain'],
    entities: ['apec', 'xi-jinping', 'benjamin-netanyahu', 'israel', 'hamas', 'middle-east', 'geneva', 'us-state-department', 'united-nations', 'g20-summit'],
  },
  defense: {
    stems: ['defense', 'defence', 'military', 'weapon', 'primes', 'national security', 'missile', 'army'],
    entities: ['pentagon', 'raytheon', 'lockheed-martin', 'northrop-grumman', 'pla', 'nato', 'nsc'],
  },
  finance: {
    stems: ['financial', 'sanction', 'bank', 'dollar', 'capital', 'invest', 'bond', 'market cap', 'inflation', 'rmb', 'yuan', 'currency', 'margins', 'stock market'],
    entities: ['us-treasury', 'ofac', 'cfius', 'federal-reserve', 'imf', 'scott-bessent'],
  },
  industry: {
    stems: ['manufactur', 'industr', 'auto', 'supply chain', 'production', 'firms', 'compan', 'reshor', 'friendshor', 'factor', 'plants', 'smartphone', 'products', 'economy', 'startup'],
    entities: ['byd', 'xiaomi', 'nio', 'tesla', 'catl', 'tencent', 'alibaba', 'apple', 'iphone'],
  },
  'domestic-politics': {
    stems: ['congress', 'administration', 'white house', 'campaign', 'shut down', 'election', 'government', 'jobs', 'lawyers', 'talent'],
    entities: ['us-congress', 'white-house', 'donald-trump', 'joe-biden', 'howard-lutnick'],
  },
  space: {
    stems: ['outer space', 'satellite', 'lunar', 'moon', 'asteroid', 'rocket', 'spacecraft', 'astronaut'],
    entities: ['nasa', 'cnsa', 'artemis-accords', 'outer-space-treaty'],
  },
}

// One pass per sentence: a single alternation of every stem, each mapped back to its topics.
const STEM_TOPICS = new Map<string, Topic[]>()
for (const [topic, c] of Object.entries(CUES)) for (const stem of c.stems) STEM_TOPICS.set(stem, [...(STEM_TOPICS.get(stem) ?? []), topic as Topic])
const STEMS = buildPhraseIndex([...STEM_TOPICS.keys()], true)
const ENTITY_TOPICS = new Map<string, Topic[]>()
for (const [topic, c] of Object.entries(CUES)) for (const id of c.entities) ENTITY_TOPICS.set(id, [...(ENTITY_TOPICS.get(id) ?? []), topic as Topic])

/** Topics of a sentence from its words and the entities mentioned in it; ["other"] when none fires. */
export const assignTopics = (sentence: string, entityIds: readonly string[], words: readonly string[] = lowerWords(sentence)): Topic[] => {
  const out = new Set<Topic>()
  for (const stem of STEMS.find(words)) for (const topic of STEM_TOPICS.get(stem) ?? []) out.add(topic)
  for (const id of entityIds) for (const topic of ENTITY_TOPICS.get(id) ?? []) out.add(topic)
  return out.size > 0 ? [...out] : ['other']
}
