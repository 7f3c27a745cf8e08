import { HEDGE_CUES, scanLexicons, type LexiconHits } from './lexicons.js'
import { lowerWords } from './phrase-index.js'

export { HEDGE_CUES }



/**
 * The hedge cues found in a sentence, lower-cased ("i think", "probably"). `words` are the
 * sentence's lexicon hits when the caller has them.
 */
export const findHedges = (sentence: string, hits: LexiconHits = scanLexicons(lowerWords(sentence))): string[] => {
  const cues = hits.hedge
  // "May" the month is not a hedge; the modal is written in lower case.
  return cues.includes('may') && !/\bmay\b/.test(sentence) ? cues.filter((c) => c !== 'may') : cues
}
