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

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const HEDGE_RE = new RegExp(`(?<![\\p{L}])(${[...HEDGE_CUES].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}])`, 'gu')

/** The hedge cues found in a sentence, in order, lower-cased ("I think", "probably"). */
export const findHedges = (sentence: string): string[] => {
  const lower = sentence.toLowerCase()
  const out: string[] = []
  HEDGE_RE.lastIndex = 0
  for (let m = HEDGE_RE.exec(lower); m; m = HEDGE_RE.exec(lower)) {
    const cue = m[1] as string
    // "May" the month is not a hedge; the modal is lower case in the original.
    if (cue === 'may' && sentence[m.index] === 'M') continue
    out.push(cue)
  }
  return out
}
