/**
 * What a check-worthiness model sees of a sentence: its words and word pairs (numbers folded into
 * a few classes, so "3.2 million" and "40 million" share evidence), and the shape fact-checkers
 * look for: figures, percentages, money, years, names, comparisons, length, a question.
 * Binary features, named, so a model is a plain map from name to weight.
 */

const TOKEN = /[$%]|[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*/gu
const YEAR = /^(?:1[89]\d\d|20\d\d)$/
const NUMBER = /^\d[\d.,]*$/
const NUMBER_WORDS = new Set(['million', 'billion', 'trillion', 'thousand', 'hundred', 'percent', 'half', 'twice', 'double', 'triple'])
const COMPARATIVES = new Set(['more', 'less', 'fewer', 'most', 'least', 'highest', 'lowest', 'largest', 'biggest', 'smallest', 'increase', 'increased', 'decrease', 'decreased', 'doubled', 'tripled', 'record', 'never', 'ever', 'first', 'only'])

const lengthBin = (n: number): string => (n < 5 ? 'len:<5' : n < 10 ? 'len:5-9' : n < 20 ? 'len:10-19' : n < 30 ? 'len:20-29' : 'len:30+')

/** A word as the model sees it: lower case, numbers by class. */
const normalize = (token: string): string => {
  if (token === '$') return '<money>'
  if (token === '%') return '<pct>'
  if (YEAR.test(token)) return '<year>'
  if (NUMBER.test(token)) return '<num>'
  return token.toLowerCase().replace(/’/g, "'")
}

/**
 * @example
 * checkworthinessFeatures('We lost 70,000 factory jobs in 2016.')
 * // ['u:we', 'u:lost', 'u:<num>', …, 'b:lost_<num>', …, 'has:num', 'has:year', 'len:5-9']
 */
export const checkworthinessFeatures = (sentence: string): string[] => {
  const raw = sentence.match(TOKEN) ?? []
  const words = raw.map(normalize)
  const features = new Set<string>()
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    features.add(`u:${w}`)
    if (i > 0) features.add(`b:${words[i - 1]}_${w}`)
    if (w === '<num>' || NUMBER_WORDS.has(w)) features.add('has:num')
    if (w === '<pct>' || w === 'percent') features.add('has:pct')
    if (w === '<money>' || w === 'dollars') features.add('has:money')
    if (w === '<year>') features.add('has:year')
    if (COMPARATIVES.has(w)) features.add('has:comparative')
  }
  let names = 0
  for (let i = 1; i < raw.length; i++) {
    const c = raw[i]!.charCodeAt(0)
    if (c >= 65 && c <= 90 && raw[i] !== 'I') names++
  }
  features.add(names === 0 ? 'names:0' : names === 1 ? 'names:1' : names < 4 ? 'names:2-3' : 'names:4+')
  features.add(lengthBin(words.length))
  if (sentence.trimEnd().endsWith('?')) features.add('question')
  if (words[0]) features.add(`first:${words[0]}`)
  return [...features]
}
