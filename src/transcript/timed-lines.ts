/**
 * Timestamps and time-stamped headings inside lines of prose, shared by the text reader (each
 * line) and the HTML reader (each block), since post bodies use the same conventions as text
 * exports (formats.md §2.3):
 * - a time opening a line, `[00:03:12] …`, `(0:53) …`, `1:02:03 …`, `00:03:12 - …`, becomes `start`;
 * - a name then a time after a dash or bar, `Name - 00:00:05`, `Name | 0:05`, becomes the line `Name`
 *   with `start`, as `00:00:05 Name` does: whether such a line is a speaker's heading or a chapter
 *   title is for the turn splitter to learn from the whole document;
 * - `Name (00:12:31): text` / `Name [1:48]: text` / `Name: [1:48] text` becomes `Name: text` with `start`: inline labels
 *   stay in the text, where the turn splitter looks for them;
 * - a heading holding only a name and a time — `Name (HH:MM:SS)`, `Name [m:ss]`, Otter's
 *   `Name  0:03` (two or more spaces) — becomes `speaker` and `start` of the next paragraph. When
 *   that paragraph opens with its own label, the heading was a section title (Substack's
 *   `Introduction (0:00)` over `Theo: Welcome back…`): it stays a paragraph of its own, with `start`.
 * A later time also becomes the previous paragraph's `end`, unless times went backwards or the
 * paragraph gave its own end.
 *
 * Every check looks at a bounded prefix of a line, so reading stays linear in the input.
 */
import type { Paragraph } from './types.js'
import { parseClockTimestamp, parseTimestamp } from './timestamp.js'
import { collapseWhitespace } from './whitespace.js'

/** Longest speaker name accepted in a heading or label (characters). */
const MAX_NAME = 60
/** Longest timestamp token, brackets included (`[100:00:00.000]`). */
const MAX_TIME = 16
const MAX_OTTER_LINE = MAX_NAME + MAX_TIME + 8

interface Heading {
  /** Empty for a time alone on its line. */
  name: string
  start: number
}

const isDigitCode = (code: number): boolean => code >= 48 && code <= 57

/** Lowercase particles inside names (`Aaron van Wirdum`, `Ursula von der Leyen`, `Luiz Inácio Lula da Silva`). */
export const NAME_PARTICLES: readonly string[] = ['de', 'da', 'del', 'der', 'di', 'du', 'la', 'le', 'van', 'von', 'bin', 'al', 'ibn', 'dos', 'das', 'y']
const PARTICLES = new Set(NAME_PARTICLES)

/**
 * Looks like a name: 1–6 words, each starting with a capital letter or a digit (`Speaker 1`), or a
 * particle between two of them, or opening a surname written first (`van Wirdum, Aaron`, as Teams writes it).
 */
const isNameLike = (value: string): boolean => {
  if (value.length === 0 || value.length > MAX_NAME) return false
  const words = value.split(' ')
  if (words.length > 6) return false
  const inverted = value.includes(', ')
  return words.every((word, i) => {
    const first = word.charAt(0)
    return first !== '' && (first !== first.toLowerCase() || isDigitCode(first.charCodeAt(0)) || ((i > 0 || inverted) && i < words.length - 1 && PARTICLES.has(word)))
  })
}

/** A name without the bold markup Markdown exports wrap headings in (`**Jordan Schneider**`). */
const bareName = (value: string): string => value.trim().replace(/^(\*\*|__)(.+)\1$/, '$2').trim()

/** The label opening `Theo: Welcome…` (a short name-like prefix before a colon), if any. */
const openingLabel = (text: string): string | undefined => {
  const colon = text.slice(0, MAX_NAME + 1).indexOf(':')
  const name = colon > 0 ? text.slice(0, colon).trim() : ''
  return isNameLike(name) ? name : undefined
}

// Whisper's segment lines: `[0.00 → 6.66] text` or `[00:00.000 --> 00:06.660] text`, times in seconds or clock form.
const WHISPER_RANGE = /^\[\s*(\d[\d:.,]*)\s*(?:→|-->|->)\s*(\d[\d:.,]*)\s*\]/

// A range in brackets or parentheses with a dash, clock times only (`(0:00 - 0:05) text`,
// `[00:01:02 – 00:01:09] text`, as TurboScribe and other exports write segments), so `(1 - 2)` stays text.
const CLOCK_RANGE = /^[[(]\s*(\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)\s*[-–—]\s*(\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)\s*[\])]/

