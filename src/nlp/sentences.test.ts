import { describe, expect, it } from 'vitest'
import { splitSentences } from './sentences.js'
import { loadSeedGold } from './testing/gold.js'

const split = (text: string): string[] => splitSentences(text).map(([a, b]) => text.slice(a, b))

describe('splitSentences', () => {
  it.each([
    { id: 'U.S. mid-sentence', text: 'The U.S. acted first. China replied.', want: ['The U.S. acted first.', 'China replied.'] },
    { id: 'U.S. at the end', text: 'It came from the U.S. The rest followed.', want: ['It came from the U.S.', 'The rest followed.'] },
    { id: 'titles', text: 'Dr. Smith and Mr. Jones met Gen. Lee. They talked.', want: ['Dr. Smith and Mr. Jones met Gen. Lee.', 'They talked.'] },
    { id: 'initials run together, but not a dotted acronym', text: 'We met J.D. Vance and H.R. McMaster. She left U.C.L.A. Then she came back.', want: ['We met J.D. Vance and H.R. McMaster.', 'She left U.C.L.A.', 'Then she came back.'] },
    { id: 'decimals and hyphens', text: 'Content above 0.1% of the value is captured. So is any 14-nanometer chip.', want: ['Content above 0.1% of the value is captured.', 'So is any 14-nanometer chip.'] },
    { id: 'ellipses', text: 'Well... I am not sure. Maybe… Then again, no.', want: ['Well...', 'I am not sure.', 'Maybe…', 'Then again, no.'] },
    { id: 'quotes', text: 'He asked, “Is it legal?” and left. “Yes,” she said. They said “no.” Then it ended.', want: ['He asked, “Is it legal?” and left.', '“Yes,” she said.', 'They said “no.”', 'Then it ended.'] },
    { id: 'parenthesis', text: 'They expanded controls on rare earths (translation by CSET here). We’ve seen this before.', want: ['They expanded controls on rare earths (translation by CSET here).', 'We’ve seen this before.'] },
    { id: 'ordinal date', text: 'It takes effect on December 1st. Firms must comply.', want: ['It takes effect on December 1st.', 'Firms must comply.'] },
    { id: 'a letter on a number is no initial', text: 'It cut our time by 40X. In fact, it did. We met George W. Bush.', want: ['It cut our time by 40X.', 'In fact, it did.', 'We met George W. Bush.'] },
    { id: 'paragraphs', text: 'First paragraph without stop\n\nSecond one.', want: ['First paragraph without stop', 'Second one.'] },
    { id: 'captions in capitals', text: 'THE VOTE IS AT 9 P.M. THE HOUSE WAITS IN THE U.S. CAPITOL. WE LEFT THE U.S. WE CAME BACK.', want: ['THE VOTE IS AT 9 P.M.', 'THE HOUSE WAITS IN THE U.S. CAPITOL.', 'WE LEFT THE U.S.', 'WE CAME BACK.'] },
    { id: 'email', text: 'Reach out: jordan@chinatalk.media. Thanks.', want: ['Reach out: jordan@chinatalk.media.', 'Thanks.'] },
  ])('$id', ({ text, want }) => {
    expect(split(text)).toEqual(want)
  })

  it('cuts speech-to-text that runs on without punctuation where a clause opens, and leaves long punctuated sentences whole', () => {
    const run = Array.from({ length: 12 }, (_, i) => `so the rule took effect in march and the firms had to file ${i} reports every quarter but nobody really knew what the agency wanted um you know`).join(' ')
    const spans = split(run)
    expect(spans.length).toBeGreaterThan(8)
    for (const s of spans) expect(s.split(' ').length).toBeLessThanOrEqual(30)
    expect(spans.join(' ')).toBe(run)
    expect(spans.filter((s) => /^(?:so|but|um) /.test(s)).length).toBeGreaterThanOrEqual(spans.length - 1)
    const long = `The rule, which took effect in March, ${'covers firms that file reports, '.repeat(30)}and ends there.`
    expect(split(long)).toEqual([long])
  })

  it('returns trimmed offsets into the text', () => {
    const text = '  One.  Two?\n\n Three! '
    for (const [a, b] of splitSentences(text)) expect(text.slice(a, b)).toBe(text.slice(a, b).trim())
  })

  it('agrees with the hand-checked sentence boundaries of the seed gold', () => {
    const { gold, episode } = loadSeedGold()
    let agree = 0
    for (const t of episode.turns) {
      const ends = new Set(splitSentences(t.text).map(([, e]) => e))
      for (const s of gold.sentences.filter((g) => g.turn === t.index)) if (ends.has(s.end)) agree++
    }
    expect(agree / gold.sentences.length).toBeGreaterThanOrEqual(0.99)
  })
})
