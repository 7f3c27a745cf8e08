// CoNLL-2003 English dev split (../shared/corpus/conll2003-dev/valid.txt): PER/LOC/ORG typed and untyped
// exact-span F1 of podpipe's entities (one turn per document), with compromise in the same run.
import { existsSync, readFileSync } from 'node:fs'
import { extract } from '../src/nlp/index.js'
import { parseConll, scoreSpans, type ConllSpan, type ConllType } from '../src/nlp/eval/conll.js'
import { corpusPath } from './corpus.js'

const FILE = corpusPath('conll2003-dev', 'valid.txt')
const MAP: Record<string, ConllType | undefined> = { PERSON: 'PER', GPE: 'LOC', ORG: 'ORG' }

type Compromise = (text: string) => { people: () => Found; organizations: () => Found; places: () => Found }
interface Found { json: (o: { offset: boolean }) => Array<{ offset: { start: number; length: number } }> }

export const evalConll = async (): Promise<void> => {
  if (!existsSync(FILE)) {
    console.log(`CoNLL-2003: ${FILE} not found: skipped`)
    return
  }
  const docs = parseConll(readFileSync(FILE, 'utf8'))
  const ours: ConllSpan[][] = docs.map((d) => {
    const turns = [{ index: 0, speakerId: 'unknown', text: d.text, paragraphs: [d.text], wordCount: d.words }]
    const { entities } = extract({ turns, speakers: [] })
    return entities.flatMap((e) => {
      const type = MAP[e.type]
      return type ? e.mentions.map((m) => ({ start: m.start, end: m.end, type })) : []
    })
  })
  const nlp = (await import('compromise')).default as unknown as Compromise
  const theirs: ConllSpan[][] = docs.map((d) => {
    const doc = nlp(d.text)
    const spans = (found: Found, type: ConllType): ConllSpan[] =>
      found.json({ offset: true }).map((m) => ({ start: m.offset.start, end: m.offset.start + m.offset.length, type }))
    return [...spans(doc.people(), 'PER'), ...spans(doc.places(), 'LOC'), ...spans(doc.organizations(), 'ORG')]
  })
  const gold = docs.map((d) => d.gold)
  const pct = (x: number): string => x.toFixed(3)
  console.log(`CoNLL-2003 dev (${docs.length} documents, ${gold.flat().length} PER/LOC/ORG spans): exact spans`)
  console.log('system       typed P  R      F1     | span F1 | PER F1 LOC F1 ORG F1')
  for (const [name, predicted] of [['podpipe', ours], ['compromise', theirs]] as const) {
    const s = scoreSpans(gold, predicted)
    console.log(`${name.padEnd(12)} ${pct(s.typed.precision)}  ${pct(s.typed.recall)}  ${pct(s.typed.f1)}  | ${pct(s.span.f1)}   | ${pct(s.byType.PER.f1)}  ${pct(s.byType.LOC.f1)}  ${pct(s.byType.ORG.f1)}`)
  }
}
