/**
 * Plain text → paragraphs, one per non-empty line. Lines, not blank-line blocks: the posts we read
 * put one speaker turn or one paragraph on each line with no blank line between (the seed), and
 * the timestamped exports either do the same or put a heading line over a body line.
 *
 * Labels stay in the text (`Chris McGuire: …`), where the turn splitter finds them. Timestamps
 * leave the text and become `start`; a `Name (HH:MM:SS)` heading line becomes the next line's
 * `speaker` and `start` (timed-lines.ts has the conventions).
 */
import type { Paragraph } from './types.js'
import { createTimedLineReader } from './timed-lines.js'

/**
 * @example
 * readText('[00:03:12] Chris Miller: It is the key question.')
 * // [{ text: 'Chris Miller: It is the key question.', start: 192 }]
 */
export const readText = (text: string): Paragraph[] => {
  const reader = createTimedLineReader()
  // Old Mac files end lines with a lone CR.
  const breakChar = text.includes('\n') || !text.includes('\r') ? '\n' : '\r'
  let lineStart = 0
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf(breakChar, lineStart)
    if (lineEnd < 0) lineEnd = text.length
    reader.push(text.slice(lineStart, lineEnd))
    lineStart = lineEnd + 1
  }
  return reader.finish()
}

/** Plain text is the fallback format: anything decoded to text can be read as lines. */
export const isText = (text: string): boolean => text.trim().length > 0
