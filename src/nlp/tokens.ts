import type { Sentence, Token } from './types.js'

// Words are runs of letters/digits; every other non-space character is its own token, so
// "China’s" → China ’ s and "US-China" → US - China: the gazetteer sees the names inside.
const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu
const OPENERS = new Set(['\u201C', '"', '\u2018', '(', ':', '\u2014', '['])

// Letters and digits by code unit: ASCII, then everything from Latin-1 letters up except the
// general punctuation, symbol and CJK punctuation blocks (quotes, dashes, ellipses are tokens).
const isWordCode = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ||
  (c >= 0xC0 && c !== 0xD7 && c !== 0xF7 && !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFE30 && c <= 0xFE4F) && !(c >= 0xFF00 && c <= 0xFF0F))
const isSpaceCode = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13 || c === 0xA0 || c === 0x2009 || c === 0x202F

// Token strings are interned in a direct-mapped table indexed by a hash of their code units: a word
// repeats thousands of times in an episode, and re-using one string and its lower-case form instead of
// slicing and lower-casing a new one each time roughly halves what the tokenizer allocates (the
// minor-GC cost of a long episode). A slot keeps the last word that hashed to it, so the table never
// grows, and a hit costs one array read and a comparison (no Map lookup, no string key).
// A slot's word and its lower-case form sit side by side (2k, 2k + 1), so a hit reads one cache line.
const SLOTS = 1 << 16
const slots: Array<string | undefined> = new Array<string | undefined>(2 * SLOTS).fill(undefined)

const sameText = (s: string, text: string, start: number, end: number): boolean => {
  if (s.length !== end - start) return false
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) !== text.charCodeAt(start + k)) return false
  return true
}

/** The slot of a word: its hash and length, mixed so that similar words spread over the table. */
const slotOf = (hash: number, length: number): number => {
  const h = Math.imul(hash ^ length, 0x9E3779B1)
  return (h ^ (h >>> 16)) & (SLOTS - 1)
}

/**
 * Tokens of one turn, each tagged with its sentence (index into `sentences`, which are this turn's, in order).
 * `pool`: Token objects to overwrite instead of allocating (grown as needed). A turn's tokens live
 * through every stage, so newly allocated ones survive young-generation collections and V8 starts
 * allocating them in old space: measured, that made tokenizing 3× slower inside extraction than
 * alone. A caller that passes a pool must be done with the previous turn's tokens.
 */
export const tokenizeTurn = (turn: number, text: string, sentences: readonly Sentence[], sentenceOffset: number, pool?: Token[]): Token[] => {
  // With a pool, the turn's tokens are its first `count`, copied out once at the end at their
  // size: pushing each token to a new list grew (and copied) that list step by step.
  const out: Token[] = pool ?? []
  let count = 0
  let s = 0
  let sawWord = false
  let afterOpener = false
  let afterNewline = true
  const n = text.length
  // A hand-rolled scan: the same tokens as TOKEN, several times faster than a Unicode regex.
  for (let i = 0; i < n;) {
    const c = text.charCodeAt(i)
    if (isSpaceCode(c)) {
      if (c === 10) afterNewline = true
      i++
      continue
    }
    const start = i
    const wordy = isWordCode(c)
    let plain = !(c >= 65 && c <= 90) && c < 128
    let hash = c
    if (wordy) {
      i++
      for (; i < n; i++) {
        const d = text.charCodeAt(i)
        if (!isWordCode(d)) break
        if ((d >= 65 && d <= 90) || d >= 128) plain = false
        hash = (hash * 31 + d) | 0
      }
    } else if (c >= 0xD800 && c <= 0xDBFF) {
      hash = (hash * 31 + text.charCodeAt(i + 1)) | 0
      i += 2
    } else i++
    while (s < sentences.length - 1 && start >= (sentences[s] as Sentence).end) { s++; sawWord = false; afterOpener = false }
    const end = Math.min(i, n)
    const slot = slotOf(hash, end - start) << 1
    let word = slots[slot]
    let lower: string
    if (word !== undefined && sameText(word, text, start, end)) lower = slots[slot + 1] as string
    else {
      word = text.slice(start, end)
      // Most words are already lower case (ASCII a-z, digits): they are their own key, no new string.
      lower = wordy && !plain ? word.toLowerCase() : word
      slots[slot] = word
      slots[slot + 1] = lower
    }
    const initial = wordy && (!sawWord || afterOpener || afterNewline)
    const reused = out[count]
    if (reused) {
      reused.turn = turn
      reused.start = start
      reused.end = i
      reused.text = word
      reused.lower = lower
      reused.sentence = sentenceOffset + s
      reused.initial = initial
      reused.lineStart = afterNewline
    } else out.push({ turn, start, end: i, text: word, lower, sentence: sentenceOffset + s, initial, lineStart: afterNewline })
    count++
    afterNewline = false
    if (wordy) { sawWord = true; afterOpener = false } else if (OPENERS.has(word)) afterOpener = true
  }
  return pool ? pool.slice(0, count) : out
}

/** Tokens of a phrase, lower-cased, as the gazetteer stores its aliases. */
export const phraseTokens = (phrase: string): string[] => phrase.match(TOKEN) ?? []
