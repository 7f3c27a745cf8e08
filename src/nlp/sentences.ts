/**
 * Sentence boundaries with offsets, in one pass over the text. A boundary is a terminator
 * (. ? ! … or ...) plus any closing quotes/brackets, followed by a paragraph break, the end of the
 * text, or whitespace and something that can open a sentence (capital, digit, opening quote).
 * A full stop is not a boundary after an abbreviation ("Dr.", "U.S.", "Inc."), inside a number
 * ("0.1%"), or before a lower-case word; "(translation by CSET here)." closes on its full stop.
 */

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'gen', 'col', 'lt', 'sgt', 'capt', 'gov', 'sen',
  'rep', 'pres', 'rev', 'hon', 'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'dept', 'univ', 'no', 'nos', 'vs',
  'etc', 'approx', 'est', 'fig', 'vol', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'e.g', 'i.e', 'u.s', 'u.k', 'u.n', 'e.u', 'p.m', 'a.m', 'd.c', 'ph.d', 'cf', 'al',
])

/** Abbreviations that often end a sentence too ("…in the U.S. Then…"): a boundary only before these openers. */
const SENTENCE_OPENERS = new Set(['The', 'We', 'It', 'I', 'They', 'He', 'She', 'But', 'And', 'This', 'That', 'There', 'So', 'Yeah', 'Yes', 'No', 'In', 'If'])
/** Whether the word opens sentences often, written as running text or in capitals ("THE", "WE"). */
const isOpener = (word: string): boolean =>
  SENTENCE_OPENERS.has(word) || (word.length > 1 && word === word.toUpperCase() && SENTENCE_OPENERS.has(word[0] + word.slice(1).toLowerCase()))
const AMBIGUOUS_ABBREVIATIONS = new Set(['u.s', 'u.k', 'u.n', 'e.u', 'etc', 'inc', 'corp', 'ltd', 'co', 'p.m', 'a.m', 'd.c', 'jr', 'sr'])

// "J.D", "H.R": two capitals each followed by a full stop (the last one's is the stop being read).
// Longer runs are acronyms ("U.C.L.A."), which end sentences as often as not.
const INITIALS = /^\p{Lu}\.\p{Lu}$/u

const CLOSERS = new Set(['"', '\u201D', '\u2019', "'", ')', ']', '\u00BB'])
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\u00A0' || c === '\r'
const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase()
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
// ASCII by code; other characters by case, which allocates two strings (most words are ASCII).
const isLetter = (c: string | undefined): boolean => {
  if (c === undefined) return false
  const code = c.charCodeAt(0)
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
  return c.toLowerCase() !== c.toUpperCase()
}

/** The word ending just before `end` (letters and inner dots), lower-cased: "U.S" for "U.S.". */
const wordBefore = (text: string, end: number): string => {
  let i = end
  while (i > 0 && (isLetter(text[i - 1]) || (text[i - 1] === '.' && isLetter(text[i - 2])))) i--
  return text.slice(i, end).toLowerCase()
}

const nextWord = (text: string, from: number): string => {
  let j = from
  while (j < text.length && isLetter(text[j])) j++
  return text.slice(from, j)
}

/**
 * Splits `text` into sentences and returns their `[start, end)` offsets, trimmed of whitespace.
 * @example splitSentences('The U.S. acted. China replied.') // [[0, 15], [16, 30]]
 */
export const splitSentences = (text: string): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  let start = 0
  const push = (a: number, b: number): void => {
    while (a < b && (isSpace(text[a]) || text[a] === '\n')) a++
    while (b > a && (isSpace(text[b - 1]) || text[b - 1] === '\n')) b--
    if (b > a) out.push([a, b])
  }
  const n = text.length
  for (let i = 0; i < n; i++) {
    // By code unit: `text[i]` makes a new string of every character outside Latin-1 (’, “, ”).
    const code = text.charCodeAt(i)
    if (code === 10) {
      // A paragraph break always ends a sentence: a turn's paragraphs are joined by "\n\n".
      if (text.charCodeAt(i + 1) === 10 || i + 1 === n) { push(start, i); start = i + 1 }
      continue
    }
    if (code !== 46 && code !== 63 && code !== 33 && code !== 0x2026) continue
    const c = text[i]
    let j = i + 1
    while (j < n && (text[j] === '.' || text[j] === '?' || text[j] === '!' || text[j] === '\u2026')) j++
    while (j < n && CLOSERS.has(text[j] as string)) j++
    if (j < n && !isSpace(text[j]) && text[j] !== '\n') { i = j - 1; continue } // "0.1", "U.S.-China", "jordan@x.media"
    let k = j
    while (k < n && isSpace(text[k])) k++
    const next = text[k]
    if (k < n && next !== '\n') {
      const opens = isUpper(next as string) || isDigit(next) || next === '\u201C' || next === '"' || next === '(' || next === '\u2018'
      if (!opens) { i = j - 1; continue }
      if (c === '.' && j === i + 1) {
        const word = wordBefore(text, i)
        const ordinal = isDigit(text[i - word.length - 1]) // "December 1st." ends a sentence
        if (!ordinal && ABBREVIATIONS.has(word) && !(AMBIGUOUS_ABBREVIATIONS.has(word) && isOpener(nextWord(text, k)))) continue
        // A single capital before the stop is an initial ("George W. Bush"), not a sentence end; so are
        // initials run together ("J.D. Vance", "H.R. McMaster"), unless a sentence plainly opens after them.
        if (word.length === 1 && isUpper(text[i - 1] as string)) continue
        if (INITIALS.test(text.slice(i - word.length, i)) && !isOpener(nextWord(text, k))) continue
      }
    }
    push(start, j)
    start = j
    i = j - 1
  }
  push(start, n)
  return out
}
