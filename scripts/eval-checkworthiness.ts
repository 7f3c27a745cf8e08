// Check-worthiness on the CheckThat! 2019 training debates: the model's leave-one-debate-out MAP (each
// debate scored by a model trained on the other 18, all sentences ranked, as the 2019 lab did) and
// precision/recall of `checkworthy` at the shipped threshold on those held-out scores.
import { existsSync } from 'node:fs'
import { readDebates } from '../src/nlp/checkworthiness/checkthat.js'
import { CHECKWORTHY_THRESHOLD } from '../src/nlp/checkworthiness/model.js'
import { CHECKTHAT_DIR, crossValidate } from './train-checkworthiness.js'

export const evalCheckworthiness = (): void => {
  if (!existsSync(CHECKTHAT_DIR)) {
    console.log(`check-worthiness: ${CHECKTHAT_DIR} not found: skipped`)
    return
  }
  const cv = crossValidate(readDebates(CHECKTHAT_DIR))
  console.log('check-worthiness: leave-one-debate-out on CheckThat! 2019 train (random ranking ≈ 0.03; best 2019 test run 0.166)')
  console.log('debate                             sentences  worthy  AP')
  for (const d of cv.perDebate) console.log(`${d.name.padEnd(34)} ${String(d.sentences).padStart(9)}  ${String(d.positives).padStart(6)}  ${d.ap.toFixed(3)}`)
  const marked = cv.scored.filter((s) => s.score >= CHECKWORTHY_THRESHOLD)
  const hits = marked.filter((s) => s.label === 1).length
  const positives = cv.scored.filter((s) => s.label === 1).length
  console.log(`MAP ${cv.map.toFixed(4)}; checkworthy (score ≥ ${CHECKWORTHY_THRESHOLD}): P ${(hits / marked.length).toFixed(3)} R ${(hits / positives).toFixed(3)}, ${((marked.length / cv.scored.length) * 100).toFixed(1)}% of sentences marked`)
}
