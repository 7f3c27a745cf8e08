/**
 * Text copied out of a paginated document (court and hearing transcripts, PDFs run through
 * pdftotext): every line carries a line number, each page repeats a header and a footer, and form
 * feeds separate the pages. None of that is speech, nor is a page break written out (`Page 12`). Recognised from the document itself (most lines
 * numbered, short lines repeated on every page), so prose that merely starts a line with a number
 * is left alone.
 */

// A document is line-numbered when at least this share of its non-empty lines start with 1–2 digits.
const NUMBERED_SHARE = 0.6
const LINE_NUMBER = /^[ \t]*(\d{1,2})(?=[ \t]|$)/
// Fewer lines than a page: numbered 1, 2, 3… on every line, as an excerpt of a court transcript is.
const MIN_EXCERPT_LINES = 5
// …and lines of a page's width on average, unlike a numbered list of headings (`1 Introduction`).
const MIN_EXCERPT_LINE_CHARS = 30
// A line repeated this often, short and without a sentence ending, is a page header or footer.
const FURNITURE_MIN_REPEATS = 5
const FURNITURE_MAX_CHARS = 80
const PAGE_NUMBER = /^[ \t]*\d{1,4}[ \t]*$/
// `Page 12`, `Page 3 of 40`, `- 12 -`: a page break written out, in any document; no one says it alone.
const PAGE_MARKER = /^[ \t]*(?:page[ \t]+\d{1,4}(?:[ \t]+of[ \t]+\d{1,4})?|[-–—][ \t]*\d{1,4}[ \t]*[-–—])[ \t]*$/i

export interface PageLayout {
  lines: string[]
  /** Whether the input was a numbered page layout: its lines are then hard-wrapped text, not paragraphs. */
  paged: boolean
}

/**
 * @example
 * stripPageLayout([' 1   MR. LONG: Mr. Chief', ' 2   Justice, and may it']).lines // ['MR. LONG: Mr. Chief', 'Justice, and may it']
 */
export const stripPageLayout = (input: readonly string[]): PageLayout => {
  let nonEmpty = 0
  let numbered = 0
  // Numbered lines whose number follows the one before: an excerpt too short to show a page's pattern shows this.
  let counting = 0
  let previous = -1
  let chars = 0
  const counts = new Map<string, number>()
  for (const line of input) {
    const trimmed = line.trim()
    if (!trimmed) continue
    nonEmpty++
    chars += trimmed.length
    const match = LINE_NUMBER.exec(line)
    const n = match ? Number(match[1]) : -1
    if (n >= 0 && n <= 30) {
      numbered++
      if (n === previous + 1 || (n === 1 && previous > 1)) counting++
    }
    previous = n
    if (trimmed.length <= FURNITURE_MAX_CHARS) counts.set(trimmed, (counts.get(trimmed) ?? 0) + 1)
  }
  const paged = nonEmpty >= 20 ? numbered >= nonEmpty * NUMBERED_SHARE
    : nonEmpty >= MIN_EXCERPT_LINES && counting >= nonEmpty - 1 && chars >= nonEmpty * MIN_EXCERPT_LINE_CHARS
  if (!paged) return { lines: input.filter((line) => !PAGE_MARKER.test(line)), paged: false }
  const furniture = new Set<string>()
  for (const [line, n] of counts) if (n >= FURNITURE_MIN_REPEATS && !/[.?!:;,)]$/.test(line) && !LINE_NUMBER.test(line)) furniture.add(line)
  const lines: string[] = []
  for (const line of input) {
    const trimmed = line.trim()
    if (!trimmed || furniture.has(trimmed) || PAGE_NUMBER.test(line) || PAGE_MARKER.test(line)) continue
    const match = LINE_NUMBER.exec(line)
    lines.push(match ? line.slice(match[0].length) : line)
  }
  return { lines, paged: true }
}

// Hard-wrapped prose: most lines end near one width and many end mid-sentence.
const WRAP_MIN_WIDTH = 50
const WRAP_MAX_WIDTH = 110
const WRAP_NEAR = 15
const WRAP_SHARE = 0.6
const MID_SENTENCE_SHARE = 0.4

/**
 * Whether the lines are prose wrapped at a fixed width (copied from a PDF or an email) rather than
 * one paragraph per line, so that a line continues the one before it.
 */
export const isHardWrapped = (lines: readonly string[]): boolean => {
  const lengths: number[] = []
  let midSentence = 0
  for (const line of lines) {
    const trimmed = line.trimEnd()
    if (!trimmed.trim()) continue
    lengths.push(trimmed.length)
    if (!/[.?!:;"”’)\]]$/.test(trimmed)) midSentence++
  }
  if (lengths.length < 10) return false
  const sorted = [...lengths].sort((a, b) => a - b)
  const width = sorted[Math.floor(sorted.length * 0.9)]!
  if (width < WRAP_MIN_WIDTH || width > WRAP_MAX_WIDTH) return false
  const near = lengths.filter((n) => n >= width - WRAP_NEAR && n <= width + 2).length
  return near >= lengths.length * WRAP_SHARE && midSentence >= lengths.length * MID_SENTENCE_SHARE
}
