import { describe, expect, it } from 'vitest'
import { chainsToRead } from './chain-state.js'

const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`)

describe('chainsToRead', () => {
  it('reads every unfinished chain while they fit the limit', () => {
    expect(chainsToRead(ids(3), 4, 7)).toEqual({ read: ['c0', 'c1', 'c2'], cursor: 0 })
  })

  it('reads at most the limit: the oldest half, the rest in turn, so every chain is read within a few looks', () => {
    const unfinished = ids(10)
    let cursor = 0
    const seen = new Set<string>()
    for (let look = 0; look < 4; look++) {
      const next = chainsToRead(unfinished, 4, cursor)
      expect(next.read).toHaveLength(4)
      expect(next.read.slice(0, 2)).toEqual(['c0', 'c1'])
      next.read.forEach((id) => seen.add(id))
      cursor = next.cursor
    }
    // 8 others, 2 a look: all of them in 4 looks.
    expect([...seen].sort()).toEqual([...unfinished].sort())
  })

  it('goes on in turn as chains finish and the list shrinks under the cursor', () => {
    const first = chainsToRead(ids(10), 4, 0)
    expect(first.read).toEqual(['c0', 'c1', 'c2', 'c3'])
    // c0–c3 finished; six left, the cursor past the end of the others wraps.
    const second = chainsToRead(ids(10).slice(4), 4, first.cursor + 5)
    expect(second.read).toHaveLength(4)
    expect(second.read.slice(0, 2)).toEqual(['c4', 'c5'])
    expect(new Set(second.read).size).toBe(4)
  })
})
