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
import { isHardWrapped, stripPageLayout } from './page-layout.js'
import { createTimedLineReader } from './timed-lines.js'

/**
 * @example
 * readText('[00:03:12] Chris Miller: It is the key question.')
 * // [{ text: 'Chris Miller: It is the key question.', start: 192 }]
 */
export const readText = (text: string): Paragraph[] => {
  const reader = createTimedLineReader()
  // Old Mac files end lines with a lone CR; form feeds separate the pages of a paginated document.
  const breakChar = text.includes('\n') || !text.includes('\r') ? '\n' : '\r'
  const lines = (text.includes('\f') ? text.replaceAll('\f', breakChar) : text).split(breakChar)
  const layout = stripPageLayout(lines)
  for (const line of layout.lines) reader.push(line)
  const paragraphs = reader.finish()
  // A paginated or hard-wrapped document's lines continue one another unless a label starts one.
  if (layout.paged || isHardWrapped(layout.lines)) for (const paragraph of paragraphs) paragraph.fragment = true
  return paragraphs
}

/** Plain text is the fallback format: anything decoded to text can be read as lines. */
export const isText = (text: string): boolean => text.trim().length > 0
