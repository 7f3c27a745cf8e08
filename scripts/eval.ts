// `npm run eval`: scores speaker turns against fixtures/gold/turns (scripts/eval-turns.ts), entities and claims on real
// transcripts (scripts/eval-transcripts.ts), then src/nlp against the hand-annotated seed gold (fixtures/gold/README.md) on the
// tune and held-out splits. `--errors` lists the tune split's errors only: held-out errors stay unseen.
import { extract } from '../src/nlp/index.js'
import { isAny, isHeldOut, isTune, predictedFromEntities, scoreClaims, scoreEntities, type TurnFilter } from '../src/nlp/eval/index.js'
import { loadExtraGold, loadSeedGold } from '../src/nlp/testing/gold.js'
import { evalCheckworthiness } from './eval-checkworthiness.js'
import { evalConll } from './eval-conll.js'
import { evalConventions } from './eval-conventions.js'
import { evalDebates } from './eval-debates.js'
import { evalTranscripts } from './eval-transcripts.js'
import { evalTurns } from './eval-turns.js'

const showErrors = process.argv.includes('--errors')
evalTurns(showErrors)
console.log('')
evalConventions(showErrors)
console.log('')
evalDebates()
console.log('')
evalCheckworthiness()
console.log('')
await evalConll()
console.log('')
evalTranscripts(showErrors)
console.log('')
const { gold, episode } = loadSeedGold()
const full = extract(episode)
const bare = extract(episode, { defaultGazetteer: false })

const splits: Array<[string, TurnFilter]> = [['tune', isTune], ['held-out', isHeldOut], ['all', isAny]]
const pct = (x: number): string => x.toFixed(3)

console.log(`seed gold: ${gold.sentences.length} sentences (${gold.sentences.filter((s) => s.claim).length} claims), ${gold.entities.length} entities, ${gold.turns.length} turns; held-out = turn % 4 == 0\n`)
console.log('split      entity P   R      F1     type-acc | no-gazetteer F1 | claim P  R      F1     kind-acc hedge-acc qty-recall')
for (const [name, filter] of splits) {
  const e = scoreEntities(gold.entities, predictedFromEntities(full.entities), filter)
  const b = scoreEntities(gold.entities, predictedFromEntities(bare.entities), filter)
  const c = scoreClaims(gold.sentences, full.claims, filter)
  console.log(`${name.padEnd(10)} ${pct(e.precision)}  ${pct(e.recall)}  ${pct(e.f1)}  ${pct(e.typeAccuracy)}    | ${pct(b.f1)}           | ${pct(c.precision)} ${pct(c.recall)}  ${pct(c.f1)}  ${pct(c.kindAccuracy)}    ${pct(c.hedgeAccuracy)}     ${pct(c.quantityRecall)}`)
}
{
  // A second, hand-written transcript, never used for tuning (fixtures/gold/extra-gold.json).
  const extra = loadExtraGold()
  const r = extract(extra.episode)
  const e = scoreEntities(extra.gold.entities, predictedFromEntities(r.entities), isAny)
  const b = scoreEntities(extra.gold.entities, predictedFromEntities(extract(extra.episode, { defaultGazetteer: false }).entities), isAny)
  const c = scoreClaims(extra.gold.sentences, r.claims, isAny)
  console.log(`${'extra'.padEnd(10)} ${pct(e.precision)}  ${pct(e.recall)}  ${pct(e.f1)}  ${pct(e.typeAccuracy)}    | ${pct(b.f1)}           | ${pct(c.precision)} ${pct(c.recall)}  ${pct(c.f1)}  ${pct(c.kindAccuracy)}    ${pct(c.hedgeAccuracy)}     ${pct(c.quantityRecall)}`)
  console.log(`  (extra: ${extra.gold.sentences.length} sentences, ${extra.gold.sentences.filter((x) => x.claim).length} claims, ${extra.gold.entities.length} entities — small: one error moves a score by 0.05–0.1)`)
}
if (showErrors) {
  const e = scoreEntities(gold.entities, predictedFromEntities(full.entities), isTune)
  const b = scoreEntities(gold.entities, predictedFromEntities(bare.entities), isTune)
  const c = scoreClaims(gold.sentences, full.claims, isTune)
  console.log('\n[tune] entities missed:', e.missed.join(', '))
  console.log('[tune] entities spurious:', e.spurious.join(', '))
  console.log('[tune] entities wrong type:', e.wrongType.join(', '))
  console.log('[tune, no gazetteer] missed:', b.missed.join(', '))
  console.log('[tune, no gazetteer] spurious:', b.spurious.join(', '))
  console.log('[tune, no gazetteer] wrong type:', b.wrongType.join(', '))
  console.log('\n[tune] claim false positives:\n  ' + c.falsePositives.join('\n  '))
  console.log('\n[tune] claim false negatives:\n  ' + c.falseNegatives.join('\n  '))
  console.log('\n[tune] wrong kind:\n  ' + c.wrongKind.join('\n  '))
}
