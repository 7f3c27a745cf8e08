/**
 * The CLEF-2019 CheckThat! Task 1 data (../shared/corpus/checkthat2019-train): one TSV per debate or
 * speech, `line<TAB>SPEAKER<TAB>sentence<TAB>label`; and its metric, mean average precision over
 * debates of the ranking by score (ties keep file order).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Debate {
  name: string
  sentences: Array<{ speaker: string; text: string; label: 0 | 1 }>
}

export const readDebates = (dir: string): Debate[] =>
  readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort().map((name) => ({
    name,
    sentences: readFileSync(join(dir, name), 'utf8').split('\n').map((l) => l.split('\t')).filter((r) => r.length >= 4)
      .map(([, speaker, text, label]) => ({ speaker: speaker!, text: text!, label: label!.trim() === '1' ? 1 as const : 0 as const })),
  }))

/** Average precision of a ranking by score, descending; equal scores keep their order. */
export const averagePrecision = (scores: readonly number[], labels: ReadonlyArray<0 | 1>): number => {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  let hits = 0
  let sum = 0
  order.forEach(([, i], rank) => {
    if (labels[i] === 1) {
      hits++
      sum += hits / (rank + 1)
    }
  })
  return hits === 0 ? 0 : sum / hits
}
