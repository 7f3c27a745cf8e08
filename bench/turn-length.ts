// Extraction cost against turn length: the CoNLL-2003 dev sentences (name-dense news) as 2k-word
// turns and as one 40k-word turn (a monologue, or captions with no labels). Cost per word must not
// grow with the turn: the 40k row should run at about the 2k row's words/s.
import { existsSync, readFileSync } from 'node:fs'
import { extract } from '../src/nlp/index.js'
import { parseConll } from '../src/nlp/eval/conll.js'
import type { Turn } from '../src/record/schema.js'
import { measure, type BenchRow } from './measure.js'
import { corpusPath } from '../scripts/corpus.js'

const CONLL = corpusPath('conll2003-dev', 'valid.txt')

// The words of every document, in order, as the eval reads the file.
const conllWords = (): string[] => parseConll(readFileSync(CONLL, 'utf8')).flatMap((d) => d.text.split(/\s+/).filter(Boolean))

const asTurns = (words: readonly string[], size: number): Turn[] => {
  const turns: Turn[] = []
  for (let i = 0; i < words.length; i += size) {
    const text = words.slice(i, i + size).join(' ')
    turns.push({ index: turns.length, speakerId: 'unknown', text, paragraphs: [text], wordCount: Math.min(size, words.length - i) })
  }
  return turns
}

export const benchTurnLength = (): BenchRow[] => {
  if (!existsSync(CONLL)) return []
  const words = conllWords().slice(0, 40_000)
  const speakers = [{ id: 'unknown', name: null, role: 'unknown' as const, turnCount: 1, wordCount: words.length }]
  const layouts = [2_000, 40_000].map((size) => ({ size, turns: asTurns(words, size) }))
  // These rows run first in the process: both layouts run a few times before either is timed,
  // so the first row does not pay for compiling the extractor (one warm-up run was not enough).
  for (let i = 0; i < 3; i++) for (const { turns } of layouts) extract({ turns, speakers })
  return layouts.map(({ size, turns }) =>
    measure(`extract, ${size.toLocaleString('en-US')}-word turns (CoNLL dev)`, words.length, () => extract({ turns, speakers }), 10))
}
