/**
 * Sentence boundaries with offsets, in one pass over the text. A boundary is a terminator
 * (. ? ! … or ...) plus any closing quotes/brackets, followed by a paragraph break, the end of the
 * text, or whitespace and something that can open a sentence (capital, digit, opening quote).
 * A full stop is not a boundary after an abbreviation ("Dr.", "U.S.", "Inc."), inside a number
 * ("0.1%"), or before a lower-case word; "(translation by CSET here)." closes on its full stop.
 * Unpunctuated speech running on past RUN_ON_WORDS words is cut where a clause opens (cutRunOn).
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

// Speech-to-text without punctuation (YouTube's automatic captions, a council meeting's recording)
// runs thousands of words on without a full stop: such a run is cut into spans of speech, each a
// sentence to the claim rules, at the words that open a clause in speech.
const RUN_ON_WORDS = 140
// Fewer clause marks than one in this many words: a run with no punctuation to go by.
const RUN_ON_MARK_EVERY = 30
const SPAN_MIN_WORDS = 8
const SPAN_MAX_WORDS = 30
// Words that open a new stretch of speech, and how surely: "so", "but", "okay", "um" more than a
// subject pronoun or "and".
const OPENS_SPAN = new Map<string, number>([
  ...['so', 'but', 'because', 'okay', 'ok', 'well', 'yeah', 'um', 'uh', 'anyway', 'now', 'right', 'alright', 'actually'].map((w) => [w, 2] as const),
  ...['and', 'i', 'we', 'they', 'he', 'she', 'you', 'it\'s', 'that\'s', 'there\'s', 'if', 'when', 'then'].map((w) => [w, 1] as const),
])

const CONJUNCTIONS = new Set(['and', 'but', 'or', 'so', 'because'])
const NEEDS_MORE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'my', 'our',
  'your', 'their', 'his', 'her', 'its', 'of', 'to', 'in', 'on', 'for', 'with', 'at', 'by', 'from', 'about', 'into', 'than', 'very', 'not', 'do', 'does', 'did',
  'have', 'has', 'had', 'will', 'would', 'can', 'could', 'should', 'might', 'must', 'just', 'really', 'like'])

/** The word starting at `at`, lower-cased, up to a space or `b`. */
const wordAt = (text: string, at: number, b: number): string => {
  let end = at
  while (end < b && !isSpace(text[end]) && text[end] !== '\n') end++
  return text.slice(at, end).toLowerCase()
}

/** The starts of the words of text[a, b), in one pass. */
const wordStarts = (text: string, a: number, b: number): number[] => {
  const starts: number[] = []
  for (let i = a; i < b; i++) if (!isSpace(text[i]) && text[i] !== '\n' && (i === a || isSpace(text[i - 1]) || text[i - 1] === '\n')) starts.push(i)
  return starts
}

/**
 * A run-on span of unpunctuated speech cut into spans of SPAN_MIN_WORDS to SPAN_MAX_WORDS words: at
 * the first sure opener past the minimum, else at the best opener before the maximum, else at it.
 */
const cutRunOn = (text: string, a: number, b: number, push: (a: number, b: number) => void): boolean => {
  const starts = wordStarts(text, a, b)
  if (starts.length <= RUN_ON_WORDS) return false
  let marks = 0
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i)
    if (c === 44 || c === 59 || c === 58 || c === 0x2014 || c === 0x2013) marks++
  }
  if (marks * RUN_ON_MARK_EVERY >= starts.length) return false
  // Not after a word that needs what follows: "requests are | now the norm", "in | so many ways".
  const opener = (w: number): number => (NEEDS_MORE.has(wordAt(text, starts[w - 1]!, b)) ? 0 : OPENS_SPAN.get(wordAt(text, starts[w]!, b)) ?? 0)
  let from = 0
  while (starts.length - from > SPAN_MAX_WORDS) {
    let cut = from + SPAN_MAX_WORDS
    let best = 0
    for (let w = from + SPAN_MIN_WORDS; w < from + SPAN_MAX_WORDS; w++) {
      const score = opener(w)
      if (score === 2) { cut = w; break }
      if (score > best || (score === best && score > 0)) { best = score; cut = w }
    }
    // "…over their gag orders and | uh and their requests": a conjunction opens the next span.
    if (cut - 1 > from + SPAN_MIN_WORDS && CONJUNCTIONS.has(wordAt(text, starts[cut - 1]!, b))) cut--
    push(starts[from]!, starts[cut]!)
    from = cut
  }
  push(starts[from]!, b)
  return true
}

/**
 * Splits `text` into sentences and returns their `[start, end)` offsets, trimmed of whitespace.
 * @example splitSentences('The U.S. acted. China replied.') // [[0, 15], [16, 30]]
 */
export const splitSentences = (text: string): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  let start = 0
  const trimmed = (a: number, b: number): void => {
    while (a < b && (isSpace(text[a]) || text[a] === '\n')) a++
    while (b > a && (isSpace(text[b - 1]) || text[b - 1] === '\n')) b--
    if (b > a) out.push([a, b])
  }
  const push = (a: number, b: number): void => {
    if (b - a < RUN_ON_WORDS * 2 || !cutRunOn(text, a, b, trimmed)) trimmed(a, b)
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
        // Letters written on a number end a sentence: "December 1st.", "by 40X."
        const onNumber = isDigit(text[i - word.length - 1])
        if (!onNumber && ABBREVIATIONS.has(word) && !(AMBIGUOUS_ABBREVIATIONS.has(word) && isOpener(nextWord(text, k)))) continue
        // A single capital before the stop is an initial ("George W. Bush"), not a sentence end; so are
        // initials run together ("J.D. Vance", "H.R. McMaster"), unless a sentence plainly opens after them.
        if (word.length === 1 && isUpper(text[i - 1] as string) && !onNumber) continue
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
