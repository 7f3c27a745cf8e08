/**
 * The shipped check-worthiness model (src/nlp/data/checkworthiness.json, written by `npm run train`
 * from the CheckThat! 2019 training debates): how likely fact-checkers are to check a sentence.
 */
import model from '../data/checkworthiness.json' with { type: 'json' }
import { lowerWords } from '../phrase-index.js'
import { capitalisedWords, COMPARATIVES, fold, isCounted, lengthBin, namesBin, NUMBER_WORDS } from './features.js'

// One entry per word: its own weight, the weights of the pairs it opens, and what it says about the
// sentence's shape; so scoring looks each token up once.
interface WordEntry {
  id: number
  weight: number
  next: Map<string, { id: number; weight: number }> | undefined
  flags: number
}
const NUM = 1
const PCT = 2
const MONEY = 4
const YEAR = 8
const COMPARATIVE = 16
const flagsOf = (w: string): number =>
  (w === '<num>' || NUMBER_WORDS.has(w) ? NUM : 0) | (w === '<pct>' || w === 'percent' ? PCT : 0) |
  (w === '<money>' || w === 'dollars' ? MONEY : 0) | (w === '<year>' ? YEAR : 0) | (COMPARATIVES.has(w) ? COMPARATIVE : 0)

const VOCABULARY = new Map<string, WordEntry>()
const entry = (w: string): WordEntry => {
  let e = VOCABULARY.get(w)
  if (!e) VOCABULARY.set(w, (e = { id: VOCABULARY.size, weight: 0, next: undefined, flags: flagsOf(w) }))
  return e
}
let pairs = 0
const OTHER = new Map<string, number>()
for (const [name, weight] of Object.entries(model.weights as Record<string, number>)) {
  if (name.startsWith('u:')) entry(name.slice(2)).weight = weight
  else if (name.startsWith('b:')) {
    const body = name.slice(2)
    const cut = body.indexOf(' ')
    const first = entry(body.slice(0, cut))
    first.next ??= new Map()
    first.next.set(body.slice(cut + 1), { id: pairs++, weight })
  } else OTHER.set(name, weight)
}
for (const w of [...NUMBER_WORDS, ...COMPARATIVES, '<num>', '<pct>', '<money>', '<year>', 'percent', 'dollars']) entry(w)

// Binary features, as in training: a word or pair that recurs in a sentence counts once. Each call
// stamps the words and pairs it has counted with its own number: no Set, no allocation per sentence.
const wordStamps = new Int32Array(VOCABULARY.size)
const pairStamps = new Int32Array(pairs)
let calls = 0

const weightOf = (name: string): number => OTHER.get(name) ?? 0
const SHAPE = {
  num: weightOf('has:num'), pct: weightOf('has:pct'), money: weightOf('has:money'), year: weightOf('has:year'),
  comparative: weightOf('has:comparative'), question: weightOf('question'),
}
const FIRST = new Map([...OTHER].filter(([name]) => name.startsWith('first:')).map(([name, w]) => [name.slice(6), w]))

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))

const endsWithQuestion = (sentence: string): boolean => {
  let i = sentence.length - 1
  while (i >= 0 && sentence.charCodeAt(i) <= 32) i--
  return sentence.charCodeAt(i) === 63
}



/** Above this a sentence is `checkworthy`: calibrated on leave-one-debate-out scores (see the model file). */
export const CHECKWORTHY_THRESHOLD: number = model.threshold

/**
 * @example
 * checkworthiness('We lost 70,000 factory jobs last year.') // ≈ 0.9
 * checkworthiness('Thank you very much.') // ≈ 0.1
 * @param lower the sentence's lower-cased tokens, when the caller has them
 */
export const checkworthiness = (sentence: string, lower: readonly string[] = lowerWords(sentence)): number => {
  // The same features as checkworthinessFeatures (a test holds them equal), summed as they are
  // found: no feature names, no arrays, one lookup per token, because this runs on every sentence.
  if (++calls === 0x7fffffff) {
    calls = 1
    wordStamps.fill(0)
    pairStamps.fill(0)
  }
  let z = model.bias
  let previous: WordEntry | undefined
  let length = 0
  let flags = 0
  for (let i = 0; i < lower.length; i++) {
    const w = fold(lower[i]!)
    if (isCounted(w)) length++
    const e = VOCABULARY.get(w)
    if (e) {
      flags |= e.flags
      if (wordStamps[e.id] !== calls) {
        wordStamps[e.id] = calls
        z += e.weight
      }
    }
    const pair = previous?.next?.get(w)
    if (pair !== undefined && pairStamps[pair.id] !== calls) {
      pairStamps[pair.id] = calls
      z += pair.weight
    }
    previous = e
  }
  if (flags & NUM) z += SHAPE.num
  if (flags & PCT) z += SHAPE.pct
  if (flags & MONEY) z += SHAPE.money
  if (flags & YEAR) z += SHAPE.year
  if (flags & COMPARATIVE) z += SHAPE.comparative
  z += OTHER.get(namesBin(capitalisedWords(sentence))) ?? 0
  z += OTHER.get(lengthBin(length)) ?? 0
  if (endsWithQuestion(sentence)) z += SHAPE.question
  if (lower.length > 0) z += FIRST.get(fold(lower[0]!)) ?? 0
  return Math.round(sigmoid(z) * 1000) / 1000
}
