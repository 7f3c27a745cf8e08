import { describe, expect, it } from 'vitest'
import { extractQuantities } from './quantities.js'

const pick = (s: string, date?: string | null) => extractQuantities(s, date).map(({ kind, value, unit }) => ({ kind, value, unit }))

describe('extractQuantities', () => {
  it.each([
    { id: 'money with scale', s: 'We are talking about $10 billion for farmers.', want: [{ kind: 'money', value: 1e10, unit: 'USD' }] },
    { id: 'money in words', s: 'They offered a trillion dollars into the US.', want: [{ kind: 'money', value: 1e12, unit: 'USD' }] },
    { id: 'money, other currency', s: 'A €2 million grant and US$3.5bn in loans.', want: [{ kind: 'money', value: 2e6, unit: 'EUR' }, { kind: 'money', value: 3.5e9, unit: 'USD' }] },
    { id: 'percent', s: 'Content exceeding 0.1% of the total value.', want: [{ kind: 'percent', value: 0.1, unit: '%' }] },
    { id: 'basis and percentage points', s: 'The Fed cut 25 basis points, then 50bps; jobless claims fell 2 percentage points. He scored 30 points.',
      want: [{ kind: 'percent', value: 25, unit: 'bp' }, { kind: 'percent', value: 50, unit: 'bp' }, { kind: 'percent', value: 2, unit: 'pp' }, { kind: 'count', value: 30, unit: 'points' }] },
    { id: 'percent range', s: 'Even getting to 20 or 30% helps.', want: [{ kind: 'percent', value: 20, unit: '%' }, { kind: 'percent', value: 30, unit: '%' }] },
    { id: 'measures', s: 'A logic chip at 14-nanometer or a memory chip at 256 layers.', want: [{ kind: 'measure', value: 14, unit: 'nm' }, { kind: 'measure', value: 256, unit: 'layers' }] },
    { id: 'thousands separators', s: 'China mines about 270,000 tons, up 1,200% since then.', want: [{ kind: 'measure', value: 270000, unit: 't' }, { kind: 'percent', value: 1200, unit: '%' }] },
    { id: 'a measure with a scale, or its unit written on the figure', s: 'Exports fell to 1.2 million tonnes of 7nm chips and 30kg of gallium; 10m of cable.',
      want: [{ kind: 'measure', value: 1.2e6, unit: 't' }, { kind: 'measure', value: 7, unit: 'nm' }, { kind: 'measure', value: 30, unit: 'kg' }] },
    { id: 'a count with a scale', s: 'It has 5 million users, and 3 billion of them left.', want: [{ kind: 'count', value: 5e6, unit: 'users' }, { kind: 'count', value: 3e9, unit: null }] },
    { id: 'year', s: 'Controls began in 2023.', want: [{ kind: 'date', value: '2023', unit: null }] },
    { id: 'count', s: 'It signed 170 cooperation agreements.', want: [{ kind: 'count', value: 170, unit: 'cooperation' }] },
    { id: 'percent in words', s: 'China refines ninety percent, and fifty-five per cent of magnets; tariffs of two hundred and ten percent.', want: [
      { kind: 'percent', value: 90, unit: '%' }, { kind: 'percent', value: 55, unit: '%' }, { kind: 'percent', value: 210, unit: '%' }] },
    { id: 'money in words, without a scale', s: 'It costs 70 dollars, twenty euros or five bucks, and five billion dollars in all.', want: [
      { kind: 'money', value: 70, unit: 'USD' }, { kind: 'money', value: 20, unit: 'EUR' }, { kind: 'money', value: 5, unit: 'USD' }, { kind: 'money', value: 5e9, unit: 'USD' }] },
    { id: 'no figure in an idiom', s: 'I am a hundred percent sure I had to bid a dollar, two pounds of beef and a percent of doubt.', want: [] },
  ])('$id', ({ s, want }) => {
    expect(pick(s, '2025-10-10')).toEqual(want)
  })

  it('resolves a day without a year against the episode date, to the nearest occurrence', () => {
    expect(pick('It goes into effect on December 1st.', '2025-10-10')).toEqual([{ kind: 'date', value: '2025-12-01', unit: null }])
    expect(pick('It went into effect on December 1st.', '2026-02-01')).toEqual([{ kind: 'date', value: '2025-12-01', unit: null }])
  })

  it('leaves the year out when the episode date is unknown', () => {
    expect(pick('It goes into effect on December 1st.', null)).toEqual([{ kind: 'date', value: '--12-01', unit: null }])
  })

  it('reads months after a preposition, but not the modal "may"', () => {
    expect(pick('In April and May, the White House noticed.', '2025-10-10')).toEqual([
      { kind: 'date', value: '2025-04', unit: null }, { kind: 'date', value: '2025-05', unit: null },
    ])
    expect(pick('Firms may or may not comply.', '2025-10-10')).toEqual([])
  })

  it('reads a share said as a fraction or a ratio as a percent, not a part of a year or a pair', () => {
    expect(pick('Two-thirds of the market and half of all chips went to China.')).toEqual([{ kind: 'percent', value: 66.7, unit: '%' }, { kind: 'percent', value: 50, unit: '%' }])
    expect(pick('One in five Americans and 9 out of 10 doctors agree.')).toEqual([{ kind: 'percent', value: 20, unit: '%' }, { kind: 'percent', value: 90, unit: '%' }])
    expect(pick('In the second half of the year, in the third quarter of 2024, we were number 1 in 2020.')).toEqual([{ kind: 'date', value: '2024', unit: null }, { kind: 'date', value: '2020', unit: null }])
  })

  it('reads a change or a comparison said as a multiple, not how often or an idiom', () => {
    const times = (value: number) => ({ kind: 'measure', value, unit: '×' })
    expect(pick('Applications doubled, prices are tripling and output rose fourfold, a 10-fold jump.')).toEqual([times(2), times(3), times(4), times(10)])
    expect(pick('It is ten times cheaper, 3 times as likely, twice as fast, 5x ours, and grew by a factor of three.')).toEqual([times(10), times(3), times(2), times(5), times(3)])
    expect(pick('We doubled down, double-checked, and played in doubles three times a week, twice as a kid, three times after that.')).toEqual([])
    expect(pick('SNES 9x runs on a 2x4 desk.')).toEqual([])
  })

  it('reads no comma after a number as a thousands separator', () => {
    expect(pick('When you are 18, like, you stop. Not all 20, but about 10 of them.')).toEqual([])
    expect(pick('We have 270,000 troops.')).toEqual([{ kind: 'count', value: 270000, unit: 'troops' }])
  })

  it('keeps the surface text of each quantity', () => {
    expect(extractQuantities('Exceeding 0.1% is captured.').map((q) => q.text)).toEqual(['0.1%'])
  })
})
