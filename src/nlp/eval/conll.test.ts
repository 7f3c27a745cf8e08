import { describe, expect, it } from 'vitest'
import { parseConll, scoreSpans } from './conll.js'

const SAMPLE = ['-DOCSTART- -X- O O', '', 'EU NNP B-NP B-ORG', 'rejects VBZ B-VP O', 'German JJ B-NP B-MISC', 'call NN I-NP O', '',
  'Peter NNP B-NP B-PER', 'Blackburn NNP I-NP I-PER', 'in IN B-PP O', 'Brussels NNP B-NP B-LOC', ''].join('\n')

describe('parseConll', () => {
  it('turns IOB tags into character spans over the joined text, MISC left out', () => {
    const [doc] = parseConll(SAMPLE)
    expect(doc!.text).toBe('EU rejects German call\nPeter Blackburn in Brussels\n')
    expect(doc!.gold.map((s) => [doc!.text.slice(s.start, s.end), s.type])).toEqual([['EU', 'ORG'], ['Peter Blackburn', 'PER'], ['Brussels', 'LOC']])
  })
})

describe('scoreSpans', () => {
  it('counts a span only when its bounds match, and its type separately', () => {
    const gold = [[{ start: 0, end: 2, type: 'ORG' as const }, { start: 23, end: 38, type: 'PER' as const }]]
    const s = scoreSpans(gold, [[{ start: 0, end: 2, type: 'LOC' }, { start: 23, end: 38, type: 'PER' }, { start: 23, end: 28, type: 'PER' }]])
    expect(s.span.precision).toBeCloseTo(2 / 3)
    expect(s.typed.recall).toBe(0.5)
    expect(s.byType.PER.recall).toBe(1)
  })
})
