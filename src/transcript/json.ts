/**
 * Podcasting 2.0 JSON transcripts → paragraphs. Segments range from single words (the spec
 * example; Podnews, where spaces and punctuation are segments of their own) to caption lines
 * (Buzzsprout), so segments are joined back into text and cut into sentence-sized paragraphs
 * per speaker, each keeping the times of its first and last segment.
 */
import { z } from 'zod'
import { PodpipeError } from '../errors/index.js'
import type { Warning } from '../record/index.js'
import type { Paragraph } from './types.js'
import { collapseWhitespace } from './whitespace.js'

// Some exporters write times as numeric strings ("1.5"); read those, but never "" or null as 0.
const seconds = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
  z.number().nonnegative(),
)

/** One segment (podcast-namespace docs/examples/transcripts/transcripts.md); unknown keys are ignored. */
export const Podcast20Segment = z.object({
  speaker: z.string().nullish(),
  startTime: seconds,
  endTime: seconds.nullish(),
  body: z.string(),
})
export type Podcast20Segment = z.infer<typeof Podcast20Segment>

/** The document. Segments are checked one by one, so one bad segment is dropped, not the file. */
export const Podcast20Json = z.object({
  version: z.union([z.string(), z.number()]).optional(),
  segments: z.array(z.unknown()),
})
export type Podcast20Json = z.infer<typeof Podcast20Json>

/** An object that starts like the spec's document; cheap, so it only looks at the first bytes. */
export const isJson = (text: string): boolean => {
  const head = text.trimStart().slice(0, 200)
  return head.startsWith('{') && (head.includes('"version"') || head.includes('"segments"'))
}

const malformed = (reason: string): PodpipeError =>
  new PodpipeError('MALFORMED', `not a valid Podcasting 2.0 JSON transcript: ${reason}`)

/** `segments[3].startTime: Invalid input: expected number, received string` */
const describeIssue = (error: z.ZodError, prefix: readonly PropertyKey[] = []): string => {
  const issue = error.issues[0]
  const path = [...prefix, ...(issue?.path ?? [])]
  const where = path.length ? path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '') : 'the document'
  return `${where}: ${issue?.message ?? 'unexpected shape'}`
}

const parseDocument = (text: string, warnings: Warning[]): Podcast20Segment[] => {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw malformed(`the JSON does not parse (${(err as Error).message})`)
  }
  const document = Podcast20Json.safeParse(raw)
  if (!document.success) throw malformed(describeIssue(document.error))
  if (document.data.segments.length === 0) throw malformed('"segments" is empty')
  const segments: Podcast20Segment[] = []
  const problems: string[] = []
  document.data.segments.forEach((value, index) => {
    const segment = Podcast20Segment.safeParse(value)
    if (segment.success) segments.push(segment.data)
    else problems.push(describeIssue(segment.error, ['segments', index]))
  })
  if (segments.length === 0) throw malformed(`no segment is readable (${problems[0]})`)
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''
    warnings.push({ code: 'SEGMENTS_DROPPED', message: `${problems.length} of ${document.data.segments.length} JSON segments dropped: ${problems[0]}${more}` })
  }
  return segments
}

// A token that attaches to the word before it: closing punctuation, or a clitic split off a word.
const ATTACHES_LEFT = /^(?:[,.;:!?%…)\]}»”’]|['’](?:s|t|d|m|re|ve|ll)\b|n['’]t\b)/i
// A token after which the next one attaches: opening brackets and quotes.
const ATTACHES_RIGHT = /[([{«“‘]$/
const SENTENCE_END = /[.!?…]["'”’)\]]*$/

/** Whether a file spells out its word gaps: then a space is written only where a gap segment was. */
const hasExplicitGaps = (segments: readonly Podcast20Segment[]): boolean => {
  let gaps = 0
  for (const segment of segments) if (segment.body.trim() === '') gaps++
  return gaps * 5 >= segments.length
}

/**
 * One paragraph per sentence (or per run of one speaker, if shorter), `fragment: true`, with
 * `speaker`, `start` and `end` from the segments. Whitespace-only segments are dropped; words are
 * joined with a space except before punctuation.
 *
 * Segments that do not fit the shape are dropped, each counted in a warning pushed to `warnings`.
 *
 * @example
 * readJson('{"version":"1.0.0","segments":[{"speaker":"Luke","startTime":2.75,"endTime":3,"body":"Nooooo"}]}')
 * // [{ text: 'Nooooo', speaker: 'Luke', start: 2.75, end: 3, fragment: true }]
 */
export const readJson = (text: string, warnings: Warning[] = []): Paragraph[] => {
  const segments = parseDocument(text, warnings)
  const explicitGaps = hasExplicitGaps(segments)
  const paragraphs: Paragraph[] = []
  let current: Paragraph | undefined
  let gapBefore = false
  // The last word written: testing the growing paragraph text instead would flatten it on every word (quadratic).
  let previousBody = ''
  const close = () => {
    if (current) paragraphs.push(current)
    current = undefined
  }
  for (const segment of segments) {
    const body = collapseWhitespace(segment.body)
    if (body === '') {
      gapBefore = true
      continue
    }
    const speaker = segment.speaker?.trim() || undefined
    if (current && current.speaker !== speaker) close()
    const end = segment.endTime ?? segment.startTime
    if (!current) {
      current = { text: body, ...(speaker ? { speaker } : {}), start: segment.startTime, end, fragment: true }
    } else {
      const space = explicitGaps ? gapBefore : !ATTACHES_LEFT.test(body) && !ATTACHES_RIGHT.test(previousBody)
      current.text += space ? ` ${body}` : body
      current.end = Math.max(current.end ?? end, end)
    }
    gapBefore = false
    previousBody = body
    if (SENTENCE_END.test(body)) close()
  }
  close()
  if (paragraphs.length === 0) throw malformed('every segment is empty')
  return paragraphs
}
