// The full `podpipe analyze` core (read + split + extract + record) on the seed transcript
// repeated to ~1M words, for the extraction section's comparison with wink-nlp and compromise.
import { analyzeDocument } from '../src/analyze/index.js'
import { measure, type BenchRow } from './measure.js'
import { repeatToWords, seedTranscript } from './seed.js'

export const benchAnalyze = (targetWords = 1_000_000): BenchRow => {
  const { text, words } = repeatToWords(seedTranscript(), targetWords)
  let claims = 0
  const row = measure('podpipe analyze (read+split+extract+record)', words, () => {
    claims = analyzeDocument({ content: text, read: { format: 'text', maxBytes: 1 << 30 } }).record.claims.length
  }, 3)
  return { ...row, note: `${claims} claims` }
}
