import type { Sentence, Token } from './types.js'

// Words are runs of letters/digits; every other non-space character is its own token, so
// "China’s" → China ’ s and "US-China" → US - China: the gazetteer sees the names inside.
const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu
const OPENERS = new Set(['\u201C', '"', '\u2018', '(', ':', '\u2014', '['])

const isWord = (s: string): boolean => {
  const c = s.charCodeAt(0)
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127 && /[\p{L}\p{N}]/u.test(s)
}

/** Tokens of one turn, each tagged with its sentence (index into `sentences`, which are this turn's, in order). */
export const tokenizeTurn = (turn: number, text: string, sentences: readonly Sentence[], sentenceOffset: number): Token[] => {
  const out: Token[] = []
  let s = 0
  let sawWord = false
  let afterOpener = false
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const start = m.index
    while (s < sentences.length - 1 && start >= (sentences[s] as Sentence).end) { s++; sawWord = false; afterOpener = false }
    const word = m[0]
    const wordy = isWord(word)
    out.push({ turn, start, end: start + word.length, text: word, lower: word.toLowerCase(), sentence: sentenceOffset + s, initial: wordy && (!sawWord || afterOpener) })
    if (wordy) { sawWord = true; afterOpener = false } else if (OPENERS.has(word)) afterOpener = true
  }
  return out
}

/** Tokens of a phrase, lower-cased, as the gazetteer stores its aliases. */
export const phraseTokens = (phrase: string): string[] => phrase.match(TOKEN) ?? []
