import { describe, expect, it } from 'vitest'
import type { ClaimHit } from '../query/index.js'
import { claimsQuery, claimsTableLine } from './claims.js'

const hit = (text: string): ClaimHit => ({
  id: 't3-s1', turn: 3, speakerId: 'mcguire', speakerName: 'Chris McGuire', text, start: 0, end: text.length,
  kind: 'prescriptive', hedged: true, topics: [], quantities: [], entityIds: [], confidence: 0.9, checkworthiness: 0.8123, checkworthy: true,
  episode: { id: 'ep-000000000000000000000001', title: 'Rare earths and the long road to a supply chain', publishedAt: '2025-11-03T09:00:00.000Z', feedUrl: null },
})

describe('claimsQuery', () => {
  it('reads the flags as GET /api/claims reads its parameters', () => {
    expect(claimsQuery({ speaker: 'mcguire', kind: 'prescriptive', checkworthy: false, order: 'checkworthiness', limit: 500, format: 'table' }))
      .toEqual({ speaker: 'mcguire', kind: 'prescriptive', checkworthy: false, order: 'checkworthiness', limit: 200 })
  })

  it.each([
    [{ kind: 'opinion' }, /^--kind: /],
    [{ speaker: 'McGuire' }, /^--speaker: expected an id/],
    [{ until: 'tomorrow' }, /^--until: /],
    [{ order: 'oldest' }, /^--order: /],
  ])('names the flag it refuses: %j', (flags, message) => {
    expect(() => claimsQuery({ ...flags, limit: 10, format: 'table' })).toThrow(message)
  })
})

describe('claimsTableLine', () => {
  it.each([60, 80, 120])('fits a %i-column terminal, cutting the episode title before the claim', (width) => {
    const line = claimsTableLine(hit('We should impose export controls on every tool that makes chips, and soon, before the window closes.'), width)
    expect(Array.from(line).length).toBeLessThanOrEqual(Math.max(width, 83))
    expect(line).toMatch(/^Chris McGuire\s+prescriptive~\s+0\.81\*\s+2025-11-03/)
    expect(line.endsWith('…')).toBe(true)
  })

  it('prints the whole text in one line when there is no terminal width', () => {
    expect(claimsTableLine(hit('Line one.\nLine  two.'), undefined)).toMatch(/ {2}Line one\. Line two\.$/)
  })
})
