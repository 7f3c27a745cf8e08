import type { ClaimKind, Quantity } from '../record/schema.js'
import type { Feature } from './types.js'

/**
 * Claim scoring: a linear sum of named, hand-weighted features, squashed to a confidence. Every
 * feature that fires is returned, so a kept or rejected sentence can always be explained.
 */

// Vocabulary of policy talk: states, rules, markets, industry, strategy. Stems, matched at word starts.
const POLICY_STEMS = [
  'control', 'export', 'import', 'tariff', 'sanction', 'licen', 'regulat', 'regs', 'rule', 'law', 'legal', 'illegal', 'polic',
  'government', 'administration', 'congress', 'negotiat', 'deal', 'bargain', 'trade', 'market', 'supply chain', 'industr',
  'manufactur', 'production', 'produc', 'compan', 'firm', 'econom', 'chip', 'semiconductor', 'semis', 'rare earth', 'mineral',
  'magnet', 'refin', 'mining', 'escalat', 'leverage', 'dominan', 'threat', 'retaliat', 'reciprocal', 'response', 'respond',
  'measure', 'enforce', 'comply', 'complian', 'strateg', 'militar', 'defense', 'security', 'invest', 'capital', 'financ', 'bank',
  'dollar', 'inflation', 'jobs', 'pain', 'cost', 'stockpil', 'smuggl', 'choke point', 'diversif', 'reshor', 'friendshor', 'sector',
  'threshold', 'relationship', 'allies', 'countries', 'country', 'state', 'tension', 'agreement', 'treaty', 'sovereign', 'deterr',
  'concession', 'subsid', 'tax', 'budget', 'debt', 'growth', 'price', 'suppl', 'demand', 'ban', 'block', 'shut down', 'tool',
  'capacity', 'technolog', 'innovation', 'impact', 'implement', 'expan', 'action', 'move', 'lever', 'standoff', 'asymmetr',
]
const POLICY_RE = new RegExp(`(?<![\\p{L}])(${POLICY_STEMS.join('|')})`, 'gu')

