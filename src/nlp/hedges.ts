import { buildPhraseIndex, lowerWords } from './phrase-index.js'

/**
 * Hedge cues (CoNLL-2010 "uncertain" sentences; claims.md §2.4): a finite lexicon, matched on whole
 * words in the lower-cased sentence. Deliberately absent: "rare" (rare earths), "about" (only a hedge
 * before a number), and bare modals "will/can/could/would", which mark prediction, not doubt.
 */
export const HEDGE_CUES: readonly string[] = [
  'maybe', 'perhaps', 'might', 'may or may not', 'possibly', 'possible', 'probably', 'likely', 'unlikely', 'potentially',
  'presumably', 'apparently', 'arguably', 'seems', 'seem', 'seemed', 'appears to', 'appear to', 'suggests', 'i think',
  "i don't think", 'i don’t think', "i don't really think", 'i don’t really think', 'i believe', 'i guess', 'my guess',
  'i suspect', 'i wonder', 'not sure', "i'm not sure", 'i’m not sure', 'pretty sure', 'unclear', 'uncertain', 'kind of',
  'sort of', 'somewhat', 'i would say', 'my mental model', 'i don’t know', "i don't know", 'no idea', 'could be',
  'to some extent', 'in some ways', 'may',
]

const INDEX = buildPhraseIndex(HEDGE_CUES, false)

/**
 * The hedge cues found in a sentence, lower-cased ("i think", "probably"). `words` are the
 * sentence's lower-cased tokens when the caller has them.
 */
export const findHedges = (sentence: string, words: readonly string[] = lowerWords(sentence)): string[] => {
  const cues = INDEX.find(words)
  // "May" the month is not a hedge; the modal is written in lower case.
  return cues.includes('may') && !/\bmay\b/.test(sentence) ? cues.filter((c) => c !== 'may') : cues
}
