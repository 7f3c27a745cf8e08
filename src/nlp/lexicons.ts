import type { Topic } from '../record/schema.js'
import { buildLexicon } from './phrase-index.js'

// Vocabulary of public affairs (states, law, markets, industry, security, health, education, labour,
// environment, elections), so a claim about any of them counts, not only about trade. Stems match at a
// word start; short or everyday words match whole ("move" and "law", never "moved" or "lawn").
export const POLICY_STEMS: readonly string[] = [
  'control', 'export', 'import', 'tariff', 'sanction', 'licen', 'regulat', 'legislat', 'legal', 'illegal', 'polic', 'government',
  'administration', 'congress', 'parliament', 'senat', 'negotiat', 'trade', 'market', 'supply chain', 'industr', 'manufactur',
  'production', 'producer', 'compan', 'corporat', 'econom', 'semiconductor', 'rare earth', 'mineral', 'refiner', 'refining', 'mining',
  'escalat', 'leverage', 'dominan', 'threat', 'retaliat', 'reciprocal', 'enforce', 'complian', 'strateg', 'militar', 'defense',
  'defence', 'security', 'invest', 'financ', 'inflation', 'stockpil', 'smuggl', 'choke point', 'diversif', 'reshor', 'friendshor',
  'sovereign', 'deterr', 'concession', 'subsid', 'budget', 'supplie', 'supply', 'technolog', 'innovation', 'implement', 'asymmetr',
  'infrastructure', 'election', 'elector', 'democra', 'republican', 'citizen', 'immigra', 'migrant', 'refugee', 'asylum', 'climate',
  'emission', 'carbon', 'pollut', 'environment', 'energy', 'nuclear', 'weapon', 'terroris', 'invasion', 'invad', 'occupation', 'troop',
  'health', 'hospital', 'medicare', 'medicaid', 'vaccin', 'pandemic', 'insur', 'pharmac', 'educat', 'universit', 'tuition', 'unemploy',
  'employ', 'wage', 'salar', 'pension', 'welfare', 'poverty', 'income', 'housing', 'mortgage', 'prosecut', 'criminal', 'justice',
  'judici', 'attorney', 'constitution', 'amendment', 'federal', 'ministr', 'minister', 'agenc', 'official', 'surveil', 'encrypt',
  'privacy', 'antitrust', 'competit', 'monopol', 'merger', 'acquisition', 'consumer', 'fraud', 'corrupt', 'currenc', 'cryptocurrenc',
  'allies', 'alliance', 'treat', 'agreement', 'tension', 'relationship', 'sector', 'threshold', 'measures', 'countries', 'launder',
]
export const POLICY_WORDS: readonly string[] = [
  'law', 'laws', 'lawmaker', 'lawmakers', 'rule', 'rules', 'ruling', 'regs', 'deal', 'deals', 'bargain', 'chip', 'chips', 'semis',
  'magnet', 'magnets', 'bank', 'banks', 'banking', 'dollar', 'dollars', 'jobs', 'cost', 'costs', 'costly', 'tax', 'taxes', 'taxpayer',
  'taxpayers', 'debt', 'growth', 'price', 'prices', 'pricing', 'demand', 'ban', 'bans', 'banned', 'banning', 'block', 'blocked',
  'blocking', 'shut down', 'tool', 'tools', 'capacity', 'impact', 'impacts', 'action', 'actions', 'move', 'moves', 'lever', 'levers',
  'standoff', 'state', 'states', 'country', 'ally', 'measure', 'response', 'respond', 'responded', 'capital', 'firm', 'firms', 'pain',
  'war', 'wars', 'vote', 'votes', 'voted', 'voting', 'voter', 'voters', 'ballot', 'bill', 'bills', 'act', 'police', 'court', 'courts',
  'crime', 'crimes', 'drug', 'drugs', 'oil', 'gas', 'coal', 'rent', 'public', 'fund', 'funds', 'funding', 'spending', 'program',
  'programs', 'regime', 'data', 'platform', 'platforms', 'aml', 'kyc',
]

// Talk about the conversation itself.
export const META_PHRASES: readonly string[] = ['question', 'answer', 'pod', 'episode', 'show', 'talk about', 'talked about', 'talking about', 'let’s', "let's",
  'curious', 'reach out', 'tell us', 'come on', 'chat', 'i hope', 'we’ll see', "we'll see", 'who knows', 'thought through',
  'this conversation', 'last time',
  // What the talk leaves out: "We won't go into that story", "that's for another day".
  'won’t go into', "won't go into", 'won’t get into', "won't get into", 'not going to go into', 'not going to get into', 'for another day', 'another episode',
  // The show's own asks: subscribe, rate, review.
  'subscribe', 'leave a review', 'leaving a review', 'rate and review', 'giving us a rating', 'podcasting app', 'podcast app',
  'wherever you get your podcasts',
  // Pointers to the episode page: "We'll link to it", "it's in the show notes".
  'we’ll link', "we'll link", 'we will link', 'link to it', 'link to that', 'show notes', 'in the description',
  // A hearing's procedure: who speaks when, recesses, the record.
  'chair recognizes', 'chairman recognizes', 'chairwoman recognizes', 'i recognize myself', 'now recognize', 'stand in recess',
  'stand adjourned', 'yield back', 'i yield', 'reclaiming my time', 'without objection', 'unanimous consent', 'into the record',
  'come to order', 'hearing to order', 'meeting to order', 'session to order', 'committee to order', 'time has expired', 'the clerk will']

