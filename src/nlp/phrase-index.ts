import { phraseTokens } from './tokens.js'

/**
 * Finds lexicon phrases in a token sequence in one pass: phrases are indexed by the first three
 * characters of their first token, so each position checks a handful of candidates instead of
 * trying every phrase (what a long regex alternation does). With `prefix`, a phrase's last token
 * may be a stem ("negotiat" matches "negotiations").
 */
export interface PhraseIndex {
  /** The phrases found in `words` (lower-cased tokens), each once, in order of first occurrence. */
  find: (words: readonly string[]) => string[]
}

// The key packs 10 bits of each of the first three UTF-16 units into a small integer, so lookups
// allocate nothing; rare collisions are harmless because every candidate is then compared in full.
const keyOf = (w: string): number => ((w.charCodeAt(0) & 0x3ff) << 20) | (((w.charCodeAt(1) || 0) & 0x3ff) << 10) | ((w.charCodeAt(2) || 0) & 0x3ff)

export const buildPhraseIndex = (phrases: readonly string[], prefix: boolean): PhraseIndex => {
  const byKey = new Map<number, Array<{ phrase: string; tokens: string[] }>>()
  for (const phrase of phrases) {
    const tokens = phraseTokens(phrase.toLowerCase())
    if (tokens.length === 0) continue
    const key = keyOf(tokens[0] as string)
    const list = byKey.get(key) ?? []
    list.push({ phrase, tokens })
    byKey.set(key, list)
  }
  for (const list of byKey.values()) list.sort((a, b) => b.tokens.length - a.tokens.length)
  const find = (words: readonly string[]): string[] => {
    const out: string[] = []
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string
      const list = byKey.get(keyOf(w))
      if (!list) continue
      for (const { phrase, tokens } of list) {
        const last = tokens.length - 1
        let ok = i + last < words.length
        for (let k = 0; k < last && ok; k++) ok = words[i + k] === tokens[k]
        if (!ok) continue
        const tail = words[i + last] as string
        if (prefix ? tail.startsWith(tokens[last] as string) : tail === tokens[last]) {
          if (!out.includes(phrase)) out.push(phrase)
          break
        }
      }
    }
    return out
  }
  return { find }
}

/** Lower-cased tokens of a text, for callers that have no tokens at hand. */
export const lowerWords = (text: string): string[] => phraseTokens(text.toLowerCase())
