/**
 * What WebVTT and SubRip cues share (TT's VTT reader reuses its SRT parser for the same reason):
 * the `start --> end` timing line and the cue payload, whose markup is stripped and whose
 * `<v Name>` voice spans (also found in SRT files converted from WebVTT) become speakers.
 */
import { PodpipeError } from '../errors/index.js'
import type { Warning } from '../record/index.js'
import { markupToText } from './markup-text.js'
import { parseTimestamp } from './timestamp.js'
import type { Paragraph } from './types.js'

const ARROW = '-->'

export interface CueTiming {
  start: number
  end: number
}

/**
 * Reads `start --> end [settings]` with the lenient timestamp grammar. Returns a reason instead
 * of throwing so each format can name its own line or cue.
 */
export const parseTimingLine = (line: string): CueTiming | string => {
  const arrow = line.indexOf(ARROW)
  if (arrow < 0) return `expected a timing line "start --> end", got "${line.trim()}"`
  const startText = line.slice(0, arrow).trim()
  const endText = line.slice(arrow + ARROW.length).trim().split(/[ \t]/, 1)[0] ?? ''
  const start = parseTimestamp(startText)
  if (start === undefined) return `cannot read the start time "${startText}" in "${line.trim()}"`
  const end = parseTimestamp(endText)
  if (end === undefined) return `cannot read the end time "${endText}" in "${line.trim()}"`
  return { start, end }
}

/**
 * Settles the blocks a cue reader could not read (`dropped`: each "line 105: cannot read the end
 * time …", in file order, out of `blocks` in all). A few are dropped with a warning, as browsers
 * drop a cue whose timing they cannot parse, so one corrupt line does not cost a two-hour file;
 * when they are half the blocks or more, the file is not one of this format's and fails, naming
 * the first.
 */
export const settleDroppedCues = (dropped: readonly string[], blocks: number, format: 'WebVTT' | 'SRT' | 'SBV', warnings: Warning[]): void => {
  if (dropped.length === 0) return
  if (dropped.length * 2 >= blocks) throw new PodpipeError('MALFORMED', `not valid ${format}: ${dropped[0]}`)
  const more = dropped.length > 1 ? ` (and ${dropped.length - 1} more)` : ''
  warnings.push({ code: 'CUES_DROPPED', message: `${dropped.length} of ${blocks} ${format} cues dropped: ${dropped[0]}${more}` })
}

// Inline cue timestamps (`<00:00:01.500>`) are karaoke timing, not text.
const INLINE_TIMESTAMP = /<\d[\d:.,]*>/g
// `<v Name>`, `<v.loud Name>`: the annotation after the first space or tab is the speaker.
const VOICE_TAG = /<v(?:\.[^\s>]*)?[ \t]+([^>]*)>/g

interface VoicePart {
  speaker?: string
  text: string
}

/** Splits a cue payload at its voice spans; text before the first span has no speaker. */
const splitVoices = (payload: string): VoicePart[] => {
  const parts: VoicePart[] = []
  let speaker: string | undefined
  let from = 0
  for (const match of payload.matchAll(VOICE_TAG)) {
    parts.push({ speaker, text: payload.slice(from, match.index) })
    speaker = markupToText(match[1] ?? '') || undefined
    from = match.index + match[0].length
  }
  parts.push({ speaker, text: payload.slice(from) })
  return parts
}

// ASS override blocks (`{\\an8}`) leak into SRT files made from other subtitle formats.
const ASS_OVERRIDE = /\{\\[^}]*\}/g

// A line of a two-voice subtitle: `- Where were you?` over `- At home.`, each voice after its dash.
const DIALOGUE_LINE = /^[ \t]*(?:<[^<>\n]*>)*[-–—][ \t]+\S/

/**
 * The lines of a payload as one text, or one text per voice when its lines after the first open
 * with a dash: subtitles put two speakers in one cue that way, and joined they would read as one.
 */
const dialogueLines = (text: string): string[] => {
  if (!text.includes('\n')) return [text]
  const lines = text.split('\n')
  if (!lines.some((line, i) => i > 0 && DIALOGUE_LINE.test(line))) return [text]
  const voices: string[] = []
  for (const line of lines) {
    if (voices.length === 0 || DIALOGUE_LINE.test(line)) voices.push(line)
    else voices[voices.length - 1] += `\n${line}`
  }
  return voices
}

/**
 * The payload's text, one part per voice span (text before the first span has no speaker) and
 * per dialogue line; parts left empty by stripping are dropped.
 */
export const cueParts = (payload: string): Array<{ text: string; speaker?: string }> => {
  const parts: Array<{ text: string; speaker?: string }> = []
  for (const voice of splitVoices(payload.replace(INLINE_TIMESTAMP, '').replace(ASS_OVERRIDE, ''))) {
    for (const line of dialogueLines(voice.text)) {
      const text = markupToText(line)
      if (text) parts.push(voice.speaker ? { text, speaker: voice.speaker } : { text })
    }
  }
  return parts
}

