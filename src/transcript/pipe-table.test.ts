import { describe, expect, it } from 'vitest'
import { readText } from './text.js'

describe('Markdown tables of segments in a text or Markdown transcript', () => {
  it('reads rows by the names the header gives the columns, between lines of text', () => {
    const text = [
      'Episode 12: rare earths', '',
      '| Time | Speaker | Text |', '|:-----|---------|------|',
      '| 00:00:01 | Jordan Schneider | Welcome to the show. |', '| 00:00:05 | Chris Miller | A bar \\| inside. |', '',
      'Thanks for listening.',
    ].join('\n')
    expect(readText(text)).toEqual([
      { text: 'Episode 12: rare earths' },
      { text: 'Welcome to the show.', speaker: 'Jordan Schneider', start: 1, fragment: true },
      { text: 'A bar | inside.', speaker: 'Chris Miller', start: 5, fragment: true },
      { text: 'Thanks for listening.' },
    ])
  })

  it('leaves any other table as lines of text', () => {
    const text = '| Topic | Content |\n|---|---|\n| Chips | Export controls |'
    expect(readText(text).map((p) => p.text)).toEqual(['| Topic | Content |', '|---|---|', '| Chips | Export controls |'])
  })
})
