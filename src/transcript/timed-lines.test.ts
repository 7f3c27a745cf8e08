import { describe, expect, it } from 'vitest'
import { createTimedLineReader } from './timed-lines.js'

const read = (...lines: string[]) => {
  const reader = createTimedLineReader()
  for (const line of lines) reader.push(line)
  return reader.finish()
}

describe('createTimedLineReader headings', () => {
  it('keeps a section heading over a labelled line as its own timed paragraph (Substack `Introduction (0:00)`)', () => {
    expect(read('Introduction (0:00)', 'Theo: Welcome back.', 'Dwarkesh: Thanks.')).toEqual([
      { text: 'Introduction', start: 0 },
      { text: 'Theo: Welcome back.' },
      { text: 'Dwarkesh: Thanks.' },
    ])
  })

  it('takes only the time from a heading whose name the line repeats as its label', () => {
    expect(read('Dan Shipper (00:01:48)', 'Dan Shipper: So today we talk.')).toEqual([{ text: 'Dan Shipper: So today we talk.', start: 108 }])
  })

  it('loses no heading: one followed by another heading, or by nothing, stays as text', () => {
    expect(read('Part One (0:00)', 'Ann (0:05)', 'Hello.', 'Ann (0:09)')).toEqual([
      { text: 'Part One', start: 0, end: 5 },
      { text: 'Hello.', speaker: 'Ann', start: 5, end: 9 },
      { text: 'Ann', start: 9 },
    ])
  })

  it('reads a time after a dash, a bar or a comma as the time of the name before it, and drops the dash after a leading time', () => {
    expect(read('Jordan Schneider - 00:00:02', 'Welcome.', 'CHRIS MILLER | [0:15]', 'Thanks.', '00:00:31 – Jordan Schneider: So.', 'CHRIS MILLER, 00:00:40', 'Sure.')).toEqual([
      { text: 'Jordan Schneider', start: 2 },
      { text: 'Welcome.', end: 15 },
      { text: 'CHRIS MILLER', start: 15 },
      { text: 'Thanks.', end: 31 },
      { text: 'Jordan Schneider: So.', start: 31, end: 40 },
      { text: 'CHRIS MILLER', start: 40 },
      { text: 'Sure.' },
    ])
  })

  it('leaves a line ending in a dash and a number that is not a name and a time as it is', () => {
    expect(read('The rise of China - 4:12', 'Score - 3', 'Ann Lee - 75:90')).toEqual([{ text: 'The rise of China - 4:12' }, { text: 'Score - 3' }, { text: 'Ann Lee - 75:90' }])
  })

  it('reads a name alone on a line and a time under it, or one space apart, or over a range, as a dated name line', () => {
    expect(read('Jordan Schneider', '00:00:02', 'Welcome.', 'Chris Miller 00:00:15', 'Thanks.', 'Ann Lee (00:00:31 - 00:00:40)', 'Bye.')).toEqual([
      { text: 'Jordan Schneider', start: 2 },
      { text: 'Welcome.', end: 15 },
      { text: 'Chris Miller', start: 15 },
      { text: 'Thanks.', end: 31 },
      { text: 'Bye.', speaker: 'Ann Lee', start: 31 },
    ])
  })

  it('reads a bold name over a time as a heading (Markdown exports)', () => {
    expect(read('**Jordan Schneider** [00:00:02]', 'Welcome.')).toEqual([{ text: 'Welcome.', speaker: 'Jordan Schneider', start: 2 }])
  })

  it('reads a bold name with its time in italics as a dated name line, and a name and time before the speech on one line as a label', () => {
    // A dated name line, as `Name - 00:00:12` gives: the splitter learns whether it heads speech.
    expect(read('**Dwarkesh Patel** *00:00:12*', 'Today I talk with Chris.')).toEqual([{ text: 'Dwarkesh Patel', start: 12 }, { text: 'Today I talk with Chris.' }])
    expect(read('Lex Fridman (00:00:20) Why Taiwan?', 'Chris Miller (00:00:25) Because of TSMC.')).toEqual([
      { text: 'Lex Fridman: Why Taiwan?', start: 20, end: 25 },
      { text: 'Chris Miller: Because of TSMC.', start: 25 },
    ])
    // Sonix sets the colon before the time.
    expect(read('Lex Fridman: [00:00:20] Why Taiwan?', 'Chris Miller: [00:00:25]', 'Because of TSMC.')).toEqual([
      { text: 'Lex Fridman: Why Taiwan?', start: 20, end: 25 },
      { text: 'Because of TSMC.', speaker: 'Chris Miller', start: 25 },
    ])
    // Not before lower-case words: a name and a time inside prose stay as written.
    expect(read('Chris Miller (2:30) argues the opposite.')).toEqual([{ text: 'Chris Miller (2:30) argues the opposite.' }])
    // Speech broken off, a sum, and a diarized voice's speech in lower case are speech.
    expect(read('Jason Weinstein (00:00:05) ... Criminals keep at it.', 'Jerod Santo (00:00:09) $930.', 'Speaker 2 (00:00:12) can you hear us?').map((p) => p.text)).toEqual([
      'Jason Weinstein: ... Criminals keep at it.', 'Jerod Santo: $930.', 'Speaker 2: can you hear us?',
    ])
  })

  it('reads a range of clock times in brackets as a segment\'s start and end, and over a name alone as a dated name line', () => {
    expect(read('(0:00 - 0:05) Welcome to ChinaTalk, today we', '[0:05 – 0:09] discuss rare earths.', '(1 - 2) is a list.')).toEqual([
      { text: 'Welcome to ChinaTalk, today we', start: 0, end: 5, fragment: true },
      { text: 'discuss rare earths.', start: 5, end: 9, fragment: true },
      { text: '(1 - 2) is a list.' },
    ])
    expect(read('(0:00 - 0:05) Jordan Schneider', 'Welcome.')).toEqual([{ text: 'Jordan Schneider', start: 0 }, { text: 'Welcome.' }])
  })

  it('reads Podscripts\' `Starting point is 00:00:05` as the time of the text below it', () => {
    expect(read('Starting point is 00:00:00', 'Welcome.', 'Starting point is 00:00:05', 'Thanks.', 'Starting point is the question.')).toEqual([
      { text: 'Welcome.', start: 0, end: 5 },
      { text: 'Thanks.', start: 5 },
      { text: 'Starting point is the question.' },
    ])
  })

  it('reads an Otter heading whose name holds a particle (`Aaron van Wirdum  0:23`)', () => {
    expect(read('Aaron van Wirdum  0:23', 'Sjors, it has been a month.', 'Ursula von der Leyen  1:02', 'Thank you.')).toEqual([
      { text: 'Sjors, it has been a month.', speaker: 'Aaron van Wirdum', start: 23, end: 62 },
      { text: 'Thank you.', speaker: 'Ursula von der Leyen', start: 62 },
    ])
    // A particle neither opens nor ends a name, unless the surname is written first (Teams).
    expect(read('van Wirdum  0:23', 'Hi.')).toEqual([{ text: 'van Wirdum 0:23' }, { text: 'Hi.' }])
    expect(read('van Wirdum, Aaron   0:23', 'Hi.')).toEqual([{ text: 'Hi.', speaker: 'van Wirdum, Aaron', start: 23 }])
  })

  it('dates a heading with a lone time below it', () => {
    expect(read('Ryan  0:03', '[0:07]', 'Catch it on Spotify')).toEqual([{ text: 'Catch it on Spotify', speaker: 'Ryan', start: 7 }])
  })

  it('takes speaker and start the format gave as they are, without reading the text', () => {
    const reader = createTimedLineReader()
    reader.push('(0:10) Hello', { speaker: 'Kevin', start: 3 })
    reader.markTime(8)
    reader.push('Bye', { start: 8 })
    expect(reader.finish()).toEqual([{ text: '(0:10) Hello', speaker: 'Kevin', start: 3, end: 8 }, { text: 'Bye', start: 8 }])
  })
})
