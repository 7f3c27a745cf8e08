import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { makeTurns, SPEAKERS } from './testing/turns.js'

const tech = (lines: ReadonlyArray<[string, string]>) => {
  const { entities } = extract({ turns: makeTurns(lines), speakers: SPEAKERS }, { defaultGazetteer: false })
  return entities.filter((e) => e.type === 'TECH').map((e) => ({ name: e.name, mentions: e.mentions.map((m) => `${m.turn}:${m.text}`) }))
}

describe('model names', () => {
  it('reads a code as a product after a maker\'s possessive, before a word for a device, or after a product line', () => {
    expect(tech([['schneider', 'Nvidia\'s H20 sold. AMD MI300X GPUs and B-52 bombers flew. Huawei\'s Ascend 910C rivals them.']])).toEqual([
      { name: 'H20', mentions: ['0:H20'] }, { name: 'MI300X', mentions: ['0:MI300X'] }, { name: 'B-52', mentions: ['0:B-52'] },
      { name: 'Ascend 910C', mentions: ['0:Ascend 910C'] }])
  })

  it('links the code alone, later in the episode, to the product it named', () => {
    expect(tech([['schneider', 'Huawei\'s Ascend 910C chips are behind.'], ['miller', 'The 910C yields are low, and the H20s sold.'], ['schneider', 'Nvidia\'s H20 was cut.']])).toEqual([
      { name: 'Ascend 910C', mentions: ['0:Ascend 910C', '1:910C'] }, { name: 'H20', mentions: ['2:H20'] }])
  })

  it('reads no product in quarters, groups, forms or grades, and no name in a code', () => {
    const { entities } = extract({ turns: makeTurns([['schneider', 'In Q3 the G20 met. Form W2 and the H1 2025 results came. Only H20 chips sold in K-12 schools.']]), speakers: SPEAKERS }, { defaultGazetteer: false })
    expect(entities.filter((e) => !SPEAKERS.some((s) => s.id === e.id)).map((e) => `${e.name}/${e.type}`)).toEqual(['H20/TECH'])
  })
})
