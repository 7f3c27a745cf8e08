import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { makeTurns, SPEAKERS } from './testing/turns.js'

const chrisIn = (lines: Array<[string, string]>, turn: number) => {
  const { entities, explanations } = extract({ turns: makeTurns(lines), speakers: SPEAKERS }, { explain: true })
  const ids = entities.filter((e) => e.mentions.some((m) => m.turn === turn && m.text === 'Chris')).map((e) => e.id)
  const notes = explanations.filter((x) => x.turn === turn).flatMap((x) => x.notes)
  return { ids, notes }
}

describe('roster mentions', () => {
  it('an addressed "Chris" from one Chris is the other Chris', () => {
    expect(chrisIn([['mcguire', 'The US has escalation dominance.'], ['miller', 'I agree with you, Chris, that the US has escalation dominance.']], 1).ids).toEqual(['mcguire'])
  })

  it('a Chris spoken about by a Chris is the other one', () => {
    expect(chrisIn([['mcguire', 'As Chris said, firms might have large stockpiles.']], 0).ids).toEqual(['miller'])
  })

  it('a host addressing "Chris" means the Chris who answers', () => {
    expect(chrisIn([['schneider', 'What is your reflection, Chris, on the tensions?'], ['mcguire', 'The soybean stuff is one thing.']], 0).ids).toEqual(['mcguire'])
  })

  it('leaves an undecidable "Chris" unresolved and says why', () => {
    const r = chrisIn([['schneider', 'Whoever copies the regs that Chris wrote should come on the show.']], 0)
    expect(r.ids).toEqual([])
    expect(r.notes.join(' ')).toMatch(/unresolved mention "Chris": ambiguous between mcguire, miller/)
  })

  it('resolves a unique first name and full names, and lists speakers as PERSON entities', () => {
    const { entities } = extract({ turns: makeTurns([['miller', 'Jordan, you should tell us. Chris McGuire knows.']]), speakers: SPEAKERS })
    const byId = new Map(entities.map((e) => [e.id, e]))
    expect(byId.get('schneider')?.mentions.map((m) => m.text)).toEqual(['Jordan'])
    expect(byId.get('mcguire')?.mentions.map((m) => m.text)).toEqual(['Chris McGuire'])
    expect(byId.get('miller')).toMatchObject({ type: 'PERSON', name: 'Chris Miller', mentions: [] })
  })

  it('lists no entity for a speaker who is a role or a placeholder, and reads "host" as a word', () => {
    const speakers = [
      { id: 'host', name: 'Host', role: 'host' as const, turnCount: 1, wordCount: 9 },
      { id: 'zhu', name: '主持人', role: 'host' as const, turnCount: 1, wordCount: 1 },
      { id: 'speaker-2', name: 'Speaker 2', role: 'unknown' as const, turnCount: 1, wordCount: 1 },
      ...SPEAKERS,
    ]
    const { entities } = extract({ turns: makeTurns([['host', 'Our Host said Chris Miller knows.']]), speakers })
    expect(entities.map((e) => e.id).sort()).toEqual(['mcguire', 'miller', 'schneider'])
  })
})
