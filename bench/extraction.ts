// Full extraction (src/nlp) beside compromise and wink-nlp on the seed transcript: words/sec on the
// same text, and the canonical-entity F1 each reaches on the hand-annotated seed gold. Also our
// sentence splitter beside natural's SentenceTokenizer: speed and boundary F1 against the gold.
// Run: node --import tsx bench/extraction.ts
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import type { EntityType, Turn } from '../src/record/schema.js'
import { extract, splitSentences } from '../src/nlp/index.js'
import { isAny, normaliseName, predictedFromEntities, scoreEntities, type PredictedEntity } from '../src/nlp/eval/index.js'
import { loadSeedGold } from '../src/nlp/testing/gold.js'
import { measure, printRows, type BenchRow } from './measure.js'

export type { BenchRow }

const require = createRequire(import.meta.url)
const SentenceTokenizer = require('natural/lib/natural/tokenizers/sentence_tokenizer.js') as
  new (abbreviations?: string[]) => { tokenize: (text: string) => string[] }

/** The seed turns repeated (with fresh indices) until they hold at least `target` words. */
const repeatTurns = (turns: readonly Turn[], target: number): { turns: Turn[]; words: number } => {
  const per = turns.reduce((n, t) => n + t.wordCount, 0)
  const times = Math.max(1, Math.ceil(target / per))
  const out = Array.from({ length: times }, (_, k) => turns.map((t) => ({ ...t, index: k * turns.length + t.index }))).flat()
  return { turns: out, words: per * times }
}

/** Groups another system's surface mentions into entities by normalised text (it has no ids). */
const groupMentions = (found: Array<{ turn: number; text: string; type: EntityType | null }>): PredictedEntity[] => {
  const by = new Map<string, PredictedEntity>()
  for (const f of found) {
    const key = normaliseName(f.text)
    if (!key) continue
    const e = by.get(key) ?? { id: key, name: f.text, type: f.type, aliases: [], turns: [] }
    if (!e.turns.includes(f.turn)) e.turns.push(f.turn)
    by.set(key, e)
  }
  return [...by.values()]
}

interface WinkToken { out: (its?: unknown) => string }
interface Wink {
  readDoc: (text: string) => { entities: () => { out: () => unknown; each: (f: (e: WinkToken) => void) => void }; tokens: () => { each: (f: (t: WinkToken) => void) => void } }
  its: { type: unknown; pos: unknown }
}
type Compromise = (text: string) => { people: () => { out: (f: string) => unknown }; organizations: () => { out: (f: string) => unknown }; places: () => { out: (f: string) => unknown } }

// The other libraries load after our runs: a big live heap (wink's model, compromise's lexicon)
// makes every later garbage collection slower, so each system is timed before the next one loads.
const loadWink = async (): Promise<Wink> => {
  const { default: winkNLP } = await import('wink-nlp')
  const { default: model } = await import('wink-eng-lite-web-model')
  return winkNLP(model) as unknown as Wink
}
const loadCompromise = async (): Promise<Compromise> => (await import('compromise')).default as unknown as Compromise

const compromiseEntities = (nlpCompromise: Compromise, turns: readonly Turn[]): PredictedEntity[] =>
  groupMentions(turns.flatMap((t) => {
    const doc = nlpCompromise(t.text)
    const pick = (list: string[], type: EntityType) => list.map((text) => ({ turn: t.index, text, type }))
    return [...pick(doc.people().out('array') as string[], 'PERSON'), ...pick(doc.organizations().out('array') as string[], 'ORG'), ...pick(doc.places().out('array') as string[], 'GPE')]
  }))

/**
 * wink's NER has no PERSON/ORG/GPE (only numbers, dates, URLs…), so its own entities score nothing.
 * To give it a fair chance we also count runs of tokens its POS tagger marks PROPN, untyped.
 */
const winkEntities = (wink: Wink, turns: readonly Turn[]): { ner: PredictedEntity[]; propn: PredictedEntity[] } => {
  const ner: Array<{ turn: number; text: string; type: EntityType | null }> = []
  const propn: Array<{ turn: number; text: string; type: EntityType | null }> = []
  for (const t of turns) {
    const doc = wink.readDoc(t.text)
    const its = wink.its
    doc.entities().each((e: WinkToken) => { void e.out(its.type); ner.push({ turn: t.index, text: e.out(), type: null }) })
    let run: string[] = []
    const flush = (): void => { if (run.length) propn.push({ turn: t.index, text: run.join(' '), type: null }); run = [] }
    doc.tokens().each((tok: WinkToken) => { if (tok.out(its.pos) === 'PROPN') run.push(tok.out()); else flush() })
    flush()
  }
  return { ner: groupMentions(ner), propn: groupMentions(propn) }
}

