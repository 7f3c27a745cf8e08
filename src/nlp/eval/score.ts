import type { ClaimKind, Entity, EntityType, Quantity } from '../../record/schema.js'

/** Gold file shapes (fixtures/gold/seed-gold.json; definitions in fixtures/gold/README.md). */
export interface GoldSentence {
  turn: number
  start: number
  end: number
  text: string
  claim: boolean
  kind: ClaimKind | null
  hedged: boolean
  quantities: Quantity[]
}

export interface GoldEntity {
  id: string
  name: string
  type: EntityType
  aliases: string[]
  turns: number[]
}

export interface Gold {
  episodeDate: string
  turnsSha256: string
  turns: Array<{ index: number; speakerId: string }>
  entities: GoldEntity[]
  sentences: GoldSentence[]
}

/** A predicted entity as the scorer sees it: any system's output reduced to names and turns. */
export interface PredictedEntity {
  id: string
  name: string
  type: EntityType | null
  aliases: string[]
  turns: number[]
}

export interface PredictedClaim {
  turn: number
  start: number
  end: number
  kind: ClaimKind
  hedged: boolean
  quantities: Quantity[]
}

export interface PRF {
  precision: number
  recall: number
  f1: number
  tp: number
  fp: number
  fn: number
}

export interface EntityScore extends PRF {
  typeAccuracy: number
  missed: string[]
  spurious: string[]
  wrongType: string[]
}

export interface ClaimScore extends PRF {
  kindAccuracy: number
  hedgeAccuracy: number
  quantityRecall: number
  /** Found gold claims, for the kind/hedge accuracies. */
  matched: number
  falsePositives: string[]
  falseNegatives: string[]
  wrongKind: string[]
}

export type TurnFilter = (turn: number) => boolean

export const round = (x: number): number => Math.round(x * 1000) / 1000
export const prf = (tp: number, fp: number, fn: number): PRF => {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision: round(precision), recall: round(recall), f1: round(f1), tp, fp, fn }
}

