/**
 * Plain text → paragraphs, one per non-empty line. Lines, not blank-line blocks: the posts we read
 * put one speaker turn or one paragraph on each line with no blank line between (the seed), and
 * the timestamped exports either do the same or put a heading line over a body line.
 *
 * Timestamps become `start` (and the previous paragraph's `end`) and leave the text. Labels:
 * - inline labels stay in the text, where the turn splitter looks for them:
 *   `Chris McGuire: …`, `[00:03:12] Name: …` → `Name: …`, `Name (00:12:31): …` → `Name: …`;
 * - a heading line holding only a name and a time — `Name (HH:MM:SS)`, `Name [m:ss]`, Otter's
 *   `Name  0:03` (two or more spaces) — is not text: it becomes `speaker` and `start` of the next
 *   paragraph. A bare `Name:` line stays a paragraph of its own.
 *
 * Every check looks at a bounded prefix or suffix of a line, so reading stays linear in the input.
 */
import type { Paragraph } from './types.js'
import { parseClockTimestamp } from './timestamp.js'
import { collapseWhitespace } from './whitespace.js'

/** Longest speaker name we accept in a heading or label (in characters). */
const MAX_NAME = 60
/** Longest timestamp token, brackets included (`[100:00:00.000]`). */
const MAX_TIME = 16

interface Heading {
  speaker: string
  start: number
}

const isDigitCode = (code: number): boolean => code >= 48 && code <= 57

/** Looks like a name: 1–6 words, each starting with a capital letter or a digit (`Speaker 1`). */
const isNameLike = (value: string): boolean => {
  if (value.length === 0 || value.length > MAX_NAME) return false
  const words = value.split(' ')
  if (words.length > 6) return false
  return words.every((word) => {
    const first = word.charAt(0)
    return first !== '' && (first !== first.toLowerCase() || isDigitCode(first.charCodeAt(0)))
  })
}

/** `[00:03:12] rest`, `(0:53) rest`, `00:03:12 rest`: the time and what follows it. */
const leadingTime = (line: string): { start: number; rest: string } | undefined => {
  const first = line.charCodeAt(0)
  const bracketed = first === 91 /* [ */ || first === 40 /* ( */
  if (!bracketed && !isDigitCode(first)) return undefined
  const head = line.slice(0, MAX_TIME + 1)
  let close = bracketed ? head.indexOf(first === 91 ? ']' : ')') : head.search(/\s/)
  // A time alone on its line.
  if (close < 0 && !bracketed && line.length <= MAX_TIME) close = line.length
  if (close < 0) return undefined
  const start = parseClockTimestamp(line.slice(bracketed ? 1 : 0, close))
  if (start === undefined) return undefined
  return { start, rest: line.slice(close + 1).trim() }
}

/** `Name (00:12:31)` or `Name [00:12:31]` ending the line, or followed by `:` and text. */
const bracketedTime = (line: string): { name: string; start: number; rest?: string } | undefined => {
  const head = line.length > MAX_NAME + MAX_TIME + 2 ? line.slice(0, MAX_NAME + MAX_TIME + 2) : line
  const open = head.search(/ [([]\d/)
  if (open <= 0) return undefined
  const closeChar = head[open + 1] === '(' ? ')' : ']'
  const close = head.indexOf(closeChar, open + 2)
  if (close < 0) return undefined
  const start = parseClockTimestamp(head.slice(open + 2, close))
  const name = line.slice(0, open).trim()
  if (start === undefined || !isNameLike(name)) return undefined
  const after = line.slice(close + 1).trimStart()
  if (after === '') return { name, start }
  if (after.startsWith(':')) return { name, start, rest: after.slice(1).trim() }
  return undefined
}

/** Otter's heading, `Name  0:03`: a name, two or more spaces or a tab, then a time alone. */
const otterHeading = (raw: string): Heading | undefined => {
  if (raw.length > MAX_NAME + MAX_TIME + 8) return undefined
  const match = /^(\S.*?)(?: {2,}|\t)(\d[\d:.,]*)$/.exec(raw)
  if (!match) return undefined
  const start = parseClockTimestamp(match[2]!)
  const name = collapseWhitespace(match[1]!)
  return start !== undefined && isNameLike(name) ? { speaker: name, start } : undefined
}

/**
 * @example
 * readText('[00:03:12] Chris Miller: It is the key question.')
 * // [{ text: 'Chris Miller: It is the key question.', start: 192 }]
 */
export const readText = (text: string): Paragraph[] => {
  const paragraphs: Paragraph[] = []
  let heading: Heading | undefined
  // The latest time seen: a later time ends the paragraph before it, unless times went backwards.
  let lastStart: number | undefined
  let lineStart = 0
  const length = text.length
  while (lineStart <= length) {
    let lineEnd = text.indexOf('\n', lineStart)
    if (lineEnd < 0) lineEnd = length
    const raw = text.slice(lineStart, lineEnd).trimEnd()
    lineStart = lineEnd + 1
    const line = collapseWhitespace(raw)
    if (line === '') continue

    let body = line
    let start: number | undefined
    let speaker: string | undefined
    const otter = raw.length <= MAX_NAME + MAX_TIME + 8 ? otterHeading(raw.trimStart()) : undefined
    if (otter) {
      heading = otter
      continue
    }
    const lead = leadingTime(line)
    if (lead) {
      start = lead.start
      body = lead.rest
    }
    const labelled = bracketedTime(body)
    if (labelled) {
      if (labelled.rest === undefined) {
        if (start === undefined) {
          heading = { speaker: labelled.name, start: labelled.start }
          continue
        }
      } else {
        start ??= labelled.start
        body = labelled.rest ? `${labelled.name}: ${labelled.rest}` : `${labelled.name}:`
      }
    }
    if (body === '') {
      // A time alone on its line dates whatever comes next.
      if (start !== undefined) heading = { speaker: heading?.speaker ?? '', start }
      continue
    }
    if (heading) {
      start ??= heading.start
      speaker = heading.speaker || undefined
      heading = undefined
    }
    if (start !== undefined) {
      const previous = paragraphs.at(-1)
      if (previous && lastStart !== undefined && lastStart <= start) previous.end = start
      lastStart = start
    }
    const paragraph: Paragraph = { text: body }
    if (speaker) paragraph.speaker = speaker
    if (start !== undefined) paragraph.start = start
    paragraphs.push(paragraph)
  }
  return paragraphs
}

/** Plain text is the fallback format: anything decoded to text can be read as lines. */
export const isText = (text: string): boolean => text.trim().length > 0
