import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import model from '../data/checkworthiness.json' with { type: 'json' }
import { CHECKTHAT_DIR, TRAIN_OPTIONS, examples } from '../../../scripts/train-checkworthiness.js'
import { averagePrecision, readDebates } from './checkthat.js'
import { checkworthinessFeatures } from './features.js'
import { predictLogistic, trainLogistic } from './logistic.js'
import { CHECKWORTHY_THRESHOLD, checkworthiness } from './model.js'

describe('checkworthinessFeatures', () => {
  it('folds numbers into classes and names the shape of the sentence', () => {
    const f = checkworthinessFeatures('We lost 70,000 jobs in 2016, 12% of them in Ohio?')
    expect(f).toEqual(expect.arrayContaining(['u:we', 'u:<num>', 'u:<year>', 'u:<pct>', 'b:lost <num>', 'has:num', 'has:pct', 'has:year', 'names:1', 'question', 'first:we']))
    expect(f).not.toContain('u:70')
  })
})

describe('trainLogistic', () => {
  const data = [
    ...Array.from({ length: 30 }, (_, i) => ({ features: ['u:jobs', `u:x${i % 3}`], label: 1 as const })),
    ...Array.from({ length: 300 }, (_, i) => ({ features: ['u:hello', `u:x${i % 3}`], label: 0 as const })),
  ]

  it('learns which features mark the rare class, and is deterministic to the bit', () => {
    const a = trainLogistic(data, { steps: 200 })
    expect(predictLogistic(a, ['u:jobs'])).toBeGreaterThan(0.8)
    expect(predictLogistic(a, ['u:hello'])).toBeLessThan(0.2)
    expect(JSON.stringify(trainLogistic(data, { steps: 200 }))).toBe(JSON.stringify(a))
  })
})

describe('averagePrecision', () => {
  it('is 1 when every positive comes first, and ties keep file order', () => {
    expect(averagePrecision([0.9, 0.8, 0.1], [1, 1, 0])).toBe(1)
    expect(averagePrecision([0.5, 0.5], [0, 1])).toBe(0.5)
  })
})

describe('the shipped model', () => {
  it('ranks a figure-laden statement above thanks and questions', () => {
    expect(checkworthiness('We lost 70,000 factory jobs last year, and wages fell 3 percent.')).toBeGreaterThan(CHECKWORTHY_THRESHOLD)
    expect(checkworthiness('Thank you very much.')).toBeLessThan(0.2)
    expect(checkworthiness('How are you doing tonight?')).toBeLessThan(0.2)
  })

  it.skipIf(!existsSync(CHECKTHAT_DIR))('is what `npm run train` learns from the CheckThat! training debates', () => {
    const trained = trainLogistic(examples(readDebates(CHECKTHAT_DIR)), TRAIN_OPTIONS)
    expect(trained.bias).toBe(model.bias)
    expect(trained.weights).toEqual(model.weights)
  }, 60_000)
})

describe('checkworthiness', () => {
  it('scores exactly as the model does on its named features (the fast path builds no feature names)', async () => {
    const { episode } = (await import('../testing/gold.js')).loadSeedGold()
    const sentences = episode.turns.flatMap((t) => t.text.split(/(?<=[.?!])\s+/)).slice(0, 400)
    const named = { bias: model.bias, weights: model.weights as Record<string, number> }
    for (const s of [...sentences, 'Jobs, jobs, jobs: 70,000 jobs!', '$5 or 5% — lost, lost.', 'Ünïcode Straße 12.5%', 'SPEAKER_1 said a_b _ __ ok', 'jobs and taxes and jobs '.repeat(40)]) {
      expect(checkworthiness(s)).toBe(Math.round(predictLogistic(named, checkworthinessFeatures(s)) * 1000) / 1000)
    }
  })
})