/**
 * Whether names written beside cues (identifiers, first lines) are the speakers': half the cues or
 * more carry one, and each name stands by two cues on average. Ids unique to each cue name no one.
 */
export const namesRecur = (names: readonly string[], cues: number): boolean =>
  names.length * 2 >= cues && new Set(names.map((n) => n.toLowerCase())).size * 2 <= names.length

// A cue's first line that is only a name: one to four capitalised words, a voice's number, no stop.
const NAME_FIRST_LINE = /^\p{Lu}[\p{L}\p{M}'’-]*(?: (?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}'’-]*|de|van|von|da|di|le|la|\d{1,3})){0,3}$/u

/**
 * Some caption exports name the speaker on the cue's first line, the speech below it
 * (`Jordan Schneider` / `Welcome to the show.`). Such a line is read as the cue's speaker only when
 * half the cues or more open with one and each name opens two cues on average, as cue identifiers
 * are (vtt.ts): a caption that breaks after a short capitalised phrase now and then is speech.
 */
export const createNameLines = () => {
  const named: Array<{ name: string; paragraph: Paragraph }> = []
  let cues = 0
  return {
    /** Notes one cue: its payload lines and the paragraphs made of them. */
    note(payload: readonly string[], cue: readonly Paragraph[]): void {
      cues++
      const first = payload[0]?.trim() ?? ''
      if (payload.length >= 2 && cue.length === 1 && first.length <= 40 && NAME_FIRST_LINE.test(first) && cue[0]!.text.startsWith(first)) named.push({ name: first, paragraph: cue[0]! })
    },
    /** Moves the names to the paragraphs' speakers where the file uses the convention. */
    apply(): void {
      if (!namesRecur(named.map((n) => n.name), cues)) return
      for (const { name, paragraph } of named) {
        if (paragraph.speaker) continue
        paragraph.speaker = name
        paragraph.text = paragraph.text.slice(name.length).trimStart()
      }
    },
  }
}

/** A cue's paragraphs: one per voice span and dialogue line, each a fragment with the cue's times. */
export const cueParagraphs = (payload: readonly string[], timing: CueTiming): Paragraph[] =>
  cueParts(payload.join('\n')).map((part) => ({ ...part, start: timing.start, end: timing.end, fragment: true }))

/**
 * Where the cue block starting at `from` ends: at an empty line. A line of spaces ends it only
 * when a new block follows: YouTube's captions put a line of one space inside their cues, while
 * other files leave trailing spaces on the blank lines between cues.
 */
export const cueBlockEnd = (lines: readonly string[], from: number): number => {
  let end = from
  while (end < lines.length && lines[end] !== '') {
    if (lines[end]!.trim() === '') {
      const next = lines[end + 1]
      if (next === undefined || next.trim() === '' || next.includes(ARROW) || lines[end + 2]?.includes(ARROW)) break
    }
    end++
  }
  return end
}

// A cue this short that only repeats the line above it is a roll-up step, not speech.
const ROLL_STEP_S = 0.05

const lineText = (line: string): string => markupToText(line.replace(INLINE_TIMESTAMP, ''))

/**
 * Drops the lines of roll-up captions that repeat what is already on screen. YouTube's automatic
 * captions show each line twice, first as the new line and then above the next one (and once
 * more alone, in a 10 ms cue), so read as written every line would be said twice. A cue's first
 * line is dropped when it repeats the last line of the cue before and the cue either says more
 * or lasts a roll-up step; a speaker who says "No." in two ordinary cues keeps both.
 *
 * @example
 * const unroll = createUnroller()
 * unroll(['we have'], { start: 0, end: 2 }) // ['we have']
 * unroll(['we have', 'to think'], { start: 2, end: 4 }) // ['to think']
 */
export const createUnroller = () => {
  let previousLast: string | undefined
  return (payload: readonly string[], timing: CueTiming): string[] => {
    // Only the first and last lines with text are compared, so only they are stripped of markup.
    let firstIndex = -1
    let lastIndex = -1
    let said = 0
    for (let i = 0; i < payload.length; i++) {
      if (payload[i]!.trim() === '') continue
      if (firstIndex < 0) firstIndex = i
      lastIndex = i
      said++
    }
    if (firstIndex < 0) return [...payload]
    const repeats = lineText(payload[firstIndex]!) === previousLast && (said > 1 || timing.end - timing.start <= ROLL_STEP_S)
    previousLast = lineText(payload[lastIndex]!)
    return repeats ? payload.filter((_, index) => index !== firstIndex) : [...payload]
  }
}
