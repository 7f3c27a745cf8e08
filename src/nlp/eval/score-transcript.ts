/**
 * Entity and claim scoring against gold read by hand off a real transcript
 * (fixtures/gold/realworld/*.json; the labelling guide is fixtures/gold/README.md). Unlike the seed
 * gold, it knows nothing of podpipe's turns: claims are sentences quoted from the file and entities
 * are names, so the score holds whatever the turn splitter and the sentence splitter did.
 */
import type { ClaimKind, EntityType, EpisodeRecord } from '../../record/schema.js'
import { slug } from '../proper-nouns.js'
import { predictedFromEntities, prf, round, scoreEntities, type EntityScore, type PRF } from './score.js'

export interface TranscriptGold {
  file: string
  annotated: string
  /** The whole file, or the turns from the one holding `fromExcerpt` to the one holding `toExcerpt`. */
  scope: 'whole file' | { fromExcerpt: string; toExcerpt: string }
  notes: string[]
  entities: Array<{ name: string; type: EntityType; aliases: string[] }>
  claims: Array<{ speaker: string; text: string; kind: ClaimKind; hedged: boolean; checkworthy: boolean }>
}

export interface TranscriptScore {
  entities: EntityScore
  claims: PRF & { kindAccuracy: number; falsePositives: string[]; falseNegatives: string[]; wrongKind: string[] }
  checkworthy: PRF
  /** Turns of the record inside the gold's scope. */
  turns: number
}

/** Two sentences are the same claim when their words mostly coincide (Dice ≥ 0.6): splitters differ at the edges. */
const SAME_SENTENCE = 0.6

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim()
const wordsOf = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

const dice = (a: readonly string[], b: readonly string[]): number => {
  if (a.length === 0 || b.length === 0) return 0
  const counts = new Map<string, number>()
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1)
  let common = 0
  for (const w of b) {
    const n = counts.get(w) ?? 0
    if (n > 0) { common++; counts.set(w, n - 1) }
  }
  return (2 * common) / (a.length + b.length)
}

/** Indices of the record's turns inside the gold's scope; throws naming the excerpt that is not found. */
export const turnsInScope = (gold: TranscriptGold, record: Pick<EpisodeRecord, 'turns'>): Set<number> => {
  const all = record.turns.map((t) => t.index)
  if (gold.scope === 'whole file') return new Set(all)
  const find = (excerpt: string): number => {
    const wanted = collapse(excerpt)
    const turn = record.turns.find((t) => collapse(t.text).includes(wanted))
    if (!turn) throw new Error(`${gold.file}: scope excerpt "${excerpt}" is in no turn`)
    return turn.index
  }
  const from = find(gold.scope.fromExcerpt)
  const to = find(gold.scope.toExcerpt)
  return new Set(all.filter((i) => i >= from && i <= to))
}

export const scoreTranscript = (gold: TranscriptGold, record: Pick<EpisodeRecord, 'turns' | 'entities' | 'claims'>): TranscriptScore => {
  const scope = turnsInScope(gold, record)
  const first = Math.min(...scope)
  const inScope = (turn: number) => scope.has(turn)
  // Every gold entity was read inside the scope: it stands at the scope's first turn.
  const goldEntities = gold.entities.map((e) => ({ id: slug(e.name), name: e.name, type: e.type, aliases: e.aliases, turns: [first] }))
  const entities = scoreEntities(goldEntities, predictedFromEntities(record.entities), inScope)

  const predicted = record.claims.filter((c) => inScope(c.turn)).map((c) => ({ claim: c, words: wordsOf(c.text) }))
  const golden = gold.claims.map((g) => ({ gold: g, words: wordsOf(g.text) }))
  // Best pairs first, each side used once: a claim split in two by our splitter finds one gold claim.
  const pairs: Array<{ p: number; g: number; score: number }> = []
  predicted.forEach((p, pi) => golden.forEach((g, gi) => {
    const score = dice(p.words, g.words)
    if (score >= SAME_SENTENCE) pairs.push({ p: pi, g: gi, score })
  }))
  pairs.sort((a, b) => b.score - a.score || a.p - b.p || a.g - b.g)
  const goldOf = new Map<number, number>()
  const usedGold = new Set<number>()
  for (const { p, g } of pairs) {
    if (goldOf.has(p) || usedGold.has(g)) continue
    goldOf.set(p, g)
    usedGold.add(g)
  }
  let kindRight = 0
  const wrongKind: string[] = []
  let worthyTp = 0
  for (const [p, g] of goldOf) {
    const ours = predicted[p]!.claim
    const theirs = golden[g]!.gold
    if (ours.kind === theirs.kind) kindRight++
    else wrongKind.push(`${ours.kind} ≠ ${theirs.kind}: ${ours.text}`)
    if (ours.checkworthy && theirs.checkworthy) worthyTp++
  }
  const tp = goldOf.size
  const falsePositives = predicted.filter((_, i) => !goldOf.has(i)).map((p) => `${p.claim.kind}: ${p.claim.text}`)
  const falseNegatives = golden.filter((_, i) => !usedGold.has(i)).map((g) => `${g.gold.kind}: ${g.gold.text}`)
  const worthyPredicted = predicted.filter((p) => p.claim.checkworthy).length
  const worthyGold = gold.claims.filter((g) => g.checkworthy).length
  return {
    entities,
    claims: { ...prf(tp, falsePositives.length, falseNegatives.length), kindAccuracy: round(tp === 0 ? 0 : kindRight / tp), falsePositives, falseNegatives, wrongKind },
    checkworthy: prf(worthyTp, worthyPredicted - worthyTp, worthyGold - worthyTp),
    turns: scope.size,
  }
}
