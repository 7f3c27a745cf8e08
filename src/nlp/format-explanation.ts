import type { ClaimExplanation } from './types.js'

const sign = (w: number): string => (w > 0 ? `+${w.toFixed(2)}` : w < 0 ? w.toFixed(2) : ' 0')

/**
 * Plain-text rendering of explanations for `podpipe analyze --explain`: one block per sentence with
 * the verdict, confidence, kind, hedges, topics and every feature that fired with its weight.
 * @example console.log(formatExplanations(extract(input).explanations, { kept: true }))
 */
export const formatExplanations = (explanations: readonly ClaimExplanation[], filter: { kept?: boolean } = {}): string =>
  explanations
    .filter((x) => filter.kept === undefined || x.kept === filter.kept)
    .map((x) => {
      const verdict = x.kept ? `CLAIM ${x.kind}` : 'not a claim'
      const lines = [
        `${x.id} [${verdict}, confidence ${x.confidence.toFixed(2)}] ${x.text}`,
        `  features: ${x.features.map((f) => `${f.name}${f.detail ? `(${f.detail})` : ''} ${sign(f.weight)}`).join(', ')}`,
      ]
      if (x.hedges.length > 0) lines.push(`  hedges: ${x.hedges.join(', ')}`)
      if (x.kept) lines.push(`  topics: ${x.topics.join(', ')}`)
      for (const n of x.notes) lines.push(`  note: ${n}`)
      return lines.join('\n')
    })
    .join('\n')
