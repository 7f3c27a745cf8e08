/**
 * SubRip → paragraphs, one per cue. Shares timing lines and cue payloads with WebVTT (cue.ts),
 * and is hand-written for the same reason: see vtt.ts.
 * `Name:` prefixes stay in the text, where the turn splitter looks for labels.
 */
import { PodpipeError } from '../errors/index.js'
import type { Warning } from '../record/index.js'
import type { Paragraph } from './types.js'
import { cueBlockEnd, cueParagraphs, cueParts, createNameLines, createUnroller, parseTimingLine, settleDroppedCues } from './cue.js'
import { splitLines, stripBom } from './whitespace.js'

const ARROW = '-->'

const isCueNumber = (line: string): boolean => /^\d{1,9}$/.test(line.trim())

/** A cue number line followed by a timing line, at the start of the file. */
export const isSrt = (text: string): boolean => {
  const lines = splitLines(text.trimStart().slice(0, 400))
  const first = lines[0] ?? ''
  const second = lines[1] ?? ''
  if (isCueNumber(first)) return typeof parseTimingLine(second) !== 'string'
  // Some exporters drop the cue numbers.
  return first.includes(ARROW) && typeof parseTimingLine(first) !== 'string'
}

/**
 * Cues in file order, each `fragment: true` with start and end seconds. Lines of a cue are
 * joined with a space. A cue whose text holds a blank line (a common export fault) keeps the text
 * after it, with a warning; any other block without a readable timing line is dropped with a
 * warning naming the cue and line (CUES_DROPPED), and the file fails when such blocks are half
 * of its blocks or more.
 *
 * @example
 * readSrt('1\n00:00:00,780 --> 00:00:06,210\nAdam Curry: podcasting 2.0')
 * // [{ text: 'Adam Curry: podcasting 2.0', start: 0.78, end: 6.21, fragment: true }]
 */
export const readSrt = (text: string, warnings: Warning[] = []): Paragraph[] => {
  const lines = splitLines(stripBom(text))
  const paragraphs: Paragraph[] = []
  let cues = 0
  const dropped: string[] = []
  const unroll = createUnroller()
  const nameLines = createNameLines()
  let strayLine = 0
  let strayBlocks = 0
  let i = 0
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++
      continue
    }
    const end = cueBlockEnd(lines, i)
    const first = lines[i]!.trim()
    const numbered = isCueNumber(first)
    const cueName = numbered ? `cue ${first}` : `cue ${cues + 1}`
    const timingIndex = numbered ? i + 1 : i
    const timing = parseTimingLine(timingIndex < end ? lines[timingIndex]! : '')
    const previous = paragraphs.at(-1)
    if (typeof timing === 'string' && !numbered && previous && !first.includes(ARROW)) {
      const more = cueParts(lines.slice(i, end).join('\n')).map((part) => part.text).join(' ')
      if (more) previous.text = `${previous.text} ${more}`
      strayLine ||= i + 1
      strayBlocks++
      i = end
      continue
    }
    if (typeof timing === 'string') {
      dropped.push(`${cueName} (line ${timingIndex + 1}): ${timing}`)
      i = end
      continue
    }
    cues++
    const payload = unroll(lines.slice(timingIndex + 1, end), timing)
    const cue = cueParagraphs(payload, timing)
    nameLines.note(payload, cue)
    paragraphs.push(...cue)
    i = end
  }
  nameLines.apply()
  settleDroppedCues(dropped, cues + dropped.length, 'SRT', warnings)
  if (cues === 0) throw new PodpipeError('MALFORMED', 'not valid SRT: the file has no cues')
  if (strayBlocks > 0) {
    warnings.push({ code: 'SRT_STRAY_TEXT', message: `${strayBlocks} block(s) of text without cue number or timing, first at line ${strayLine}, joined to the cue before` })
  }
  return paragraphs
}
