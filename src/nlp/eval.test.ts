import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { isAny, isHeldOut, isTune, predictedFromEntities, scoreClaims, scoreEntities } from './eval/score.js'
import { loadExtraGold, loadSeedGold } from './testing/gold.js'

// Floors sit just under the scores measured when they were set (`npm run eval`, 2026-11-28):
// a drop below any of them is a regression to look at, not noise.
const FLOORS = {
  tune: { entityF1: 0.95, typeAccuracy: 0.95, claimF1: 0.88, kindAccuracy: 0.80, hedgeAccuracy: 0.92 },
  'held-out': { entityF1: 0.95, typeAccuracy: 0.95, claimF1: 0.92, kindAccuracy: 0.80, hedgeAccuracy: 0.95 },
  all: { entityF1: 0.95, typeAccuracy: 0.95, claimF1: 0.90, kindAccuracy: 0.80, hedgeAccuracy: 0.94 },
} as const

const { gold, episode } = loadSeedGold()
const result = extract(episode)
const splits = { tune: isTune, 'held-out': isHeldOut, all: isAny } as const

describe('scores on the seed gold', () => {
  it.each(Object.keys(FLOORS) as Array<keyof typeof FLOORS>)('%s split stays above its floors', (split) => {
    const e = scoreEntities(gold.entities, predictedFromEntities(result.entities), splits[split])
    const c = scoreClaims(gold.sentences, result.claims, splits[split])
    const floor = FLOORS[split]
    expect(e.f1).toBeGreaterThanOrEqual(floor.entityF1)
    expect(e.typeAccuracy).toBeGreaterThanOrEqual(floor.typeAccuracy)
    expect(c.f1).toBeGreaterThanOrEqual(floor.claimF1)
    expect(c.kindAccuracy).toBeGreaterThanOrEqual(floor.kindAccuracy)
    expect(c.hedgeAccuracy).toBeGreaterThanOrEqual(floor.hedgeAccuracy)
  })

  it('holds on the second, hand-written held-out transcript', () => {
    const extra = loadExtraGold()
    const r = extract(extra.episode)
    expect(scoreEntities(extra.gold.entities, predictedFromEntities(r.entities), isAny).f1).toBeGreaterThanOrEqual(0.9)
    const c = scoreClaims(extra.gold.sentences, r.claims, isAny)
    expect(c.f1).toBeGreaterThanOrEqual(0.85)
    expect(c.kindAccuracy).toBeGreaterThanOrEqual(0.8)
  })

  it('finds unlisted names without the shipped gazetteer (roster + proper nouns)', () => {
    const bare = extract(episode, { defaultGazetteer: false })
    expect(scoreEntities(gold.entities, predictedFromEntities(bare.entities), isAny).f1).toBeGreaterThanOrEqual(0.78)
  })
})

describe('scoring', () => {
  const g = [{ id: 'china', name: 'China', type: 'GPE' as const, aliases: ['Chinese'], turns: [0] }, { id: 'tsmc', name: 'TSMC', type: 'ORG' as const, aliases: [], turns: [1] }]

  it('matches by id or normalised alias, once per gold entity, and checks types', () => {
    const s = scoreEntities(g, [
      { id: 'x1', name: 'the Chinese’s', type: 'ORG', aliases: [], turns: [0] },
      { id: 'x2', name: 'China', type: 'GPE', aliases: [], turns: [0] },
    ], isAny)
    expect(s).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, typeAccuracy: 0 })
  })

  it('counts only entities mentioned in the split', () => {
    const s = scoreEntities(g, [{ id: 'tsmc', name: 'TSMC', type: 'ORG', aliases: [], turns: [1] }], (t) => t === 1)
    expect(s).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 })
  })

  it('assigns claims to the gold sentence they overlap most', () => {
    const sentences = [
      { turn: 0, start: 0, end: 10, text: '', claim: true, kind: 'factual' as const, hedged: false, quantities: [] },
      { turn: 0, start: 11, end: 20, text: '', claim: false, kind: null, hedged: false, quantities: [] },
    ]
    const s = scoreClaims(sentences, [
      { turn: 0, start: 0, end: 12, kind: 'predictive', hedged: false, quantities: [] },
      { turn: 0, start: 12, end: 20, kind: 'factual', hedged: false, quantities: [] },
    ], isAny)
    expect(s).toMatchObject({ tp: 1, fp: 1, fn: 0, kindAccuracy: 0 })
  })
})
