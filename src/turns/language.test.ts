import { describe, expect, it, test } from 'vitest'
import { detectLanguage, transcriptLanguageOf } from './language.js'

test.each([
  { id: 'chinese by script', text: '在中国,传统上有几个高危职业,像矿工、消防员、一线施工爆破人员。', language: 'zh' },
  { id: 'chinese with an english quote inside', text: '昨天,《经济学人》刊登长篇报导,标题开门见山:“The sinister disappearance of China’s bosses”——“险恶失踪的中国老板们”。', language: 'zh' },
  { id: 'japanese by kana', text: '今日はとても良い天気ですね。散歩に行きましょう。', language: 'ja' },
  { id: 'korean by hangul', text: '오늘은 날씨가 정말 좋네요. 산책하러 갑시다.', language: 'ko' },
  { id: 'english via franc, mapped to 639-1', text: 'What the new export controls do, and how on earth China plans to enforce them.', language: 'en' },
  { id: 'french via franc', text: 'Le gouvernement a annoncé de nouvelles mesures pour contrôler les exportations de terres rares.', language: 'fr' },
  { id: 'too short to tell', text: 'Yes.', language: 'und' },
])('$id', ({ text, language }) => {
  expect(detectLanguage(text)).toBe(language)
})

describe('transcriptLanguageOf', () => {
  it('reads a short transcript by its function words, else by the document around it, else not at all', () => {
    // Trigrams read these few words as Swedish.
    expect(detectLanguage('Welcome. Thanks. So? Well.')).not.toBe('en')
    expect(transcriptLanguageOf('Welcome. Thanks. So? Well.')).toBe('en')
    expect(transcriptLanguageOf('Hallo. Danke. Und? Gut.')).toBe('de')
    expect(transcriptLanguageOf('Welcome. Thanks. Bye.')).toBe('und')
    const post = 'The rules announced this week require a licence for every export of the metals and the magnets made from them.'
    expect(transcriptLanguageOf('Welcome. Thanks. Bye.', () => post)).toBe('en')
  })

  it('reads a sample under 400 characters by its function words first, where trigrams still guess', () => {
    // Oral argument in HHS v. Florida (2012, a US government work): trigrams read it as French.
    const argument = 'They can\'t say that? I do think it\'s -- I think it\'s certainly fair to say that Congress wants people in that position to'
    expect(detectLanguage(argument)).toBe('fr')
    expect(transcriptLanguageOf(argument)).toBe('en')
    const spanish = 'Bueno, la verdad es que no sé muy bien qué va a pasar con los aranceles, pero China controla casi todo el refinado.'
    expect(transcriptLanguageOf(spanish)).toBe('es')
  })
})