// "should" after "who"/"that" describes ("a spy who should be fired"), and proverbs are not advice.
const PRESCRIPTIVE = /(?<!\b(?:who|which|what['’]s good for the goose) )\b(should(?:n['’]t)?|must|ought to|needs? to|have to|has to|got to|gotta|it['’]s (?:also )?(?:incumbent|important|critical|worth reiterating)|(?:is|it['’]s) (?:unbelievably |really |very )?critical that|you (?:don['’]t|do not) want to|better off|would be better|it['’]d be better|appealing to|mistake would be|no-brainer|could be (?:helpful|useful|worth|something to consider))\b/iu
const IMPERATIVE = /^(?:don['’]t|do not|let['’]s|we (?:don['’]t|do not) want to)\b/iu
const PREDICTIVE = /\b(will|won['’]t|going to|gonna|would(?:n['’]t)?|could|might|may|likely|eventually|in the future|ends? up|it['’]d|maybe|it['’]s (?:also )?possible|my guess)\b|\w['’]ll\b/iu
// A conditional opening a sentence sets up a consequence: "If they do X, Y follows".
const CONDITIONAL = /^(?:but |and |so )?(?:if|once|unless|even if)\b/iu
const PAST_FUTURE = /\b(?:was|were) going to\b|\bi would (?:say|agree|note)\b|\bmay or may not\b/iu
// What someone is quoted as saying is not the speaker's own modality: "they say, “we're going to…”".
const QUOTED = /“[^”]*”?|"[^"]*"?/gu
const META = /\b(question|answer|pod|episode|show|talk(?:ed|ing)? about|let['’]s|curious|reach out|tell us|come on|chat|i hope|we['’]ll see|who knows|thought through|this conversation|last time)\b/iu
const BACKCHANNEL = /^(?:yeah|yes|no|oh|wow|okay|right|exactly|sure|totally|completely agree|i agree|i don['’]t disagree|that makes sense|not an unreasonable|anything else|that['’]s right|that['’]s a big question|that['’]s an open question|this is the key question|i['’]m skeptical)\b/iu
const ANAPHOR = /^(?:it|that|this|they|these|those|he|she|which)\b/iu

const WEIGHTS = {
  bias: -0.3,
  question: -5,
  tooShort: -2.5,
  short: -0.6,
  backchannel: -1.2,
  meta: -2.5,
  policyTerm: 1.4,
  morePolicyTerms: 0.35,
  entity: 0.9,
  quantity: 0.9,
  context: 0.9,
  modal: 0.4,
  long: 0.5,
} as const

export interface ClaimInput {
  text: string
  /** Non-speaker entity ids mentioned in the sentence. */
  entityIds: readonly string[]
  quantities: readonly Quantity[]
  /** Whether the previous sentence of the same turn was kept as a claim. */
  previousKept: boolean
}

export interface ClaimDecision {
  score: number
  confidence: number
  kind: ClaimKind
  features: Feature[]
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))

/** The claim kind from modal cues: prescriptive over predictive over factual. */
export const claimKind = (sentence: string, features: Feature[] = []): ClaimKind => {
  const unquoted = sentence.replace(QUOTED, ' ')
  const text = unquoted.trim().split(/\s+/).length >= 3 ? unquoted : sentence
  const p = PRESCRIPTIVE.exec(text) ?? IMPERATIVE.exec(text.trim())
  if (p) { features.push({ name: 'kind:prescriptive', weight: 0, detail: p[0] }); return 'prescriptive' }
  const cleaned = text.replace(PAST_FUTURE, ' ')
  const f = PREDICTIVE.exec(cleaned) ?? CONDITIONAL.exec(cleaned.trim())
  if (f) { features.push({ name: 'kind:predictive', weight: 0, detail: f[0] }); return 'predictive' }
  features.push({ name: 'kind:factual', weight: 0, detail: 'no modal or future cue' })
  return 'factual'
}

/** Scores one sentence as a policy claim and decides its kind. */
export const scoreClaim = (input: ClaimInput): ClaimDecision => {
  const text = input.text.trim()
  const features: Feature[] = [{ name: 'bias', weight: WEIGHTS.bias }]
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
  // A question quoted at the end of a report ("…, and Trump goes, “Why…?”") does not make a question.
  const quoteAt = text.search(/[“"]/)
  const reported = /\?["”’]+$/.test(text) && quoteAt > 0 && text.slice(0, quoteAt).split(/\s+/).length > 8
  if (/\?["”’)]*$/.test(text) && !reported) features.push({ name: 'question', weight: WEIGHTS.question })
  if (words < 4) features.push({ name: 'too-short', weight: WEIGHTS.tooShort, detail: `${words} words` })
  else if (words < 7) features.push({ name: 'short', weight: WEIGHTS.short, detail: `${words} words` })
  else if (words >= 18) features.push({ name: 'long', weight: WEIGHTS.long, detail: `${words} words` })
  const back = BACKCHANNEL.exec(text)
  if (back && words < 9) features.push({ name: 'backchannel', weight: WEIGHTS.backchannel, detail: back[0] })
  const meta = META.exec(text)
  if (meta) features.push({ name: 'meta-talk', weight: WEIGHTS.meta, detail: meta[0] })
  const lower = text.toLowerCase()
  const terms = new Set<string>()
  POLICY_RE.lastIndex = 0
  for (let m = POLICY_RE.exec(lower); m; m = POLICY_RE.exec(lower)) terms.add(m[1] as string)
  if (terms.size > 0) {
    const list = [...terms]
    features.push({ name: 'policy-term', weight: WEIGHTS.policyTerm, detail: list[0] })
    if (list.length > 1) features.push({ name: 'more-policy-terms', weight: Math.min(3, list.length - 1) * WEIGHTS.morePolicyTerms, detail: list.slice(1, 4).join(', ') })
  }
  if (input.entityIds.length > 0) features.push({ name: 'entity', weight: WEIGHTS.entity, detail: input.entityIds.slice(0, 3).join(', ') })
  if (input.quantities.length > 0) features.push({ name: 'quantity', weight: WEIGHTS.quantity, detail: input.quantities[0]?.text })
  if (input.previousKept && ANAPHOR.test(text)) features.push({ name: 'context', weight: WEIGHTS.context, detail: 'anaphor continuing a claim' })
  const kind = claimKind(text, features)
  if (kind !== 'factual') features.push({ name: 'modal', weight: WEIGHTS.modal })
  const score = features.reduce((s, f) => s + f.weight, 0)
  return { score, confidence: Math.round(sigmoid(score) * 1000) / 1000, kind, features }
}
