import { createRequire } from 'node:module'

// natural's Brill tagger, loaded lazily by path: the package root would run dotenv and load
// mongoose and pg. It is consulted only for capitalised words the cheap rules cannot decide.
const require = createRequire(import.meta.url)

interface TaggedWord { token: string; tag: string }
interface TaggedSentence { taggedWords: TaggedWord[] }
interface Rule { apply: (sentence: TaggedSentence, position: number) => void }
interface Tagger { tagWithLexicon: (words: string[]) => TaggedSentence }
interface RuleSetLike { getRules: () => Rule[] }
interface LexiconLike { tagWord: (word: string) => string[]; lexicon: Record<string, string[] | undefined> }

let cache: { tagger: Tagger; rules: Rule[]; lexicon: LexiconLike } | null = null

const load = (): { tagger: Tagger; rules: Rule[]; lexicon: LexiconLike } => {
  if (cache) return cache
  const brill = require('natural/lib/natural/brill_pos_tagger/index.js') as {
    Lexicon: new (lang: string, def: string, defCap: string) => LexiconLike
    RuleSet: new (lang: string) => RuleSetLike
    BrillPOSTagger: new (lexicon: LexiconLike, rules: RuleSetLike) => Tagger
  }
  const lexicon = new brill.Lexicon('EN', 'NN', 'NNP')
  const ruleSet = new brill.RuleSet('EN')
  cache = { tagger: new brill.BrillPOSTagger(lexicon, ruleSet), rules: ruleSet.getRules(), lexicon }
  return cache
}

/** Tags the lexicon lists for a word as written (e.g. "look" → VB, NN, VBP), or undefined if unknown. */
export const lexiconTags = (word: string): readonly string[] | undefined => {
  const tags = load().lexicon.lexicon[word]
  return Array.isArray(tags) ? tags : undefined
}

/** Whether the lexicon knows a lower-case word as a common word, not only as a proper noun ("reading" yes, "chicago" no). */
export const isCommonWord = (lower: string): boolean => {
  const tags = lexiconTags(lower)
  return tags !== undefined && !tags[0]?.startsWith('NNP')
}

/**
 * Whether a capitalised word is first of all an ordinary word of the language ("Remember", "Well"),
 * not a name ("Maria", "John", or "Zooko", which the lexicon does not know): its likeliest tag as
 * written, or in lower case when the lexicon lacks the capitalised form.
 */
export const isOrdinaryWord = (word: string): boolean => {
  const tags = lexiconTags(word) ?? lexiconTags(word.toLowerCase())
  return tags !== undefined && !tags[0]?.startsWith('NNP')
}

/**
 * Brill tags for a sentence's words: natural's `tag`, with the rule list read once. Its `applyRules`
 * rebuilds the list (Object.keys and map over every rule) for each word it tags.
 */
export const tagWords = (words: string[]): string[] => {
  const { tagger, rules } = load()
  const sentence = tagger.tagWithLexicon(words)
  for (let i = 0; i < sentence.taggedWords.length; i++) for (const rule of rules) rule.apply(sentence, i)
  return sentence.taggedWords.map((w) => w.tag)
}