/**
 * Hedge cues (CoNLL-2010 "uncertain" sentences; claims.md §2.4): a finite lexicon, matched on whole
 * words in the lower-cased sentence. Deliberately absent: "rare" (rare earths), "about" (only a hedge
 * before a number), and bare modals "will/can/could/would", which mark prediction, not doubt.
 */
export const HEDGE_CUES: readonly string[] = [
  'maybe', 'perhaps', 'might', 'may or may not', 'possibly', 'possible', 'probably', 'likely', 'unlikely', 'potentially',
  'presumably', 'apparently', 'arguably', 'seems', 'seem', 'seemed', 'appears to', 'appear to', 'suggests', 'i think',
  "i don't think", 'i don’t think', "i don't really think", 'i don’t really think', 'i believe', 'i guess', 'my guess',
  'i suspect', 'i wonder', 'not sure', "i'm not sure", 'i’m not sure', 'pretty sure', 'unclear', 'uncertain', 'kind of',
  'sort of', 'somewhat', 'i would say', 'my mental model', 'i don’t know', "i don't know", 'no idea', 'could be',
  'to some extent', 'in some ways', 'may',
]

/**
 * Topic cues: word stems (matched at a word start, lower-cased) and entity ids. Fixed vocabulary
 * from schema.ts `TOPICS`; a sentence with no cue gets "other".
 */
export const TOPIC_CUES: Record<Exclude<Topic, 'other'>, { stems: string[]; entities: string[] }> = {
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
    stems: ['chip', 'semiconductor', 'semis', 'nanometer', 'foundry', 'fab', 'lithograph', 'euv', 'packaging facilit', 'wafer', 'compute capacit', 'compute cluster', 'computing power', 'compute power'],
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
    stems: ['manufactur', 'industr', 'autos', 'automaker', 'auto industr', 'auto sector', 'auto parts', 'auto supplier', 'supply chain', 'production', 'firms', 'compan', 'reshor', 'friendshor', 'factory', 'factories', 'plants', 'smartphone', 'products', 'economy', 'startup'],
    entities: ['byd', 'xiaomi', 'nio', 'tesla', 'catl', 'tencent', 'alibaba', 'apple', 'iphone'],
  },
  'domestic-politics': {
    stems: ['congress', 'administration', 'white house', 'campaign', 'election', 'government', 'jobs', 'lawyers', 'talent'],
    entities: ['us-congress', 'white-house', 'donald-trump', 'joe-biden', 'howard-lutnick'],
  },
  space: {
    stems: ['outer space', 'satellite', 'lunar', 'moon', 'asteroid', 'rocket', 'spacecraft', 'astronaut'],
    entities: ['nasa', 'cnsa', 'artemis-accords', 'outer-space-treaty'],
  },
}

/** Topic stem → its topics. */
export const STEM_TOPICS = new Map<string, Topic[]>()
for (const [topic, c] of Object.entries(TOPIC_CUES)) for (const stem of c.stems) STEM_TOPICS.set(stem, [...(STEM_TOPICS.get(stem) ?? []), topic as Topic])

export type LexiconHits = Record<'policy' | 'meta' | 'hedge' | 'topic', string[]>

// Every lexicon in one index: a sentence's words are looked up once, not once per lexicon.
const LEXICON = buildLexicon({
  policy: { phrases: POLICY_STEMS, prefix: true },
  policyWords: { phrases: POLICY_WORDS, prefix: false },
  meta: { phrases: META_PHRASES, prefix: false },
  hedge: { phrases: HEDGE_CUES, prefix: false },
  topic: { phrases: [...STEM_TOPICS.keys()], prefix: true },
})

/** The policy stems, meta-talk phrases, hedge cues and topic stems found in a sentence's lower-cased words. */
export const scanLexicons = (words: readonly string[]): LexiconHits => {
  const found = LEXICON.scan(words)
  const policy = found.policyWords.length === 0 ? found.policy : [...found.policy, ...found.policyWords]
  return { policy, meta: found.meta, hedge: found.hedge, topic: found.topic }
}
