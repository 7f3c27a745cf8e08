// Turn gold (fixtures/gold/turns/*.json) scored per file: boundary P/R/F1, speaker F1, leaked non-speech,
// on the split `podpipe analyze` makes (the same lexicon, no hints).
// The transcripts are third-party files read from ../shared/corpus (PODPIPE_CORPUS_DIR), never copied here.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SPLIT_LEXICON } from '../src/analyze/index.js'
import { readTranscript } from '../src/transcript/index.js'
import { splitTurns } from '../src/turns/index.js'
import { scoreTurns, type TurnGold } from '../src/turns/eval/score-turns.js'
import { CORPUS_DIR } from './corpus.js'

const GOLD_DIR = fileURLToPath(new URL('../fixtures/gold/turns/', import.meta.url))
const CORPUS = CORPUS_DIR
const SEARCH = ['realworld-dev', 'seed']

const pct = (x: number): string => x.toFixed(3)

export const evalTurns = (showErrors: boolean): void => {
  const golds = readdirSync(GOLD_DIR).filter((f) => f.endsWith('.json')).sort()
  console.log(`turn gold: ${golds.length} files in fixtures/gold/turns, transcripts from ${CORPUS}\n`)
  console.log('file                                                   gold  pred  lost  bound P  R      F1     spk F1  leaked')
  let missing = 0
  const f1s: number[] = []
  for (const name of golds) {
    const gold = JSON.parse(readFileSync(join(GOLD_DIR, name), 'utf8')) as TurnGold
    const path = SEARCH.map((dir) => join(CORPUS, dir, gold.file)).find((p) => existsSync(p))
    if (!path) {
      missing++
      console.log(`${gold.file.slice(0, 54).padEnd(54)} (transcript not found under ${CORPUS}: skipped)`)
      continue
    }
    let line: string
    let errors: string[] = []
    try {
      const read = readTranscript(readFileSync(path), { fileName: gold.file, input: gold.file })
      const split = splitTurns(read.paragraphs, SPLIT_LEXICON)
      const s = scoreTurns(gold, split.turns, split.speakers)
      f1s.push(s.f1)
      errors = [...s.errors, ...s.leaked.map((l) => `leaked: "${l}"`)]
      line = `${String(s.goldTurns).padStart(5)} ${String(s.predictedTurns).padStart(5)} ${String(s.notFound).padStart(5)}  ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${pct(s.speakerF1)}  ${s.leaked.length}/${gold.nonSpeech.length}`
    } catch (err) {
      f1s.push(0)
      line = `error: ${(err as Error).message}`
    }
    console.log(`${gold.file.slice(0, 54).padEnd(54)} ${line}`)
    if (showErrors) for (const e of errors) console.log(`    ${e}`)
  }
  if (f1s.length) console.log(`\nmean boundary F1 ${pct(f1s.reduce((a, b) => a + b, 0) / f1s.length)} over ${f1s.length} files; ${f1s.filter((f) => f >= 0.95).length} at or above 0.95`)
  if (missing) console.log(`${missing} transcript(s) missing: the dev corpus is read from ${CORPUS} (set PODPIPE_CORPUS_DIR)`)
}