/** Sentence-end offsets agreement with the gold sentence ends, per turn (F1). */
const boundaryF1 = (turns: readonly Turn[], goldEnds: Map<number, Set<number>>, split: (text: string) => Array<[number, number]>): number => {
  let tp = 0
  let fp = 0
  let fn = 0
  for (const t of turns) {
    const gold = goldEnds.get(t.index) ?? new Set<number>()
    const ends = new Set(split(t.text).map(([, e]) => e))
    for (const e of ends) if (gold.has(e)) tp++; else fp++
    for (const e of gold) if (!ends.has(e)) fn++
  }
  return Math.round((2 * tp / (2 * tp + fp + fn)) * 1000) / 1000
}

/** natural returns strings: find each back in the text to get offsets. */
const naturalSplit = (tokenizer: { tokenize: (text: string) => string[] }) => (text: string): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  let from = 0
  for (const s of tokenizer.tokenize(text)) {
    const at = text.indexOf(s, from)
    if (at < 0) continue
    out.push([at, at + s.length])
    from = at + s.length
  }
  return out
}

/**
 * Timed runs of each system on the 1M-word text, best kept: enough that a burst of other work on
 * the machine during one run does not decide the ratio.
 */
const RUNS = 5

export async function benchExtraction(targetWords = 1_000_000): Promise<BenchRow[]> {
  const { gold, episode } = loadSeedGold()
  const f1 = (p: PredictedEntity[]): string => {
    const s = scoreEntities(gold.entities, p, isAny)
    return `entity F1 ${s.f1.toFixed(3)} (P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}, type acc ${s.typeAccuracy.toFixed(3)})`
  }
  const big = repeatTurns(episode.turns, targetWords)
  const bigText = big.turns.map((t) => t.text).join('\n\n')
  const slice = repeatTurns(episode.turns, Math.min(targetWords, 100_000))
  const sliceText = slice.turns.map((t) => t.text).join('\n\n')

  const ours = measure('podpipe extract (full analysis)', big.words, () => extract({ turns: big.turns, speakers: episode.speakers, episodeDate: episode.episodeDate }), RUNS,
    f1(predictedFromEntities(extract(episode).entities)))
  const wink = await loadWink()
  const winkFound = winkEntities(wink, episode.turns)
  const winkRow = measure('wink-nlp readDoc + entities()', big.words, () => wink.readDoc(bigText).entities().out(), RUNS,
    `NER ${f1(winkFound.ner)}; PROPN runs ${f1(winkFound.propn)}`)
  const nlpCompromise = await loadCompromise()
  const compromiseRow = measure('compromise people/organizations/places', slice.words, () => {
    const doc = nlpCompromise(sliceText)
    return [doc.people().out('array'), doc.organizations().out('array'), doc.places().out('array')]
  }, 2, f1(compromiseEntities(nlpCompromise, episode.turns)))

  const goldEnds = new Map<number, Set<number>>()
  for (const s of gold.sentences) goldEnds.set(s.turn, (goldEnds.get(s.turn) ?? new Set()).add(s.end))
  const natural = new SentenceTokenizer()
  // (splitters are light: their order does not matter)
  const oursSplit = measure('podpipe splitSentences', big.words, () => big.turns.forEach((t) => splitSentences(t.text)), 3,
    `boundary F1 vs gold ${boundaryF1(episode.turns, goldEnds, splitSentences)}`)
  const naturalRow = measure('natural SentenceTokenizer', slice.words, () => slice.turns.forEach((t) => natural.tokenize(t.text)), 3,
    `boundary F1 vs gold ${boundaryF1(episode.turns, goldEnds, naturalSplit(natural))}`)
  return [winkRow, ours, compromiseRow, naturalRow, oursSplit]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await benchExtraction(Number(process.argv[2] ?? 1_000_000))
  printRows('Extraction (goal: full analysis ≥ 2× wink-nlp words/s, entity F1 above both)', rows.slice(0, 3), 'wink-nlp readDoc + entities()')
  printRows('Sentence splitting', rows.slice(3), 'natural SentenceTokenizer')
  console.log('\n(words counted by whitespace; best of runs after a warm-up)')
}