/** Lower case, no leading "the", no trailing possessive or punctuation: "the Chinese’s." → "chinese". */
export const normaliseName = (s: string): string =>
  s.toLowerCase().normalize('NFKC').replace(/[’`]/g, "'").trim()
    .replace(/^the\s+/, '').replace(/[.,;:!?"')\]]+$/, '').replace(/'s$/, '').replace(/s'$/, 's').trim()

/** Reduces record entities to what the scorer needs. */
/**
 * The record's entities as the gold counts them. Our gold, like the seed's, writes a country's people
 * ("Chinese") as aliases of the country, so a NORP entity with a `countryId` is scored as part of it.
 */
export const predictedFromEntities = (entities: readonly Entity[]): PredictedEntity[] => {
  const peoples = new Map<string, Entity[]>()
  for (const e of entities) if (e.countryId) peoples.set(e.countryId, [...(peoples.get(e.countryId) ?? []), e])
  return entities.filter((e) => !e.countryId).map((e) => {
    const parts = [e, ...(peoples.get(e.id) ?? [])]
    const aliases = [...e.aliases, ...parts.slice(1).flatMap((p) => [p.name, ...p.aliases])]
    return { id: e.id, name: e.name, type: e.type, aliases, turns: [...new Set(parts.flatMap((p) => p.mentions.map((m) => m.turn)))] }
  })
}

/**
 * Canonical-entity scoring for the turns `inSplit` accepts: gold entities mentioned there vs predicted
 * entities with a mention there. A prediction matches a gold entity by id, or by a normalised name or
 * alias in common; each gold entity matches once, so a second prediction for it is a false positive.
 */
export const scoreEntities = (gold: readonly GoldEntity[], predicted: readonly PredictedEntity[], inSplit: TurnFilter): EntityScore => {
  const goldIn = gold.filter((g) => g.turns.some(inSplit))
  const predIn = predicted.filter((p) => p.turns.some(inSplit))
  const goldNames = goldIn.map((g) => new Set([g.name, ...g.aliases].map(normaliseName)))
  const used = new Set<number>()
  let tp = 0
  let typed = 0
  const spurious: string[] = []
  const wrongType: string[] = []
  for (const p of predIn) {
    const names = [p.name, ...p.aliases].map(normaliseName)
    let k = goldIn.findIndex((g, i) => !used.has(i) && g.id === p.id)
    if (k < 0) k = goldIn.findIndex((_, i) => !used.has(i) && names.some((n) => goldNames[i]?.has(n)))
    if (k < 0) { spurious.push(`${p.name} (${p.type ?? '?'})`); continue }
    used.add(k)
    tp++
    const g = goldIn[k] as GoldEntity
    if (p.type === g.type) typed++
    else wrongType.push(`${g.id}: ${p.type ?? '?'} ≠ ${g.type}`)
  }
  const missed = goldIn.filter((_, i) => !used.has(i)).map((g) => g.id)
  return { ...prf(tp, spurious.length, missed.length), typeAccuracy: round(tp === 0 ? 0 : typed / tp), missed, spurious, wrongType }
}

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }): number => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start))

/**
 * Sentence-level claim scoring: each predicted claim is assigned to the gold sentence of its turn it
 * overlaps most; P/R/F1 of the positive class, then kind and hedge accuracy and quantity recall
 * over the gold claims that were found.
 */
export const scoreClaims = (gold: readonly GoldSentence[], predicted: readonly PredictedClaim[], inSplit: TurnFilter): ClaimScore => {
  const goldIn = gold.filter((g) => inSplit(g.turn))
  const assigned = new Map<number, PredictedClaim>()
  const falsePositives: string[] = []
  let fp = 0
  for (const p of predicted) {
    if (!inSplit(p.turn)) continue
    let best = -1
    let bestOverlap = 0
    goldIn.forEach((g, i) => {
      if (g.turn !== p.turn) return
      const o = overlap(g, p)
      if (o > bestOverlap) { best = i; bestOverlap = o }
    })
    const g = goldIn[best]
    if (!g || !g.claim) { fp++; falsePositives.push(g ? `t${g.turn}: ${g.text}` : `t${p.turn}@${p.start}`); continue }
    if (!assigned.has(best)) assigned.set(best, p)
  }
  let tp = 0
  let kinds = 0
  let hedges = 0
  let qGold = 0
  let qFound = 0
  const falseNegatives: string[] = []
  const wrongKind: string[] = []
  goldIn.forEach((g, i) => {
    if (!g.claim) return
    const p = assigned.get(i)
    if (!p) { falseNegatives.push(`t${g.turn}: ${g.text}`); return }
    tp++
    if (p.kind === g.kind) kinds++
    else wrongKind.push(`t${g.turn} [${p.kind} ≠ ${g.kind}]: ${g.text}`)
    if (p.hedged === g.hedged) hedges++
    const pool = p.quantities.map((q) => `${q.kind}:${q.value}`)
    for (const q of g.quantities) {
      qGold++
      const k = pool.indexOf(`${q.kind}:${q.value}`)
      if (k >= 0) { qFound++; pool.splice(k, 1) }
    }
  })
  return {
    ...prf(tp, fp, falseNegatives.length),
    kindAccuracy: round(tp === 0 ? 0 : kinds / tp),
    hedgeAccuracy: round(tp === 0 ? 0 : hedges / tp),
    quantityRecall: round(qGold === 0 ? 1 : qFound / qGold),
    matched: tp,
    falsePositives,
    falseNegatives,
    wrongKind,
  }
}

/** Held-out turns of the seed gold: index ≡ 0 (mod 4). */
export const isHeldOut: TurnFilter = (turn) => turn % 4 === 0
export const isTune: TurnFilter = (turn) => turn % 4 !== 0
export const isAny: TurnFilter = () => true
