// `npm run train`: learns the check-worthiness model from the CheckThat! 2019 training debates
// (../shared/corpus/checkthat2019-train, or PODPIPE_CORPUS_DIR) and writes src/nlp/data/checkworthiness.json.
// Deterministic: the same data gives a byte-identical file. The threshold is calibrated on
// leave-one-debate-out scores: best F1 with at most 15% of sentences marked.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { averagePrecision, readDebates, type Debate } from '../src/nlp/checkworthiness/checkthat.js'
import { checkworthinessFeatures } from '../src/nlp/checkworthiness/features.js'
import { predictLogistic, trainLogistic, type TrainOptions } from '../src/nlp/checkworthiness/logistic.js'
import { corpusPath } from './corpus.js'

export const CHECKTHAT_DIR = corpusPath('checkthat2019-train')
const MODEL_PATH = fileURLToPath(new URL('../src/nlp/data/checkworthiness.json', import.meta.url))
// Chosen by leave-one-debate-out MAP (0.211–0.219 across minCount 2–10, l2 1e-4–1e-3, 400–800 steps);
// minCount 5 keeps the shipped file small at a cost of 0.002.
export const TRAIN_OPTIONS: TrainOptions = { steps: 400, rate: 0.5, l2: 1e-3, minCount: 5 }
const MAX_MARKED = 0.15

export const examples = (debates: readonly Debate[]) => debates.flatMap((d) => d.sentences.map((s) => ({ features: checkworthinessFeatures(s.text), label: s.label })))

export interface CrossValidation {
  perDebate: Array<{ name: string; ap: number; sentences: number; positives: number }>
  map: number
  /** Leave-one-out scores of every sentence with its label, for calibrating the threshold. */
  scored: Array<{ score: number; label: 0 | 1 }>
}

export const crossValidate = (debates: readonly Debate[], options = TRAIN_OPTIONS): CrossValidation => {
  const perDebate: CrossValidation['perDebate'] = []
  const scored: CrossValidation['scored'] = []
  for (const held of debates) {
    const model = trainLogistic(examples(debates.filter((d) => d !== held)), options)
    const scores = held.sentences.map((s) => predictLogistic(model, checkworthinessFeatures(s.text)))
    const labels = held.sentences.map((s) => s.label)
    scores.forEach((score, i) => scored.push({ score, label: labels[i]! }))
    perDebate.push({ name: held.name, ap: averagePrecision(scores, labels), sentences: labels.length, positives: labels.filter((l) => l === 1).length })
  }
  return { perDebate, map: perDebate.reduce((s, d) => s + d.ap, 0) / perDebate.length, scored }
}

/** The score above which a sentence is `checkworthy`: best F1 among thresholds marking at most 15%. */
export const calibrate = (scored: CrossValidation['scored']): { threshold: number; precision: number; recall: number; marked: number } => {
  const sorted = [...scored].sort((a, b) => b.score - a.score)
  const positives = sorted.filter((s) => s.label === 1).length
  let best = { threshold: 1, precision: 0, recall: 0, marked: 0, f1: 0 }
  let hits = 0
  const limit = Math.floor(sorted.length * MAX_MARKED)
  for (let k = 0; k < limit; k++) {
    if (sorted[k]!.label === 1) hits++
    if (sorted[k + 1] && sorted[k + 1]!.score === sorted[k]!.score) continue
    const precision = hits / (k + 1)
    const recall = hits / positives
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    if (f1 > best.f1) best = { threshold: sorted[k]!.score, precision, recall, marked: (k + 1) / sorted.length, f1 }
  }
  const { f1: _f1, ...rest } = best
  return rest
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const debates = readDebates(CHECKTHAT_DIR)
  const cv = crossValidate(debates)
  const { threshold, precision, recall, marked } = calibrate(cv.scored)
  const model = trainLogistic(examples(debates), TRAIN_OPTIONS)
  const out = {
    name: 'podpipe check-worthiness',
    trainedOn: 'CLEF-2019 CheckThat! Task 1 training split (19 debates and speeches)',
    options: TRAIN_OPTIONS,
    leaveOneDebateOutMap: Math.round(cv.map * 1e4) / 1e4,
    threshold: Math.round(threshold * 1e4) / 1e4,
    bias: model.bias,
    weights: model.weights,
  }
  writeFileSync(MODEL_PATH, `${JSON.stringify(out)}\n`)
  console.log(`wrote ${MODEL_PATH}: ${Object.keys(model.weights).length} weights; leave-one-debate-out MAP ${cv.map.toFixed(4)}; threshold ${out.threshold} (P ${precision.toFixed(3)} R ${recall.toFixed(3)}, ${(marked * 100).toFixed(1)}% of sentences marked)`)
}
