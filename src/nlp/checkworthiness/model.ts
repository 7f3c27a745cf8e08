/**
 * The shipped check-worthiness model (src/nlp/data/checkworthiness.json, written by `npm run train`
 * from the CheckThat! 2019 training debates): how likely fact-checkers are to check a sentence.
 */
import model from '../data/checkworthiness.json' with { type: 'json' }
import { hashBits, lowerWords } from '../phrase-index.js'
import { capitalisedWords, COMPARATIVES, fold, isCounted, lengthBin, namesBin, NUMBER_WORDS } from './features.js'

const NUM = 1
const PCT = 2
const MONEY = 4
const YEAR = 8
const COMPARATIVE = 16
const flagsOf = (w: string): number =>
  (w === '<num>' || NUMBER_WORDS.has(w) ? NUM : 0) | (w === '<pct>' || w === 'percent' ? PCT : 0) |
  (w === '<money>' || w === 'dollars' ? MONEY : 0) | (w === '<year>' ? YEAR : 0) | (COMPARATIVES.has(w) ? COMPARATIVE : 0)

// Every word the model knows gets a number: its own weight, whether it opens a pair and what it says
// about the sentence's shape sit in typed arrays at that number, and a pair is found by the numbers
// of its two words. Scoring runs on every sentence, and inside extraction its cost was memory
// latency: a Map entry per pair and an object per word, scattered over the heap, missed the cache
// on nearly every token; these arrays are a few compact blocks. One string lookup per token remains.
const WORD_IDS = new Map<string, number>()
const PAIR_KEY_BITS = 14
const pairKey = (first: number, second: number): number => (first << PAIR_KEY_BITS) | second
const OTHER = new Map<string, number>()
// Read from the model file, by word number and by pair number; packed into typed arrays below.
const wordWeightList: number[] = []
const pairKeyList: number[] = []
const pairWeightList: number[] = []
const wordId = (w: string): number => {
  let id = WORD_IDS.get(w)
  if (id === undefined) {
    WORD_IDS.set(w, (id = WORD_IDS.size))
    wordWeightList.push(0)
  }
  return id
}
for (const [name, weight] of Object.entries(model.weights as Record<string, number>)) {
  if (name.startsWith('u:')) wordWeightList[wordId(name.slice(2))] = weight
  else if (name.startsWith('b:')) {
    const body = name.slice(2)
    const cut = body.indexOf(' ')
    // The second word gets a number too, with no weight of its own if it has none.
    pairKeyList.push(pairKey(wordId(body.slice(0, cut)), wordId(body.slice(cut + 1))))
    pairWeightList.push(weight)
  } else OTHER.set(name, weight)
}
for (const w of [...NUMBER_WORDS, ...COMPARATIVES, '<num>', '<pct>', '<money>', '<year>', 'percent', 'dollars']) wordId(w)
if (WORD_IDS.size > 1 << PAIR_KEY_BITS) throw new Error(`checkworthiness model: ${WORD_IDS.size} words do not fit pair keys of ${PAIR_KEY_BITS} bits`)
const wordWeights = Float64Array.from(wordWeightList)
// Map order is insertion order, which is word-number order.
const wordFlags = Uint8Array.from(WORD_IDS.keys(), flagsOf)
const opensPair = new Uint8Array(WORD_IDS.size)
for (const key of pairKeyList) opensPair[key >>> PAIR_KEY_BITS] = 1
const pairWeights = Float64Array.from(pairWeightList)

// The pairs as an open-addressing table in two typed arrays (a key, then its pair number, at
// the same slot; linear probing): a lookup reads one or two adjacent slots, where a Map walks a
// bucket and a chain, each a likely cache miss.
const PAIR_TABLE_BITS = Math.max(4, Math.ceil(Math.log2(pairKeyList.length * 2 + 1)))
const PAIR_TABLE_MASK = (1 << PAIR_TABLE_BITS) - 1
const pairTableKeys = new Int32Array(1 << PAIR_TABLE_BITS).fill(-1)
const pairTableIds = new Int32Array(1 << PAIR_TABLE_BITS)
pairKeyList.forEach((key, id) => {
  let slot = hashBits(key, PAIR_TABLE_BITS)
  while (pairTableKeys[slot] !== -1) slot = (slot + 1) & PAIR_TABLE_MASK
  pairTableKeys[slot] = key
  pairTableIds[slot] = id
})
/** The pair number of two word numbers, or -1. */
const pairOf = (first: number, second: number): number => {
  const key = pairKey(first, second)
  for (let slot = hashBits(key, PAIR_TABLE_BITS); ; slot = (slot + 1) & PAIR_TABLE_MASK) {
    const found = pairTableKeys[slot]!
    if (found === key) return pairTableIds[slot]!
    if (found === -1) return -1
  }
}

// Binary features, as in training: a word or pair that recurs in a sentence counts once. Each call
// stamps the words and pairs it has counted with its own number: no Set, no allocation per sentence.
const wordStamps = new Int32Array(WORD_IDS.size)
const pairStamps = new Int32Array(pairWeights.length)
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
  let previous = -1
  let length = 0
  let flags = 0
  for (let i = 0; i < lower.length; i++) {
    const w = fold(lower[i]!)
    if (isCounted(w)) length++
    const id = WORD_IDS.get(w)
    if (id === undefined) {
      previous = -1
      continue
    }
    flags |= wordFlags[id]!
    if (wordStamps[id] !== calls) {
      wordStamps[id] = calls
      z += wordWeights[id]!
    }
    const pair = previous >= 0 && opensPair[previous] === 1 ? pairOf(previous, id) : -1
    if (pair >= 0 && pairStamps[pair] !== calls) {
      pairStamps[pair] = calls
      z += pairWeights[pair]!
    }
    previous = id
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
