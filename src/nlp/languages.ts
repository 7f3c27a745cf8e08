import { isDemonym } from './knowledge.js'
import type { Token } from './types.js'

const SPEECH = new Set(['speak', 'speaks', 'speaking', 'spoke', 'spoken', 'learn', 'learns', 'learned', 'learning', 'learnt', 'teach',
  'teaches', 'taught', 'teaching', 'study', 'studied', 'studying', 'translate', 'translated', 'fluent', 'native', 'write', 'wrote',
  'written', 'read', 'understand', 'knows', 'know', 'switched', 'switch'])
// What may follow a language name: punctuation, a conjunction, "language", or the end of the sentence.
const AFTER = new Set([',', '.', 'and', 'or', 'but', 'language', 'languages', 'at', 'as', 'too', 'well', 'instead', 'anymore', 'fluently', 'now', 'then'])

/**
 * Whether the demonym at token `i` is a language: after a verb of speech or learning (up to one word
 * between: "speak only Russian", "taught in Ukrainian"), and not before a noun it describes
 * ("speak to Russian officials" keeps the people).
 */
export const isLanguageUse = (tokens: readonly Token[], i: number): boolean => {
  const t = tokens[i] as Token
  // The context first: it reads a few tokens, where the demonym lookup lower-cases and consults
  // the lexicon, and nearly every country mention fails it.
  return languageContext(tokens, i, t) && isDemonym(t.text)
}

// How many names back a list of languages is followed ("speaks Swedish, Greek and Polish").
const LIST_ITEMS = 8

const languageContext = (tokens: readonly Token[], i: number, t: Token): boolean => {
  const next = tokens[i + 1]
  // "Russian speaking", "Russian speakers".
  if (next && next.sentence === t.sentence && (next.lower === 'speaking' || next.lower === 'speaker' || next.lower === 'speakers')) return true
  if (next && next.sentence === t.sentence && /^\p{L}/u.test(next.text) && !AFTER.has(next.lower)) return false
  if (speechBefore(tokens, i, t)) return true
  // A later item of a list of languages, whose first item stands after the verb.
  let k = i
  for (let n = 0; n < LIST_ITEMS && k >= 2; n++) {
    const joiner = tokens[k - 1] as Token
    const item = tokens[k - 2] as Token
    if (joiner.sentence !== t.sentence || (joiner.lower !== 'and' && joiner.lower !== 'or' && joiner.text !== ',') || !isDemonym(item.text)) return false
    k -= 2
    if (speechBefore(tokens, k, item)) return true
  }
  return false
}

/** A verb of speech or learning up to three words before token `i`, with only "in", "only", "a little"… between. */
const speechBefore = (tokens: readonly Token[], i: number, t: Token): boolean => {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const w = tokens[k] as Token
    if (w.sentence !== t.sentence) return false
    if (SPEECH.has(w.lower)) return true
    if (w.lower !== 'in' && w.lower !== 'both' && w.lower !== 'only' && w.lower !== 'some' && w.lower !== 'fluent' && w.lower !== 'good' && w.lower !== 'a' && w.lower !== 'little' && w.lower !== 'into') return false
  }
  return false
}
