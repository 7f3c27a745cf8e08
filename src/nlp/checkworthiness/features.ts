/**
 * What a check-worthiness model sees of a sentence: its words and word pairs as the extraction
 * pipeline tokenizes them (lower case; numbers folded into classes, so "3.2 million" and
 * "40 million" share evidence), and the shape fact-checkers look for: figures, percentages, money,
 * years, names, comparisons, length, a question. Binary features, named, so a model is a plain map
 * from name to weight. Taking the pipeline's tokens means scoring a sentence costs no tokenizing.
 */
import { lowerWords } from '../phrase-index.js'

export const NUMBER_WORDS = new Set(['million', 'billion', 'trillion', 'thousand', 'hundred', 'percent', 'half', 'twice', 'double', 'triple'])
export const COMPARATIVES = new Set(['more', 'less', 'fewer', 'most', 'least', 'highest', 'lowest', 'largest', 'biggest', 'smallest', 'increase', 'increased', 'decrease', 'decreased', 'doubled', 'tripled', 'record', 'never', 'ever', 'first', 'only'])

export const lengthBin = (n: number): string => (n < 5 ? 'len:<5' : n < 10 ? 'len:5-9' : n < 20 ? 'len:10-19' : n < 30 ? 'len:20-29' : 'len:30+')

/** A token as the model sees it: numbers by class (`<year>`, `<num>`), `$` and `%` by name. */
export const fold = (token: string): string => {
  const c = token.charCodeAt(0)
  if (c === 36) return '<money>'
  if (c === 37) return '<pct>'
  if (c < 48 || c > 57) return token
  for (let i = 1; i < token.length; i++) {
    const d = token.charCodeAt(i)
    if (d < 48 || d > 57) return token
  }
  const n = token.length === 4 ? Number(token) : 0
  return n >= 1800 && n <= 2099 ? '<year>' : '<num>'
}

/** Capitalised words after the first, "I" aside: names, roughly, at no tokenizing cost. */
export const capitalisedWords = (sentence: string): number => {
  let names = 0
  for (let i = 1; i < sentence.length; i++) {
    const c = sentence.charCodeAt(i)
    if (c < 65 || c > 90 || sentence.charCodeAt(i - 1) !== 32) continue
    const next = sentence.charCodeAt(i + 1)
    if (c === 73 && !((next >= 97 && next <= 122) || (next >= 65 && next <= 90))) continue
    names++
  }
  return names
}

export const namesBin = (names: number): string => (names === 0 ? 'names:0' : names === 1 ? 'names:1' : names < 4 ? 'names:2-3' : 'names:4+')

/** Whether a folded token counts towards the sentence length: a word or a number, not punctuation. */
export const isCounted = (w: string): boolean => {
  const c = w.charCodeAt(0)
  return c >= 97 || c === 60 || (c >= 48 && c <= 57)
}

/** The features that are not words or word pairs, from the folded words and the sentence. */
export const shapeFeatures = (sentence: string, words: readonly string[]): string[] => {
  const out: string[] = []
  let num = false
  let pct = false
  let money = false
  let year = false
  let comparative = false
  let length = 0
  for (const w of words) {
    if (isCounted(w)) length++
    if (w === '<num>' || NUMBER_WORDS.has(w)) num = true
    if (w === '<pct>' || w === 'percent') pct = true
    if (w === '<money>' || w === 'dollars') money = true
    if (w === '<year>') year = true
    if (COMPARATIVES.has(w)) comparative = true
  }
  if (num) out.push('has:num')
  if (pct) out.push('has:pct')
  if (money) out.push('has:money')
  if (year) out.push('has:year')
  if (comparative) out.push('has:comparative')
  out.push(namesBin(capitalisedWords(sentence)))
  out.push(lengthBin(length))
  if (sentence.trimEnd().endsWith('?')) out.push('question')
  if (words[0]) out.push(`first:${words[0]}`)
  return out
}

/**
 * `lower`: the sentence's lower-cased tokens when the caller has them (the extraction pipeline does).
 *
 * @example
 * checkworthinessFeatures('We lost 70,000 factory jobs in 2016.')
 * // ['u:we', 'u:lost', 'u:<num>', 'u:,', …, 'b:lost <num>', …, 'has:num', 'has:year', 'len:5-9', …]
 */
export const checkworthinessFeatures = (sentence: string, lower: readonly string[] = lowerWords(sentence)): string[] => {
  const words = lower.map(fold)
  const features = new Set<string>()
  for (let i = 0; i < words.length; i++) {
    features.add(`u:${words[i]}`)
    // Tokens never hold a space: it separates the pair unambiguously.
    if (i > 0) features.add(`b:${words[i - 1]} ${words[i]}`)
  }
  for (const f of shapeFeatures(sentence, words)) features.add(f)
  return [...features]
}
