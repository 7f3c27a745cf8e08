import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { formatExplanations } from './format-explanation.js'
import { makeTurns, SPEAKERS } from './testing/turns.js'

describe('formatExplanations', () => {
  const { explanations } = extract({ turns: makeTurns([['miller', 'Is that right? China will probably retaliate against US firms, Chris.']]), speakers: SPEAKERS }, { explain: true })

  it('prints the verdict, the features with weights and the hedges of each sentence', () => {
    const text = formatExplanations(explanations)
    expect(text).toMatch(/^t0-s0 \[not a claim, confidence 0\.\d\d\] Is that right\?\n {2}features: .*question -5\.00/m)
    expect(text).toMatch(/t0-s1 \[CLAIM predictive, confidence 0\.\d\d\] China will probably/)
    expect(text).toMatch(/hedges: probably/)
    expect(text).toMatch(/policy-term\(\w+\) \+1\.40/)
  })

  it('can keep only the claims', () => {
    expect(formatExplanations(explanations, { kept: true })).not.toMatch(/not a claim/)
  })
})
