/**
 * WebVTT → paragraphs, one per cue (or per voice span when a cue holds several speakers).
 *
 * Hand-written rather than taken from a library: every parser we read rejects the real Podnews
 * file (`0.860 --> 7.380`, `1:01.460`). media-captions and subtitle require `mm:ss` (two-digit
 * minutes; media-captions drops such cues silently and is async only), vtt.js/webvtt-parser
 * requires `m:ss.ttt`, and @plussub/srt-vtt-parser throws on a seconds-only time and takes any
 * line containing "note" for a NOTE block. This one follows the WebVTT block structure but reads
 * times with the lenient shared grammar (timestamp.ts). A block whose timing it cannot read is
 * dropped with a warning naming the line, as the spec's parser discards it; a file where such
 * blocks are half or more fails, naming the first.
 */
import { PodpipeError } from '../errors/index.js'
import type { Warning } from '../record/index.js'
import type { Paragraph } from './types.js'
import { cueBlockEnd, cueParagraphs, createNameLines, createUnroller, namesRecur, parseTimingLine, settleDroppedCues } from './cue.js'
import { splitLines, stripBom } from './whitespace.js'

const ARROW = '-->'

/** The header is `WEBVTT` alone or followed by a space or tab and free text. */
const isHeaderLine = (line: string): boolean =>
  line.startsWith('WEBVTT') && (line.length === 6 || line[6] === ' ' || line[6] === '\t')

const isBlockKeyword = (line: string, keyword: string): boolean =>
  line.startsWith(keyword) && (line.length === keyword.length || line[keyword.length] === ' ' || line[keyword.length] === '\t')

// A cue identifier that could be a name: words, perhaps a voice's number (`Jordan Schneider`, `Speaker 2`).
const NAME_LIKE_ID = /^\p{L}[\p{L}\p{M}'’. _-]{0,39}?(?: ?\d{1,3})?$/u

/**
 * Some exports name the speaker in the cue identifier (`Jordan Schneider` over the timing line)
 * rather than in a `<v>` span. Identifiers are usually numbers or unique ids, so they are read as
 * speakers only when most cues have a name-like one and each name heads two cues on average.
 * A `<v>` span in the cue still wins.
 */
const speakersFromIdentifiers = (identified: ReadonlyArray<{ id: string; cue: Paragraph[] }>, cues: number): void => {
  const named = identified.filter((c) => NAME_LIKE_ID.test(c.id))
  if (!namesRecur(named.map((c) => c.id), cues)) return
  for (const { id, cue } of named) for (const paragraph of cue) paragraph.speaker ??= id
}

/** Cheap and unambiguous: the spec makes the magic word the first thing in the file. */
export const isVtt = (text: string): boolean => isHeaderLine(text.trimStart().slice(0, 7).trimEnd())

const malformed = (lineNumber: number, reason: string): PodpipeError =>
  new PodpipeError('MALFORMED', `not valid WebVTT: line ${lineNumber}: ${reason}`)

/**
 * Cues in start-time order (ties keep file order), each `fragment: true` with its times.
 * Cues without a voice span carry no speaker: the turn splitter carries the last one forward.
 * Blocks dropped for an unreadable timing are reported in `warnings` (CUES_DROPPED).
 *
 * @example
 * readVtt('WEBVTT\n\n00:01.000 --> 00:02.000\n<v Sarah>Hello')
 * // [{ text: 'Hello', speaker: 'Sarah', start: 1, end: 2, fragment: true }]
 */
export const readVtt = (text: string, warnings: Warning[] = []): Paragraph[] => {
  const lines = splitLines(stripBom(text))
  // Blank lines before the header break the spec but not the meaning: skip them.
  let i = 0
  while (i < lines.length - 1 && lines[i]!.trim() === '') i++
  if (!isHeaderLine(lines[i]!)) {
    throw malformed(i + 1, `expected the "WEBVTT" header, got "${lines[i]!.slice(0, 40)}"`)
  }
  const paragraphs: Paragraph[] = []
  let cues = 0
  const dropped: string[] = []
  const identified: Array<{ id: string; cue: Paragraph[] }> = []
  const unroll = createUnroller()
  const nameLines = createNameLines()
  i++
  // Header metadata (`Kind: captions`) runs to the first blank line; a timing line ends it early.
  while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.includes(ARROW)) i++
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++
      continue
    }
    const blockStart = i
    const end = cueBlockEnd(lines, i)
    const first = lines[blockStart]!
    if (!first.includes(ARROW) && (isBlockKeyword(first, 'NOTE') || isBlockKeyword(first, 'STYLE') || isBlockKeyword(first, 'REGION'))) {
      i = end
      continue
    }
    // An optional cue identifier comes before the timing line.
    const timingIndex = first.includes(ARROW) ? blockStart : blockStart + 1
    const timingLine = timingIndex < end ? lines[timingIndex]! : ''
    const timing = parseTimingLine(timingLine)
    if (typeof timing === 'string') {
      dropped.push(`line ${timingIndex + 1}: ${timing}`)
      i = end
      continue
    }
    cues++
    const payload = unroll(lines.slice(timingIndex + 1, end), timing)
    const cue = cueParagraphs(payload, timing)
    nameLines.note(payload, cue)
    if (timingIndex > blockStart) identified.push({ id: first.trim(), cue })
    paragraphs.push(...cue)
    i = end
  }
  settleDroppedCues(dropped, cues + dropped.length, 'WebVTT', warnings)
  if (cues === 0) throw malformed(lines.length, 'the file has a header but no cues')
  speakersFromIdentifiers(identified, cues)
  nameLines.apply()
  // Cues may come out of order (W3C example); Array#sort is stable, so ties keep file order.
  return paragraphs.sort((a, b) => (a.start ?? 0) - (b.start ?? 0))
}