// Podscripts' pages open each segment with `Starting point is 00:12:31` on its own line.
const STARTING_POINT = /^Starting point is (\d{1,3}:\d{2}(?::\d{2})?)$/

// The Linguistic Data Consortium's conversational transcripts (CALLHOME, Fisher): each line a turn's
// start and end in seconds, then the speaker's label (`98.41 101.07 A: yeah i know`). Only before a
// label, so a line of figures (`3.5 4.2 percent`) keeps its numbers.
const SECONDS_RANGE = /^(\d{1,6}\.\d{1,3})[ \t]+(\d{1,6}\.\d{1,3})[ \t]+(?=[\p{L}\p{N}_#-]{1,24}[:：][ \t])/u

interface LeadingTime {
  start: number
  end?: number
  rest: string
}

// Markdown exports set the time inside a bold label: `**[00:00:01] Jordan Schneider:** Hello`.
const BOLD_TIME = /^(\*\*|__)([[(]\d[\d:.,]*[\])])[ \t]+(?=\S)/

/** `[00:03:12] rest`, `(0:53) rest`, `00:03:12 rest`, or a time alone: the time and what follows it. */
const leadingTime = (line: string): LeadingTime | undefined => {
  const first = line.charCodeAt(0)
  if (first === 42 /* * */ || first === 95 /* _ */) {
    const bold = BOLD_TIME.exec(line.slice(0, MAX_TIME + 4))
    const start = bold ? parseClockTimestamp(bold[2]!.slice(1, -1)) : undefined
    return bold && start !== undefined ? { start, rest: bold[1]! + line.slice(bold[0].length) } : undefined
  }
  if (first === 83 /* S */) {
    const point = STARTING_POINT.exec(line.slice(0, 32))
    const start = point ? parseClockTimestamp(point[1]!) : undefined
    return start === undefined ? undefined : { start, rest: '' }
  }
  const bracketed = first === 91 /* [ */ || first === 40 /* ( */
  if (!bracketed && !isDigitCode(first)) return undefined
  if (first === 91) {
    const range = WHISPER_RANGE.exec(line.slice(0, 64))
    const start = range ? parseTimestamp(range[1]!) : undefined
    const end = range ? parseTimestamp(range[2]!) : undefined
    // A stray comma after the bracket (`[4324.62 → 4331.42], and…`) belongs to no word.
    if (range && start !== undefined) return { start, ...(end !== undefined ? { end } : {}), rest: line.slice(range[0].length).replace(/^[\s,]+/, '') }
  }
  const clockRange = bracketed ? CLOCK_RANGE.exec(line.slice(0, 40)) : null
  if (clockRange) {
    const start = parseClockTimestamp(clockRange[1]!)
    const end = parseClockTimestamp(clockRange[2]!)
    const rest = line.slice(clockRange[0].length).trim()
    // Over a name alone (`(0:00 - 0:05) Jordan Schneider`) the range dates a heading, as a lone time does.
    if (start !== undefined) return end === undefined || isNameLike(rest) ? { start, rest } : { start, end, rest }
  }
  const seconds = first !== 40 && first !== 91 ? SECONDS_RANGE.exec(line.slice(0, 64)) : null
  if (seconds) {
    const start = Number(seconds[1])
    const end = Number(seconds[2])
    if (end >= start) return { start, end, rest: line.slice(seconds[0].length) }
  }
  const head = line.slice(0, MAX_TIME + 1)
  let close = bracketed ? head.indexOf(first === 91 ? ']' : ')') : head.search(/\s/)
  if (close < 0 && !bracketed && line.length <= MAX_TIME) close = line.length
  if (close < 0) return undefined
  const start = parseClockTimestamp(line.slice(bracketed ? 1 : 0, close))
  if (start === undefined) return undefined
  return { start, rest: line.slice(close + 1).trim().replace(TIME_SEPARATOR, '') }
}

// The dash or bar some exports put between a time and the name beside it (`00:00:05 - Name`).
const TIME_SEPARATOR = /^[-–—|·][ \t]+/
// `Name - 00:00:05`, `Name | [0:05]`, `Name 00:00:05`: a name, a dash or bar or one space, a time ending the line.
// Markdown exports set the time in italics: `**Dwarkesh Patel** *00:00:00*`.
// `JORDAN SCHNEIDER, 00:00:05`: after a comma, as some exports write it.
const TRAILING_TIME = /^(\S.*?)(?:(?:[ \t]+[-–—|·]|,)[ \t]+[[(]?(\d[\d:.,]*)[\])]?|[ \t]([*_]{0,2})(\d[\d:.,]*)\3)$/

/** `Name - 00:00:05` as the name and its time; undefined unless the part before is name-like. */
const trailingTime = (line: string): LeadingTime | undefined => {
  if (line.length > MAX_OTTER_LINE || isDigitCode(line.charCodeAt(0))) return undefined
  const match = TRAILING_TIME.exec(line)
  const start = match ? parseClockTimestamp(match[2] ?? match[4]!) : undefined
  const name = bareName(match?.[1] ?? '')
  return start !== undefined && isNameLike(name) ? { start, rest: name } : undefined
}

// What speech opens with after a heading on its line: a capital, a digit or an opening quote.
/**
 * How speech opens after a label on its line: as a sentence does (a capital, a figure, a quote), or
 * broken off with dots or dashes (`... Criminals`, `-- about taxes`), or with a sum (`$930.`). The
 * turn splitter's labels (turns/labels.ts) ask the same of the speech after a dash.
 */
export const SPEECH_OPENING = String.raw`(?:[\p{Lu}\p{N}\p{Sc}"“‘'¿¡(\[…-]|\.\.\.)`
const SPEECH_START = new RegExp(`^${SPEECH_OPENING}`, 'u')

// A diarized voice (`Speaker 2 (00:01:02) can you hear us?`) heads speech that opens in lower case too.
const DIARIZED_VOICE = /^(?:speaker|spk)[ _]?\d{1,3}$/i

// The end of a range in a heading (`Name (00:00:02 - 00:00:14)`, as Riverside writes it).
const RANGE_END = /[ \t]*(?:-->|[-–—])[ \t]*\d[\d:.,]*$/

/**
 * `Name (00:12:31)`, `Name [00:12:31]` or `Name (00:12:31 - 00:12:40)` ending the line, or followed by
 * `:` and text, or by the text itself (`Lex Fridman (00:00:00) The following is…`, as Lex Fridman's
 * transcripts read once their markup is gone).
 */
const bracketedTime = (line: string): { name: string; start: number; rest?: string } | undefined => {
  const head = line.slice(0, MAX_NAME + 2 * MAX_TIME + 6)
  const open = head.search(/ [([]\d/)
  if (open <= 0) return undefined
  const closeChar = head[open + 1] === '(' ? ')' : ']'
  const close = head.indexOf(closeChar, open + 2)
  if (close < 0) return undefined
  const start = parseClockTimestamp(head.slice(open + 2, close).replace(RANGE_END, ''))
  // Sonix writes the colon before the time: `Name: [00:00:05] text`.
  const name = bareName(line.slice(0, open).replace(/[:：]$/, ''))
  if (start === undefined || !isNameLike(name)) return undefined
  const after = line.slice(close + 1).trimStart()
  if (after === '') return { name, start }
  if (after.startsWith(':')) return { name, start, rest: after.slice(1).trim() }
  if (SPEECH_START.test(after) || (DIARIZED_VOICE.test(name) && /^\p{Ll}/u.test(after))) return { name, start, rest: after }
  return undefined
}

/** Otter's heading, `Name  0:03`: a name, two or more spaces or a tab, then a time alone. */
const otterHeading = (raw: string): Heading | undefined => {
  const match = /^(\S.*?)(?: {2,}|\t)(\d[\d:.,]*)$/.exec(raw)
  if (!match) return undefined
  const start = parseClockTimestamp(match[2]!)
  const name = bareName(collapseWhitespace(match[1]!))
  return start !== undefined && isNameLike(name) ? { name, start } : undefined
}

/** What the format itself says about a line: its speaker and start, or that the markup makes it a heading. */
export interface Known {
  speaker?: string
  start?: number
  headingLevel?: number
}

export interface TimedLineReader {
  /**
   * Adds one line or block. `raw` may hold runs of spaces (they mark Otter headings); `known`
   * carries a speaker and start the format itself gave (HTML `<cite>`/`<time>`), which are then
   * taken as they are, without looking for timestamps in the text.
   */
  push: (raw: string, known?: Known) => void
  /** Notes a time the format gave between paragraphs, so the paragraph before it ends there. */
  markTime: (start: number) => void
  /** Ends the input (a heading with nothing under it is kept as text) and returns the paragraphs. */
  finish: () => Paragraph[]
}

/**
 * @example
 * const reader = createTimedLineReader()
 * reader.push('[00:03:12] Chris Miller: Yes.')
 * reader.finish() // [{ text: 'Chris Miller: Yes.', start: 192 }]
 */
export const createTimedLineReader = (): TimedLineReader => {
  const paragraphs: Paragraph[] = []
  let heading: Heading | undefined
  let lastStart: number | undefined
  // The paragraph the current line emitted, and the one the line before emitted (none for a heading).
  let pushed: Paragraph | undefined
  let lastPushed: Paragraph | undefined

  const markTime = (start: number) => {
    const previous = paragraphs.at(-1)
    // A segment that gave its own end (`[0.00 → 6.66]`, `98.41 101.07 A:`) keeps it: a pause may follow.
    if (previous && previous.end === undefined && lastStart !== undefined && lastStart <= start) previous.end = start
    lastStart = start
  }

  const emit = (text: string, speaker: string | undefined, start: number | undefined, segmentEnd?: number, headingLevel?: number) => {
    if (start !== undefined) markTime(start)
    const paragraph: Paragraph = { text }
    if (speaker) paragraph.speaker = speaker
    if (start !== undefined) paragraph.start = start
    // A timed segment (`[0.00 → 6.66]`) is a caption cue: it continues the sentence of the one before.
    if (segmentEnd !== undefined) {
      paragraph.end = segmentEnd
      paragraph.fragment = true
    }
    if (headingLevel !== undefined) paragraph.headingLevel = headingLevel
    paragraphs.push(paragraph)
    pushed = paragraph
  }

  /** A heading that will head nothing is text after all. */
  const dropHeading = () => {
    if (heading?.name) emit(heading.name, undefined, heading.start)
    heading = undefined
  }

  const setHeading = (next: Heading) => {
    // A lone time under a heading dates it; anything else replaces it.
    if (heading && (next.name !== '' || heading.name === '')) dropHeading()
    heading = heading ? { name: heading.name, start: next.start } : next
  }

  /**
   * A lone time right under a name alone on its line (`Jordan Schneider` then `00:00:02`) dates
   * that line, as `00:00:02 Jordan Schneider` would: the speech below keeps no time of its own.
   * A `Name:` line is a label already; the time dates its speech, as before.
   */
  const dateNameLine = (start: number): boolean => {
    const last = paragraphs.at(-1)
    if (heading || !last || last !== lastPushed || last.start !== undefined || last.speaker || !isNameLike(last.text) || last.text.endsWith(':')) return false
    paragraphs.pop()
    markTime(start)
    last.start = start
    paragraphs.push(last)
    return true
  }

  const push = (raw: string, known?: Known) => {
    const line = collapseWhitespace(raw)
    if (line === '') return
    lastPushed = pushed
    pushed = undefined
    pushLine(raw, line, known)
  }

  const pushLine = (raw: string, line: string, known: Known | undefined) => {
    if (known && (known.speaker !== undefined || known.start !== undefined)) {
      dropHeading()
      emit(line, known.speaker, known.start, undefined, known.headingLevel)
      return
    }
    const otter = raw.length <= MAX_OTTER_LINE ? otterHeading(raw.trim()) : undefined
    if (otter) {
      setHeading(otter)
      return
    }
    let body = line
    let start: number | undefined
    let segmentEnd: number | undefined
    const lead = leadingTime(line) ?? trailingTime(line)
    if (lead) {
      start = lead.start
      segmentEnd = lead.end
      // `(00:03:22):` alone is a continuation label: the time of what follows, no text of its own.
      body = lead.rest.startsWith(':') ? lead.rest.slice(1).trimStart() : lead.rest
    }
    const labelled = bracketedTime(body)
    if (labelled?.rest === undefined && labelled && start === undefined) {
      setHeading({ name: labelled.name, start: labelled.start })
      return
    }
    if (labelled?.rest !== undefined) {
      start ??= labelled.start
      body = labelled.rest ? `${labelled.name}: ${labelled.rest}` : `${labelled.name}:`
    }
    if (body === '') {
      if (start !== undefined && !dateNameLine(start)) setHeading({ name: '', start })
      return
    }
    let speaker: string | undefined
    if (heading) {
      const label = heading.name ? openingLabel(body) : undefined
      if (label !== undefined && label.toLowerCase() !== heading.name.toLowerCase()) {
        dropHeading()
      } else {
        start ??= heading.start
        // When the line repeats the heading's name as its label, the label in the text says it.
        if (label === undefined) speaker = heading.name || undefined
        heading = undefined
      }
    }
    emit(body, speaker, start, segmentEnd, known?.headingLevel)
  }

  const finish = () => {
    dropHeading()
    return paragraphs
  }

  return { push, markTime, finish }
}
