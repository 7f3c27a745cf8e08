/**
 * Plain text → paragraphs, one per non-empty line. Lines, not blank-line blocks: the posts we read
 * put one speaker turn or one paragraph on each line with no blank line between (the seed), and
 * the timestamped exports either do the same or put a heading line over a body line.
 *
 * Labels stay in the text (`Chris McGuire: …`), where the turn splitter finds them. Timestamps
 * leave the text and become `start`; a `Name (HH:MM:SS)` heading line becomes the next line's
 * `speaker` and `start` (timed-lines.ts has the conventions).
 */
import type { Warning } from '../record/index.js'
import type { Paragraph } from './types.js'
import { isHardWrapped, stripPageLayout } from './page-layout.js'
import { readPipeTable } from './pipe-table.js'
import { createTimedLineReader } from './timed-lines.js'
import { startsWithin } from './timestamp.js'

/**
 * @example
 * readText('[00:03:12] Chris Miller: It is the key question.')
 * // [{ text: 'Chris Miller: It is the key question.', start: 192 }]
 */
export const readText = (text: string, warnings: Warning[] = []): Paragraph[] => {
  let reader = createTimedLineReader()
  // Old Mac files end lines with a lone CR; form feeds separate the pages of a paginated document.
  const breakChar = text.includes('\n') || !text.includes('\r') ? '\n' : '\r'
  const lines = (text.includes('\f') ? text.replaceAll('\f', breakChar) : text).split(breakChar)
  const layout = stripPageLayout(lines)
  const paragraphs: Paragraph[] = []
  for (let i = 0; i < layout.lines.length; i++) {
    const line = layout.lines[i]!
    // A Markdown table of segments (`| Speaker | Text |`) is read by its columns, as a CSV file is.
    const table = line.includes('|') ? readPipeTable(layout.lines, i, warnings) : undefined
    if (table) {
      paragraphs.push(...reader.finish(), ...table.paragraphs)
      reader = createTimedLineReader()
      i = table.end - 1
      continue
    }
    reader.push(line)
  }
  paragraphs.push(...reader.finish())
  // A paginated or hard-wrapped document's lines continue one another unless a label starts one.
  if (!layout.paged && !isHardWrapped(layout.lines)) return joinContinuations(paragraphs)
  for (const paragraph of paragraphs) paragraph.fragment = true
  return paragraphs
}

// Where one line of an otherwise unwrapped text breaks mid-sentence: the next line opens in lower
// case with a few words (a name line in lower case, `michael barbaro`, has two or three), and not
// with a key of front matter (`title: …`).
export const OPEN_SENTENCE = /[\p{L}\p{N},]$/u
const MD_HEADING = /^#{1,6}[ \t]/
const LOWER_CASE_CONTINUATION = /^\p{Ll}[^\s:]*\s+\S+\s+\S+\s+\S/u
// A wrapped sentence's short last line (`order.`, `90 percent of them.`) under a line of a page's width.
const SENTENCE_TAIL = /^(?:\p{Ll}|\p{N}[\p{N},.]*\s)[^:]{0,40}[.?!]["”’)]?$/u
const WRAPPED_LINE_CHARS = 50
// A name or a diarized voice alone on its line (`Speaker 1`, `Chris Miller`) heads the speech under
// it, even speech that opens in lower case (`or 90, I guess.`): a wrapped line is seldom only a name.
const NAME_ALONE = /^\p{Lu}[\p{L}\p{M}'’.-]*(?: (?:\p{Lu}[\p{L}\p{M}'’.-]*|\d{1,3}|[a-z]{1,3})){0,3}$/u
const continuesLine = (before: string, text: string): boolean =>
  (LOWER_CASE_CONTINUATION.test(text) && !(before.length <= 40 && NAME_ALONE.test(before))) || (before.length >= WRAPPED_LINE_CHARS && SENTENCE_TAIL.test(text))
/**
 * A label in lower case opening a line (`speaker 2: thanks`, `chris miller: right`), as text written
 * all in lower case gives them; the name is group 1. Such a line never continues the one before,
 * and the turn splitter reads it as a label (turns/labels.ts).
 */
// A title or an initial with its stop may stand in it: `dr. fei fei li:`, `donald b. verrilli:`.
export const LOWER_CASE_LABEL = /^((?:(?:dr|mr|mrs|ms|prof)\. )?\p{Ll}[\p{Ll}\p{N}'’_-]*(?: (?:\p{Ll}\.|[\p{Ll}\p{N}][\p{Ll}\p{N}'’_-]*)){0,2})[ \t]?:[ \t]+(?=\S)/u

/**
 * Caption lines come seconds apart; a chapter list (`02:15 What China announced`, `14:40 the US
 * response`) also leaves its titles open, but minutes apart.
 */
const MAX_CAPTION_STEP_SECONDS = 30

/**
 * Joins a line that continues the sentence the line before left open to that line. A timed line
 * that does so (captions copied with their times, `0:05` over `welcome back to the show today we`
 * over `0:08` over `talk about…`) keeps its time and becomes a caption fragment, which the turn
 * splitter joins as it joins SRT cues, so a sentence is not cut at every caption line.
 */
const joinContinuations = (paragraphs: Paragraph[]): Paragraph[] => {
  const out: Paragraph[] = []
  for (const p of paragraphs) {
    const before = out.at(-1)
    // A heading (`### Speaker 1`, `<h3>`) is never continued: the speech under it opens a paragraph.
    const continues = before !== undefined && p.speaker === undefined && before.headingLevel === undefined && !MD_HEADING.test(before.text) && OPEN_SENTENCE.test(before.text)
      && continuesLine(before.text, p.text) && !LOWER_CASE_LABEL.test(p.text)
    if (continues && p.start === undefined) before.text += ` ${p.text}`
    else {
      if (continues && startsWithin(before, p, MAX_CAPTION_STEP_SECONDS)) p.fragment = true
      out.push(p)
    }
  }
  return out
}

/** Plain text is the fallback format: anything decoded to text can be read as lines. */
export const isText = (text: string): boolean => text.trim().length > 0
