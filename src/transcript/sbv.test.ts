import { describe, expect, it } from 'vitest'
import type { Warning } from '../record/index.js'
import { readTranscript } from './read-transcript.js'
import { isSbv, readSbv } from './sbv.js'

// The shape of a YouTube caption download (`.sbv`): a `start,end` line, the text, a blank line.
const YOUTUBE = '0:00:00.599,0:00:04.160\n>> JORDAN: Welcome to ChinaTalk,\ntoday: rare earths.\n\n0:00:04.160,0:00:08.000\n>> MILLER: Thanks for having me.\n\n1:02:03.000,1:02:05.500\n>> JORDAN: Bye.\n'

describe('readSbv', () => {
  it('reads each cue as a timed fragment, its lines joined, labels left for the turn splitter', () => {
    expect(readSbv(YOUTUBE)).toEqual([
      { text: '>> JORDAN: Welcome to ChinaTalk, today: rare earths.', start: 0.599, end: 4.16, fragment: true },
      { text: '>> MILLER: Thanks for having me.', start: 4.16, end: 8, fragment: true },
      { text: '>> JORDAN: Bye.', start: 3723, end: 3725.5, fragment: true },
    ])
  })

  it('reads CRLF line ends and a cue that follows without a blank line', () => {
    expect(readSbv('0:00:01.000,0:00:02.000\r\nHello\r\n0:00:02.000,0:00:03.000\r\nthere').map((p) => [p.text, p.start])).toEqual([['Hello', 1], ['there', 2]])
  })

  it('drops a block without a timing line with a warning, and fails when most blocks have none', () => {
    const warnings: Warning[] = []
    expect(readSbv(`${YOUTUBE}\n0:00:0x.000,0:00:09.000\nlost\n`, warnings)).toHaveLength(3)
    expect(warnings[0]).toMatchObject({ code: 'CUES_DROPPED' })
    expect(warnings[0]!.message).toMatch(/line 11: .*0:00:0x/)
    expect(() => readSbv('0:00:01.000,0:00:02.000\nHi\n\nno time\nhere\n\nnor here')).toThrow(/not valid SBV/)
  })

  it('is told from other formats by its first line', () => {
    expect(isSbv(YOUTUBE)).toBe(true)
    expect(isSbv('1\n00:00:01,000 --> 00:00:02,000\nHi')).toBe(false)
    expect(isSbv('Jordan: 0:00:01.000, more or less')).toBe(false)
  })
})

describe('readTranscript with SBV', () => {
  it('detects it by content and by name, and splits the speakers it labels', () => {
    expect(readTranscript(YOUTUBE).format).toBe('sbv')
    expect(readTranscript(YOUTUBE, { fileName: 'captions.sbv' }).format).toBe('sbv')
    // A file named .sbv that holds prose is read as prose.
    expect(readTranscript('Welcome to the show.', { fileName: 'captions.sbv' }).format).toBe('text')
  })
})
