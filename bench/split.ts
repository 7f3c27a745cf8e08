// Reading + turn splitting on the text format, beside a bare whitespace split of the same
// string in the same run: splitting should cost about as much as reading the text once.
import { readTranscript } from '../src/transcript/index.js'
import { splitTurns } from '../src/turns/index.js'
import { measure, type BenchRow } from './measure.js'
import { repeatToWords, seedTranscript } from './seed.js'

export const benchSplit = (targetWords = 1_000_000): BenchRow[] => {
  const { text, words } = repeatToWords(seedTranscript(), targetWords)
  let turns = 0
  const split = measure('read + split (text format)', words, () => {
    const read = readTranscript(text, { format: 'text', maxBytes: 1 << 30 })
    turns = splitTurns(read.paragraphs).turns.length
  })
  const bare = measure('bare whitespace split', words, () => text.split(/\s+/).length)
  return [bare, { ...split, note: `${turns} turns` }]
}
