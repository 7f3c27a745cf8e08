// Entities and claims on real transcripts (fixtures/gold/realworld/*.json), scored per file on the
// record `podpipe analyze` makes of the file with no hints. The transcripts are third-party files read
// from ../shared/corpus (PODPIPE_CORPUS_DIR), never copied here.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { analyzeDocument } from '../src/analyze/index.js'
import { scoreTranscript, type TranscriptGold } from '../src/nlp/eval/score-transcript.js'
import { corpusPath } from './corpus.js'

const GOLD_DIR = fileURLToPath(new URL('../fixtures/gold/realworld/', import.meta.url))
const pct = (x: number): string => x.toFixed(3)

export const evalTranscripts = (showErrors: boolean): void => {
  const golds = readdirSync(GOLD_DIR).filter((f) => f.endsWith('.json')).sort()
  console.log(`entities and claims on real transcripts: ${golds.length} files in fixtures/gold/realworld`)
  console.log('file                                         turns | entity P  R      F1     type  | claim P  R      F1     kind  | worthy P  R')
  const sums = { entityF1: 0, type: 0, claimF1: 0, n: 0 }
  for (const name of golds) {
    const gold = JSON.parse(readFileSync(join(GOLD_DIR, name), 'utf8')) as TranscriptGold
    const path = corpusPath('realworld-dev', gold.file)
    const label = gold.file.slice(0, 44).padEnd(44)
    if (!existsSync(path)) {
      console.log(`${label} (transcript not found at ${path}: skipped)`)
      continue
    }
    const { record } = analyzeDocument({ content: readFileSync(path), read: { fileName: gold.file, input: gold.file } })
    const s = scoreTranscript(gold, record)
    const e = s.entities
    const c = s.claims
    console.log(`${label} ${String(s.turns).padStart(5)} | ${pct(e.precision)}  ${pct(e.recall)}  ${pct(e.f1)}  ${pct(e.typeAccuracy)} | ${pct(c.precision)} ${pct(c.recall)}  ${pct(c.f1)}  ${pct(c.kindAccuracy)} | ${pct(s.checkworthy.precision)}  ${pct(s.checkworthy.recall)}`)
    sums.entityF1 += e.f1
    sums.type += e.typeAccuracy
    sums.claimF1 += c.f1
    sums.n++
    if (showErrors) {
      console.log(`  entities missed: ${e.missed.join(', ')}\n  entities spurious: ${e.spurious.join(', ')}\n  wrong type: ${e.wrongType.join(', ')}`)
      console.log(`  claim false positives:\n    ${c.falsePositives.join('\n    ')}\n  claim false negatives:\n    ${c.falseNegatives.join('\n    ')}\n  wrong kind:\n    ${c.wrongKind.join('\n    ')}`)
    }
  }
  if (sums.n) console.log(`mean over ${sums.n} files: entity F1 ${pct(sums.entityF1 / sums.n)}, type accuracy ${pct(sums.type / sums.n)}, claim F1 ${pct(sums.claimF1 / sums.n)}`)
}
