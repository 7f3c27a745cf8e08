import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { makeTurns, SPEAKERS } from './testing/turns.js'

// The shipped gazetteer is off: these names are unknown to it on purpose.
const found = (text: string) => {
  const { entities } = extract({ turns: makeTurns([['schneider', text]]), speakers: SPEAKERS }, { defaultGazetteer: false })
  return entities.filter((e) => e.mentions.length > 0 && !SPEAKERS.some((s) => s.id === e.id)).map((e) => ({ name: e.name, type: e.type }))
}

describe('proper nouns', () => {
  it('invents nothing from interjections, months, weekdays or sentence-initial words', () => {
    expect(found('Yeah, look. Well, okay. Look, in April we met on Monday. Tariffs rose. Smuggling is rare. Okay, fine.')).toEqual([])
  })

  it('types names by their evidence', () => {
    expect(found('Then Secretary Halvorsen spoke.')).toEqual([{ name: 'Halvorsen', type: 'PERSON' }])
    expect(found('They sold it to Globex Corp last year.')).toEqual([{ name: 'Globex Corp', type: 'ORG' }])
    expect(found('They passed the Clean Seas Act quickly.')).toEqual([{ name: 'Clean Seas Act', type: 'LAW' }])
    expect(found('Plants opened in Ruritania soon after.')).toEqual([{ name: 'Ruritania', type: 'GPE' }])
    expect(found('Regulators at the Bureau of Mines and Minerals objected.')).toEqual([{ name: 'Bureau of Mines and Minerals', type: 'ORG' }])
  })

  it('keeps two names joined by "and" apart', () => {
    expect(found('They trade with Ruritania and Freedonia.').map((e) => e.name)).toEqual(['Ruritania', 'Freedonia'])
  })

  it('skips idioms and contractions', () => {
    expect(found('That is the sword of Damocles. Isn’t it in the Venn diagram?')).toEqual([])
  })
})
