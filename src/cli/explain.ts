import type { ClaimExplanation } from '../nlp/index.js'
import type { EpisodeRecord } from '../record/index.js'

const clip = (text: string, max = 110): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/**
 * The human-readable `--explain` report: for every sentence, whether it was kept as a claim,
 * the kind it was given and the features and rules that decided it.
 */
export const formatExplanations = (explanations: readonly ClaimExplanation[], record: EpisodeRecord): string => {
  const speakerOf = new Map(record.turns.map((t) => [t.index, t.speakerId]))
  const kept = explanations.filter((e) => e.kept).length
  const lines = [`# ${kept} claims kept of ${explanations.length} sentences`]
  for (const e of explanations) {
    const verdict = e.kept ? `CLAIM ${e.kind ?? '?'}` : 'not a claim'
    lines.push('', `[${e.id}] ${speakerOf.get(e.turn) ?? '?'} — ${verdict} (confidence ${e.confidence.toFixed(2)})`, `  "${clip(e.text)}"`)
    for (const f of e.features) {
      const sign = f.weight >= 0 ? '+' : '−'
      lines.push(`  ${sign}${Math.abs(f.weight).toFixed(2)} ${f.name}${f.detail ? `: ${f.detail}` : ''}`)
    }
    if (e.hedges.length > 0) lines.push(`  hedged by: ${e.hedges.join(', ')}`)
    if (e.topics.length > 0) lines.push(`  topics: ${e.topics.join(', ')}`)
    for (const note of e.notes) lines.push(`  note: ${note}`)
  }
  return lines.join('\n') + '\n'
}
