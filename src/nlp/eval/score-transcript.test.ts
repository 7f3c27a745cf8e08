import { describe, expect, it } from 'vitest'
import type { EpisodeRecord } from '../../record/schema.js'
import { scoreTranscript, turnsInScope, type TranscriptGold } from './score-transcript.js'

const gold: TranscriptGold = {
  file: 'x.txt',
  annotated: 'test',
  scope: { fromExcerpt: 'Second turn', toExcerpt: 'Third turn' },
  notes: [],
  entities: [{ name: 'Federal Trade Commission', type: 'ORG', aliases: ['FTC'] }, { name: 'Utah', type: 'GPE', aliases: ['Utah'] }],
  claims: [
    { speaker: 'A', text: 'The FTC sued three firms in 2024.', kind: 'factual', hedged: false, checkworthy: true },
    { speaker: 'B', text: 'Congress should repeal the rule.', kind: 'prescriptive', hedged: false, checkworthy: false },
  ],
}

const claim = (turn: number, text: string, kind: 'factual' | 'predictive' | 'prescriptive', checkworthy: boolean) =>
  ({ id: `c${turn}${text.length}`, turn, speakerId: 'a', text, start: 0, end: text.length, kind, hedged: false, topics: [], quantities: [], entityIds: [], confidence: 0.9, checkworthy })
const record = {
  turns: ['First turn, out of scope.', 'Second turn: the FTC sued three firms in 2024, he said.', 'Third turn. Congress should repeal the rule.']
    .map((text, index) => ({ index, speakerId: 'a', text, paragraphs: [text], wordCount: 5 })),
  entities: [
    { id: 'ftc', name: 'FTC', type: 'GPE', aliases: [], mentions: [{ turn: 1, start: 16, end: 19, text: 'FTC' }] },
    { id: 'acme', name: 'Acme', type: 'ORG', aliases: [], mentions: [{ turn: 0, start: 0, end: 4, text: 'Acme' }] },
  ],
  claims: [
    claim(0, 'First turn, out of scope.', 'factual', true),
    claim(1, 'Second turn: the FTC sued three firms in 2024, he said.', 'factual', true),
    claim(2, 'Third turn.', 'factual', false),
  ],
} as unknown as Pick<EpisodeRecord, 'turns' | 'entities' | 'claims'>

describe('scoreTranscript', () => {
  it('scores only the turns between the scope excerpts', () => {
    expect([...turnsInScope(gold, record)]).toEqual([1, 2])
    expect(() => turnsInScope({ ...gold, scope: { fromExcerpt: 'nowhere', toExcerpt: 'Third' } }, record)).toThrow(/"nowhere" is in no turn/)
  })

  it('matches entities by name or alias and claims by their words, whatever the sentence edges', () => {
    const s = scoreTranscript(gold, record)
    // FTC found (wrong type), Utah missed; Acme is outside the scope.
    expect(s.entities).toMatchObject({ tp: 1, fp: 0, fn: 1, typeAccuracy: 0 })
    // The FTC sentence matches despite "Second turn:" and "he said"; "Third turn." is a false positive.
    expect(s.claims).toMatchObject({ tp: 1, fp: 1, fn: 1, kindAccuracy: 1 })
    expect(s.claims.falseNegatives).toEqual(['prescriptive: Congress should repeal the rule.'])
    expect(s.checkworthy).toMatchObject({ tp: 1, fp: 0, fn: 0 })
  })
})
