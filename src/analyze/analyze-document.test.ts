import { describe, expect, it } from 'vitest'
import { splitTurns } from '../turns/index.js'
import { readTranscript } from '../transcript/index.js'
import { analyzeDocument } from './analyze-document.js'

const speakersOf = (text: string): string[] =>
  analyzeDocument({ content: Buffer.from(text), read: { fileName: 'episode.txt' } }).record.turns.map((t) => t.speakerId)

describe('analyzeDocument: first names that speak once', () => {
  it('takes a first name said once for a speaker beside recurring first names, with the lexicon', () => {
    const text = 'Jordan: We have to think about export controls.\nChris: China refines most gallium.\nJordan: I think so.\nMaria: Can I add one thing?\nJordan: Sure.'
    expect(speakersOf(text)).toEqual(['jordan', 'chris', 'jordan', 'maria', 'jordan'])
    // The splitter alone, without a lexicon, keeps the old rule: a one-word label must recur.
    expect(splitTurns(readTranscript(text, { fileName: 'episode.txt' }).paragraphs).turns.map((t) => t.speakerId)).toEqual(['jordan'])
  })

  it('does not take an ordinary word said once for a speaker', () => {
    const text = 'Jordan: We have to think about export controls.\nChris: China refines most gallium.\nJordan: I think so.\nChris: Indeed.\nRemember: the deadline is Friday.'
    expect(speakersOf(text)).toEqual(['jordan', 'chris', 'jordan', 'chris'])
  })

  it('takes no heading of dictionary words for a speaker, and a name of them with a given name for one', () => {
    expect(speakersOf('We discuss rare earths.\nKey Takeaways: China dominates processing.\nFinal Thoughts: the West must invest.')).toEqual(['unknown'])
    expect(speakersOf('Will Smith: Welcome.\nBill Gates: Thanks.\nWill Smith: Why?')).toEqual(['smith', 'gates', 'smith'])
  })

  it('takes a meeting\'s roles of dictionary words for speakers where a cast of three or more recurs, and recurring headings without one for none', () => {
    const ami = ['Project Manager: Okay, let us start.', 'Marketing: Users find remotes ugly.', 'Industrial Designer: We could use a curved case.',
      'User Interface: Keep the buttons few.', 'Project Manager: Good. The budget?', 'Marketing: Enough without a screen.', 'User Interface: Agreed.', 'Industrial Designer: I will look into it.']
    expect(speakersOf(ami.join('\n'))).toEqual(['manager', 'marketing', 'designer', 'interface', 'manager', 'marketing', 'interface', 'designer'])
    expect(speakersOf('We discuss rare earths.\nKey Takeaways: China dominates.\nFinal Thoughts: invest.\nKey Takeaways: chips matter.\nFinal Thoughts: act.')).toEqual(['unknown'])
  })

  it('takes recurring labels in lower case for speakers, but not dictionary words', () => {
    expect(speakersOf('jordan: welcome.\nchris: thanks.\njordan: why now?\nchris: leverage.')).toEqual(['jordan', 'chris', 'jordan', 'chris'])
    expect(speakersOf('upshot: none.\nverdict: yes.\nupshot: no.\nverdict: no.')).toEqual(['unknown'])
  })
})
