/**
 * CoNLL-2003 NER data (`word POS chunk tag` per line, IOB tags, `-DOCSTART-` between documents) as
 * texts with gold entity spans, and typed span scoring: PER/LOC/ORG (podpipe's PERSON, GPE and ORG;
 * MISC and podpipe's other types are left out), an exact character span and type to count.
 */

export type ConllType = 'PER' | 'LOC' | 'ORG'

export interface ConllSpan {
  start: number
  end: number
  type: ConllType
}

export interface ConllDocument {
  /** Tokens joined by spaces, one sentence per line. */
  text: string
  gold: ConllSpan[]
  words: number
}

const TYPES = new Set(['PER', 'LOC', 'ORG'])

/** Documents of a CoNLL-2003 file, each with its text and gold PER/LOC/ORG spans. */
export const parseConll = (content: string): ConllDocument[] => {
  const docs: ConllDocument[] = []
  let text = ''
  let gold: ConllSpan[] = []
  let words = 0
  let open: ConllSpan | undefined
  let lineStart = true
  const close = () => {
    if (open && TYPES.has(open.type)) gold.push(open)
    open = undefined
  }
  const flush = () => {
    close()
    if (text.trim()) docs.push({ text, gold, words })
    text = ''
    gold = []
    words = 0
  }
  for (const line of content.split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flush()
      continue
    }
    if (!line.trim()) {
      close()
      if (!lineStart) text += '\n'
      lineStart = true
      continue
    }
    const parts = line.split(' ')
    const word = parts[0]!
    const tag = parts[parts.length - 1]!
    if (!lineStart) text += ' '
    lineStart = false
    const start = text.length
    text += word
    words++
    const type = tag.slice(2) as ConllType
    if (tag === 'O') close()
    else if (tag.startsWith('B-') || !open || open.type !== type) {
      close()
      open = { start, end: text.length, type }
    } else open.end = text.length
  }
  flush()
  return docs
}

export interface SpanScore {
  precision: number
  recall: number
  f1: number
}

const f = (tp: number, predicted: number, gold: number): SpanScore => {
  const precision = predicted ? tp / predicted : 0
  const recall = gold ? tp / gold : 0
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 }
}

/** Typed and untyped exact-span scores over documents, and per type. */
export const scoreSpans = (gold: readonly ConllSpan[][], predicted: readonly ConllSpan[][]): { typed: SpanScore; span: SpanScore; byType: Record<ConllType, SpanScore> } => {
  let typed = 0
  let spans = 0
  let g = 0
  let p = 0
  const per: Record<ConllType, { tp: number; g: number; p: number }> = { PER: { tp: 0, g: 0, p: 0 }, LOC: { tp: 0, g: 0, p: 0 }, ORG: { tp: 0, g: 0, p: 0 } }
  gold.forEach((goldSpans, d) => {
    const predictedSpans = predicted[d] ?? []
    const goldBy = new Map(goldSpans.map((s) => [`${s.start}:${s.end}`, s.type]))
    g += goldSpans.length
    p += predictedSpans.length
    for (const s of goldSpans) per[s.type].g++
    for (const s of predictedSpans) {
      per[s.type].p++
      const type = goldBy.get(`${s.start}:${s.end}`)
      if (type === undefined) continue
      spans++
      if (type === s.type) {
        typed++
        per[s.type].tp++
      }
    }
  })
  return {
    typed: f(typed, p, g),
    span: f(spans, p, g),
    byType: { PER: f(per.PER.tp, per.PER.p, per.PER.g), LOC: f(per.LOC.tp, per.LOC.p, per.LOC.g), ORG: f(per.ORG.tp, per.ORG.p, per.ORG.g) },
  }
}
