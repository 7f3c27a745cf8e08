/**
 * What WebVTT and SubRip cues share (TT's VTT reader reuses its SRT parser for the same reason):
 * the `start --> end` timing line and the cue payload, whose markup is stripped and whose
 * `<v Name>` voice spans (also found in SRT files converted from WebVTT) become speakers.
 */
import { markupToText } from './markup-text.js'
import { parseTimestamp } from './timestamp.js'

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

/**
 * The payload's text, one part per voice span (text before the first span has no speaker);
 * parts left empty by stripping are dropped.
 */
export const cueParts = (payload: string): Array<{ text: string; speaker?: string }> => {
  const parts: Array<{ text: string; speaker?: string }> = []
  for (const voice of splitVoices(payload.replace(INLINE_TIMESTAMP, '').replace(ASS_OVERRIDE, ''))) {
    const text = markupToText(voice.text)
    if (text) parts.push(voice.speaker ? { text, speaker: voice.speaker } : { text })
  }
  return parts
}
