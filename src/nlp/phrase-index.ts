import { phraseTokens } from './tokens.js'

// The key packs 10 bits of each of the first three UTF-16 units into a small integer, so lookups
// allocate nothing; rare collisions are harmless because every candidate is then compared in full.
export const keyOf = (w: string): number => ((w.charCodeAt(0) & 0x3ff) << 20) | (((w.charCodeAt(1) || 0) & 0x3ff) << 10) | ((w.charCodeAt(2) || 0) & 0x3ff)

/** A shared empty list, never written to: what a list with nothing in it can be without an allocation. */
export const NONE = Object.freeze([]) as unknown as string[]

/** The top `bits` bits of a Fibonacci hash of an integer key: a slot in a table of 2^bits. */
export const hashBits = (key: number, bits: number): number => Math.imul(key, 0x9E3779B1) >>> (32 - bits)

/**
 * Which keys may be in a set of keys, in a bitset of 2^16 bits (8 kB, cache-resident): most words
 * start no phrase, and the filter answers for them without the Map lookup, which misses the cache.
 * False positives only cost that lookup.
 */
export const keyFilter = (keys: Iterable<number>): { has: (key: number) => boolean } => {
  const bits = new Uint32Array(1 << 11)
  const bitOf = (key: number): number => hashBits(key, 16)
  for (const key of keys) {
    const b = bitOf(key)
    bits[b >>> 5]! |= 1 << (b & 31)
  }
  return { has: (key) => { const b = bitOf(key); return (bits[b >>> 5]! & (1 << (b & 31))) !== 0 } }
}

/**
 * Several lexicons in one index, keyed by the first three characters of each phrase's first token:
 * each position checks a handful of candidates instead of trying every phrase (what a long regex
 * alternation does). With `prefix`, a phrase's last token may be a stem ("negotiat" matches
 * "negotiations"). Each position of `words` is looked up once; every category keeps
 * its longest phrase starting there. Returns, per category, the phrases found (each once); a category
 * with none gets a shared frozen empty list.
 */
export const buildLexicon = <C extends string>(lexicons: Record<C, { phrases: readonly string[]; prefix: boolean }>): { scan: (words: readonly string[]) => Record<C, string[]> } => {
  const categories = Object.keys(lexicons) as C[]
  const byKey = new Map<number, Array<{ phrase: string; tokens: string[]; prefix: boolean; category: C; bit: number }>>()
  categories.forEach((category, n) => {
    const { phrases, prefix } = lexicons[category]
    for (const phrase of phrases) {
      const tokens = phraseTokens(phrase.toLowerCase())
      if (tokens.length === 0) continue
      const key = keyOf(tokens[0] as string)
      const list = byKey.get(key) ?? []
      list.push({ phrase, tokens, prefix, category, bit: 1 << n })
      byKey.set(key, list)
    }
  })
  for (const list of byKey.values()) list.sort((a, b) => b.tokens.length - a.tokens.length)
  const starts = keyFilter(byKey.keys())
  // Most sentences hit few categories: the others share one frozen empty list (never written to).
  // Each scan copies this object, all categories in place: filling an empty object added its
  // properties one by one, a shape transition each, for every sentence.
  const empty = Object.fromEntries(categories.map((c) => [c, NONE])) as Record<C, string[]>
  const scan = (words: readonly string[]): Record<C, string[]> => {
    const out = { ...empty }
    for (let i = 0; i < words.length; i++) {
      const key = keyOf(words[i] as string)
      if (!starts.has(key)) continue
      const list = byKey.get(key)
      if (!list) continue
      let done = 0
      for (const e of list) {
        if (done & e.bit) continue
        const last = e.tokens.length - 1
        let ok = i + last < words.length
        for (let k = 0; k < last && ok; k++) ok = words[i + k] === e.tokens[k]
        if (!ok) continue
        const tail = words[i + last] as string
        if (e.prefix ? tail.startsWith(e.tokens[last] as string) : tail === e.tokens[last]) {
          done |= e.bit
          const found = out[e.category]
          if (found === NONE) out[e.category] = [e.phrase]
          else if (!found.includes(e.phrase)) found.push(e.phrase)
        }
      }
    }
    return out
  }
  return { scan }
}

/** Lower-cased tokens of a text, for callers that have no tokens at hand. */
export const lowerWords = (text: string): string[] => phraseTokens(text.toLowerCase())
