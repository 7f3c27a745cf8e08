// One short talk, written in every convention podpipe reads, must split back into the same turns:
// the names (a particle, a capital inside a word, a title), speech that opens with a figure, in lower
// case or broken off, a colon inside a sentence, a second paragraph under one label.
import { describe, expect, it } from 'vitest'
import { SPLIT_LEXICON } from '../../analyze/index.js'
import { readTranscript } from '../../transcript/index.js'
import { splitTurns } from '../split-turns.js'
import { CONVENTIONS, type SpokenTurn } from './render-conventions.js'

const TALK: SpokenTurn[] = [
  { speaker: 'Jordan Schneider', paragraphs: ['Welcome to ChinaTalk. Today we talk about rare earths with two guests.'], start: 0 },
  { speaker: 'Chris McGuire', paragraphs: ['Thanks for having me. The controls are broad: seven elements, and magnets too.', 'They also reach products made abroad.'], start: 6 },
  { speaker: 'Aaron van Wirdum', paragraphs: ['90 percent of the processing is in China, right?'], start: 15 },
  { speaker: 'Chris McGuire', paragraphs: ['Yes, and the rest depends on Chinese equipment.'], start: 19 },
  { speaker: 'Dr. Jane Li', paragraphs: ['... and that is why the stockpile matters so much.'], start: 24 },
  { speaker: 'Jordan Schneider', paragraphs: ['Thank you all for coming on the show today.'], start: 30 },
]

const firstWords = (text: string): string => text.toLowerCase().replace(/[.,?!:…]/g, '').trim().split(/\s+/).slice(0, 3).join(' ')

describe('the same talk in every convention', () => {
  it.each(CONVENTIONS.map((c) => ({ name: c.name, convention: c })))('$name', ({ convention }) => {
    const { turns, speakers } = splitTurns(readTranscript(convention.render(TALK), { fileName: convention.fileName }).paragraphs, SPLIT_LEXICON)
    // Compared as the lower-case rendering writes them: no stops.
    const name = (n: string | null | undefined): string => (n ?? '').toLowerCase().replace(/\./g, '')
    const names = new Map(speakers.map((s) => [s.id, name(s.name)]))
    expect(turns.map((t) => [names.get(t.speakerId), firstWords(t.text)])).toEqual(TALK.map((t) => [name(t.speaker), firstWords(t.paragraphs[0]!)]))
  })
})
