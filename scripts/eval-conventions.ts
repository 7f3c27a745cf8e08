// Turn gold across labelling conventions: the turns podpipe reads from each gold file
// (fixtures/gold/turns) are written again in every convention of src/turns/eval/render-conventions.ts,
// split again, and scored against the same gold. A convention whose mean falls below the original's
// loses turns on real speech. The transcripts are third-party files read from ../shared/corpus.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SPLIT_LEXICON } from '../src/analyze/index.js'
import { readTranscript } from '../src/transcript/index.js'
import { splitTurns, type SplitResult } from '../src/turns/index.js'
import { scoreTurns, type TurnGold } from '../src/turns/eval/score-turns.js'
import { CONVENTIONS, type SpokenTurn } from '../src/turns/eval/render-conventions.js'
import { CORPUS_DIR } from './corpus.js'

const GOLD_DIR = fileURLToPath(new URL('../fixtures/gold/turns/', import.meta.url))
const SEARCH = ['realworld-dev', 'seed']
const pct = (x: number): string => x.toFixed(3)

const split = (content: string | Uint8Array, fileName: string): SplitResult =>
  splitTurns(readTranscript(content, { fileName }).paragraphs, SPLIT_LEXICON)

/**
 * The turns as spoken: each speaker by the name the document gave, each paragraph apart. A turn of
 * no one's is `Unknown Speaker`'s, as Otter and Rev write a voice they could not name.
 */
const spoken = (result: SplitResult): SpokenTurn[] => {
  const names = new Map(result.speakers.map((s) => [s.id, s.name ?? 'Unknown Speaker']))
  let clock = 0
  return result.turns.map((t) => {
    clock = t.start ?? clock + 10
    return { speaker: names.get(t.speakerId) ?? 'Unknown Speaker', paragraphs: t.text.split(/\n{2,}/), start: clock }
  })
}

export const evalConventions = (showErrors: boolean): void => {
  const golds = readdirSync(GOLD_DIR).filter((f) => f.endsWith('.json')).sort()
    .map((name) => JSON.parse(readFileSync(join(GOLD_DIR, name), 'utf8')) as TurnGold)
    .map((gold) => ({ gold, path: SEARCH.map((dir) => join(CORPUS_DIR, dir, gold.file)).find((p) => existsSync(p)) }))
    .filter((g): g is { gold: TurnGold; path: string } => g.path !== undefined)
  if (golds.length === 0) {
    console.log(`turns across conventions: no transcripts under ${CORPUS_DIR}: skipped`)
    return
  }
  // A file whose speech the document gives no one has no labels to write again.
  // Each file is read, scored and turned into spoken turns once; the conventions only render and split.
  const originals = golds.map(({ gold, path }) => ({ gold, result: split(readFileSync(path), gold.file) }))
    .filter(({ result }) => result.speakers.some((s) => s.name !== null))
    .map(({ gold, result }) => ({ gold, score: scoreTurns(gold, result.turns, result.speakers), turns: spoken(result) }))
  console.log(`turns across conventions: the turns of the ${originals.length} turn-gold files that name a speaker, written in ${CONVENTIONS.length} conventions, split again, scored against the same gold`)
  console.log('convention                        mean F1  spk F1  files ≥ 0.95  worst')
  const row = (name: string, scores: Array<{ file: string; f1: number; speakerF1: number }>) => {
    const mean = (k: 'f1' | 'speakerF1') => scores.reduce((s, x) => s + x[k], 0) / scores.length
    const worst = scores.reduce((a, b) => (b.f1 < a.f1 ? b : a))
    console.log(`${name.padEnd(33)} ${pct(mean('f1'))}    ${pct(mean('speakerF1'))}  ${String(scores.filter((s) => s.f1 >= 0.95).length).padStart(6)}/${scores.length}   ${worst.file.slice(0, 34)} ${pct(worst.f1)}`)
  }
  row('(as the file is written)', originals.map(({ gold, score }) => ({ file: gold.file, ...score })))
  for (const convention of CONVENTIONS) {
    const scores = originals.map(({ gold, score: before, turns }) => {
      const again = split(convention.render(turns), convention.fileName)
      const score = scoreTurns(gold, again.turns, again.speakers)
      if (showErrors && score.f1 < before.f1) console.log(`    ${convention.name}: ${gold.file} ${pct(before.f1)} → ${pct(score.f1)}; ${score.errors.slice(0, 2).join('; ')}`)
      return { file: gold.file, f1: score.f1, speakerF1: score.speakerF1 }
    })
    row(convention.name, scores)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) evalConventions(process.argv.includes('--errors'))
