/**
 * SubViewer (`.sbv`, YouTube's caption download) → paragraphs, one per cue: a `start,end` line,
 * the text, a blank line. Cue payloads, roll-up lines and dropped cues are handled as in WebVTT
 * and SubRip (cue.ts); `>> NAME:` and `Name:` prefixes stay in the text for the turn splitter.
 */
import { PodpipeError } from '../errors/index.js'
import type { Warning } from '../record/index.js'
import { cueBlockEnd, cueParagraphs, createUnroller, settleDroppedCues, type CueTiming } from './cue.js'
import { parseTimestamp } from './timestamp.js'
import type { Paragraph } from './types.js'
import { splitLines, stripBom } from './whitespace.js'

// `0:00:00.599,0:00:04.160`: YouTube writes hours without padding and milliseconds after a dot.
const SBV_TIME = String.raw`(\d{1,3}:\d{2}:\d{2}[.,]\d{1,3}|\d{1,2}:\d{2}[.,]\d{1,3})`
const TIMING = new RegExp(String.raw`^[ \t]*${SBV_TIME}[ \t]*,[ \t]*${SBV_TIME}[ \t]*$`)

const parseSbvTiming = (line: string): CueTiming | string => {
  const match = TIMING.exec(line)
  if (!match) return `expected a timing line "start,end", got "${line.trim().slice(0, 60)}"`
  return { start: parseTimestamp(match[1]!)!, end: parseTimestamp(match[2]!)! }
}

/** A `start,end` timing line first: no other format opens so. */
export const isSbv = (text: string): boolean => {
  const first = splitLines(text.trimStart().slice(0, 200))[0] ?? ''
  return typeof parseSbvTiming(first) !== 'string'
}

/**
 * Cues in file order, each `fragment: true` with start and end seconds, lines of a cue joined
 * with a space. A block without a readable timing line is dropped with a warning naming its line
 * (CUES_DROPPED); the file fails when such blocks are half of its blocks or more.
 *
 * @example
 * readSbv('0:00:00.599,0:00:04.160\n>> JORDAN: Welcome.')
 * // [{ text: '>> JORDAN: Welcome.', start: 0.599, end: 4.16, fragment: true }]
 */
export const readSbv = (text: string, warnings: Warning[] = []): Paragraph[] => {
  const lines = splitLines(stripBom(text))
  const paragraphs: Paragraph[] = []
  const dropped: string[] = []
  const unroll = createUnroller()
  let cues = 0
  let i = 0
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++
      continue
    }
    const end = sbvBlockEnd(lines, i)
    const timing = parseSbvTiming(lines[i]!)
    if (typeof timing === 'string') {
      dropped.push(`line ${i + 1}: ${timing}`)
    } else {
      cues++
      paragraphs.push(...cueParagraphs(unroll(lines.slice(i + 1, end), timing), timing))
    }
    i = end
  }
  settleDroppedCues(dropped, cues + dropped.length, 'SBV', warnings)
  if (cues === 0) throw new PodpipeError('MALFORMED', 'not valid SBV: the file has no cues')
  return paragraphs
}

/** A cue ends at a blank line, or where the next timing line starts (some exports leave no blank line). */
const sbvBlockEnd = (lines: readonly string[], from: number): number => {
  const end = cueBlockEnd(lines, from)
  for (let j = from + 1; j < end; j++) if (TIMING.test(lines[j]!)) return j
  return end
}
