/**
 * JSON transcripts → paragraphs: Podcasting 2.0 and the other common shapes (isJson lists them),
 * each segment mapped onto the Podcasting 2.0 names. Segments range from single words (the spec
 * example; Podnews, where spaces and punctuation are segments of their own) to caption lines
 * (Buzzsprout, Whisper), so segments are joined back into text and cut into sentence-sized
 * paragraphs per speaker, each keeping the times of its first and last segment.
 */
import { z } from 'zod'
import { PodpipeError } from '../errors/index.js'
import type { Warning } from '../record/index.js'
import { parseFieldTime } from './timestamp.js'
import type { Paragraph } from './types.js'
import { collapseWhitespace } from './whitespace.js'

// Some exporters write times as numeric strings ("1.5") or clock times ("00:01:05.500"), Google's
// Speech-to-Text as durations ("1.500s", or `{ seconds, nanos }` from its client libraries); read
// those, but never "" or null as 0.
const timeValue = (value: unknown): unknown => {
  if (typeof value === 'string' && value.trim() !== '') return parseFieldTime(value)
  if (isObject(value) && ('seconds' in value || 'nanos' in value)) return Number(value.seconds ?? 0) + Number(value.nanos ?? 0) / 1e9
  return value
}
const seconds = z.preprocess(timeValue, z.number().nonnegative())

/** One segment (podcast-namespace docs/examples/transcripts/transcripts.md); unknown keys are ignored. */
export const Podcast20Segment = z.object({
  speaker: z.string().nullish(),
  startTime: seconds,
  endTime: seconds.nullish(),
  body: z.string(),
})
export type Podcast20Segment = z.infer<typeof Podcast20Segment>

/**
 * A JSON transcript, in any of the common shapes: Podcasting 2.0 (`segments[].body/startTime`),
 * Whisper and whisperX (`segments[].text/start`, `speaker: "SPEAKER_00"`), podwhisperer
 * (`speakers` map + `segments[].speakerLabel`), AssemblyAI and Deepgram (`utterances`),
 * CouncilDataProject (`sentences[].speaker_name/start_time`), Rev (`monologues[].elements`), or a
 * bare array of segments. Cheap: looks at the first bytes only.
 */
export const isJson = (text: string): boolean => {
  const head = text.trimStart().slice(0, 400)
  if (head.startsWith('[')) return /^\[\s*\{\s*"/.test(head)
  return head.startsWith('{') && /"(?:version|segments|utterances|sentences|monologues|speakers|results|events|wireMagic|recognizedPhrases|words|result)"/.test(head)
}

const malformed = (reason: string): PodpipeError =>
  new PodpipeError('MALFORMED', `not a valid JSON transcript: ${reason}`)

const EXPECTED = 'expected "segments" (Podcasting 2.0, Whisper, whisperX, podwhisperer), "utterances" (AssemblyAI, Deepgram), "sentences" (CouncilDataProject), "monologues" (Rev), "results[].alternatives" (Google Speech-to-Text), "results.items" (Amazon Transcribe), "results[].type/alternatives" (Speechmatics), "recognizedPhrases" (Azure), "events[].segs" (YouTube json3), "result.transcription.utterances" (Gladia), "words" (ElevenLabs), "result[].word" (Vosk) or an array of segments'

/** `segments[3].startTime: Invalid input: expected number, received string` */
const describeIssue = (error: z.ZodError, prefix: readonly PropertyKey[] = []): string => {
  const issue = error.issues[0]
  const path = [...prefix, ...(issue?.path ?? [])]
  const where = path.length ? path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '') : 'the document'
  return `${where}: ${issue?.message ?? 'unexpected shape'}`
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

interface Located {
  /** Where the segments are, for messages: `segments`, `results.utterances`. */
  path: string
  items: unknown[]
  /** podwhisperer's `speakers: { spk_0: "Eoin" }`. */
  speakerNames?: Readonly<Record<string, string>>
}

const SEGMENT_KEYS = ['segments', 'utterances', 'sentences', 'monologues', 'audio_segments'] as const

/**
 * Google Speech-to-Text (and the Spotify Podcast Dataset, made with it): `results[]`, each with
 * `alternatives[0]` holding a `transcript` and its `words` (`startTime: "1.500s"`). With speaker
 * diarization the last result repeats every word of the file with its `speakerTag`, so then only it
 * is read; otherwise the words of every result, or each result's transcript when there are no words.
 */
const googleSegments = (results: readonly unknown[]): unknown[] | undefined => {
  const alternatives = results.map((r) => (isObject(r) && Array.isArray(r.alternatives) && isObject(r.alternatives[0]) ? r.alternatives[0] : undefined))
  if (!alternatives.some((a) => a !== undefined)) return undefined
  const wordsOf = (a: Json | undefined): unknown[] => (a && Array.isArray(a.words) ? a.words : [])
  const last = wordsOf(alternatives[alternatives.length - 1])
  if (last.length > 0 && last.every((w) => isObject(w) && w.speakerTag !== undefined)) return last
  const words = alternatives.flatMap(wordsOf)
  if (words.length > 0) return words
  let end = 0
  return results.map((r, i) => {
    const start = end
    const resultEnd = timeValue(isObject(r) ? r.resultEndTime ?? r.resultEndOffset : undefined)
    if (typeof resultEnd === 'number' && resultEnd) end = resultEnd
    return { body: alternatives[i]?.transcript ?? '', startTime: start, endTime: end }
  })
}

/**
 * Amazon Transcribe: `results.items`, one per word or punctuation mark (`alternatives[0].content`,
 * `start_time: "1.5"`; punctuation has no time), the speaker on the item (`speaker_label`) or, in
 * older outputs, in `results.speaker_labels.segments[].items` by start time.
 */
const awsSegments = (results: Json): unknown[] | undefined => {
  if (!Array.isArray(results.items) || !results.items.some((i) => isObject(i) && Array.isArray(i.alternatives))) return undefined
  const speakerAt = new Map<unknown, unknown>()
  const labels = isObject(results.speaker_labels) && Array.isArray(results.speaker_labels.segments) ? results.speaker_labels.segments : []
  for (const segment of labels) {
    if (!isObject(segment) || !Array.isArray(segment.items)) continue
    for (const item of segment.items) if (isObject(item)) speakerAt.set(item.start_time, item.speaker_label ?? segment.speaker_label)
  }
  let previous: { startTime: unknown; endTime: unknown; speaker: unknown } = { startTime: 0, endTime: 0, speaker: undefined }
  return results.items.map((item) => {
    if (!isObject(item)) return item
    const alternative = Array.isArray(item.alternatives) && isObject(item.alternatives[0]) ? item.alternatives[0] : {}
    // A punctuation mark belongs to the word before it.
    if (item.type === 'punctuation') return { body: alternative.content, startTime: previous.endTime, endTime: previous.endTime, speaker: previous.speaker }
    previous = { startTime: item.start_time, endTime: item.end_time, speaker: item.speaker_label ?? speakerAt.get(item.start_time) }
    return { body: alternative.content, ...previous }
  })
}

/**
 * Speechmatics: `results[]`, one per word or punctuation mark (`type`), `start_time`/`end_time` in
 * seconds, the text and the speaker (`S1`, `UU` for unknown) in `alternatives[0]`.
 */
const speechmaticsSegments = (results: readonly unknown[]): unknown[] | undefined => {
  if (!results.some((r) => isObject(r) && (r.type === 'word' || r.type === 'punctuation') && Array.isArray(r.alternatives))) return undefined
  return results.map((r) => {
    if (!isObject(r)) return r
    const alternative = Array.isArray(r.alternatives) && isObject(r.alternatives[0]) ? r.alternatives[0] : {}
    const speaker = typeof alternative.speaker === 'string' ? speechmaticsSpeaker(alternative.speaker) : undefined
    return { body: alternative.content, startTime: r.start_time, endTime: r.end_time, speaker }
  })
}
const speechmaticsSpeaker = (label: string): string => {
  const numbered = /^S(\d{1,3})$/.exec(label)
  return numbered ? `Speaker ${numbered[1]}` : label === 'UU' ? 'Unknown' : label
}

/**
 * Azure's batch transcription: `recognizedPhrases[]`, each with `nBest[0].display`, times in ticks
 * of 100 ns (`offsetInTicks`, `durationInTicks`) and, when diarized, a numbered `speaker` (named as
 * every shape's is, by normalizeSegment); phrases of several channels are put in time order.
 */
const azureSegments = (phrases: readonly unknown[]): unknown[] => phrases
  .map((p) => {
    if (!isObject(p)) return p
    const best = Array.isArray(p.nBest) && isObject(p.nBest[0]) ? p.nBest[0] : {}
    const offset = Number(p.offsetInTicks) / 1e7
    return { text: best.display ?? best.lexical, start: offset, end: offset + Number(p.durationInTicks ?? 0) / 1e7, speaker: p.speaker }
  })
  .sort((a, b) => (isObject(a) && isObject(b) ? Number(a.start) - Number(b.start) : 0))

/**
 * YouTube's json3 captions (as yt-dlp saves them): `events[]` with `tStartMs`, `dDurationMs` and
 * text pieces in `segs[].utf8`; events without text (window settings, line breaks) are left out.
 */
const youtubeSegments = (events: readonly unknown[]): unknown[] => events
  .filter((e) => isObject(e) && Array.isArray(e.segs) && e.segs.some((s) => isObject(s) && typeof s.utf8 === 'string' && s.utf8.trim() !== ''))
  .map((e) => {
    const event = e as Json
    const start = Number(event.tStartMs) / 1000
    const body = (event.segs as unknown[]).map((s) => (isObject(s) && typeof s.utf8 === 'string' ? s.utf8 : '')).join('')
    return { body, startTime: start, endTime: start + Number(event.dDurationMs ?? 0) / 1000 }
  })

/**
 * ElevenLabs' speech-to-text: `words[]`, each a word, a space (`type: 'spacing'`) or a sound
 * (`audio_event`), with `start`/`end` in seconds and a `speaker_id` (`speaker_0`) when diarized;
 * Vosk's: `result[]` of `{ word, start, end, conf }`. One segment a word, as Amazon's are.
 */
const wordListSegments = (words: readonly unknown[]): unknown[] | undefined => {
  if (!words.some((w) => isObject(w) && typeof (w.text ?? w.word) === 'string' && typeof w.start === 'number')) return undefined
  return words
    .filter((w) => isObject(w) && (w.type === undefined || w.type === 'word'))
    .map((w) => {
      const word = w as Json
      return { body: String(word.text ?? word.word).trim(), startTime: word.start, endTime: word.end, speaker: word.speaker_id ?? word.speaker }
    })
}

/** The array of segments in the document, wherever the shape keeps it. */
const locateSegments = (raw: unknown): Located => {
  if (Array.isArray(raw)) return { path: 'the document', items: raw }
  if (!isObject(raw)) throw malformed(`the document is not an object; ${EXPECTED}`)
  const speechmatics = Array.isArray(raw.results) ? speechmaticsSegments(raw.results) : undefined
  if (speechmatics) return { path: 'results', items: speechmatics }
  if (Array.isArray(raw.recognizedPhrases)) return { path: 'recognizedPhrases', items: azureSegments(raw.recognizedPhrases) }
  if (Array.isArray(raw.events)) return { path: 'events', items: youtubeSegments(raw.events) }
  const google = Array.isArray(raw.results) ? googleSegments(raw.results) : undefined
  if (google) return { path: 'results', items: google }
  const aws = isObject(raw.results) && !('audio_segments' in raw.results) ? awsSegments(raw.results) : undefined
  if (aws) return { path: 'results.items', items: aws }
  const names = isObject(raw.speakers) && Object.values(raw.speakers).every((v) => typeof v === 'string')
    ? raw.speakers as Record<string, string>
    : undefined
  const containers: Array<[string, Json]> = [['', raw]]
  if (isObject(raw.results)) containers.push(['results.', raw.results])
  if (isObject(raw.transcript)) containers.push(['transcript.', raw.transcript])
  // Gladia: `result.transcription.utterances`.
  if (isObject(raw.result) && isObject(raw.result.transcription)) containers.push(['result.transcription.', raw.result.transcription])
  for (const [prefix, container] of containers) {
    for (const key of SEGMENT_KEYS) {
      if (!(key in container)) continue
      const value = container[key]
      if (!Array.isArray(value)) throw malformed(`${prefix}${key}: Invalid input: expected array, received ${value === null ? 'null' : typeof value}`)
      return { path: `${prefix}${key}`, items: value, ...(names ? { speakerNames: names } : {}) }
    }
  }
  const words = Array.isArray(raw.words) ? wordListSegments(raw.words) : Array.isArray(raw.result) ? wordListSegments(raw.result) : undefined
  if (words) return { path: Array.isArray(raw.words) ? 'words' : 'result', items: words }
  // Deepgram without utterances: results.channels[0].alternatives[0].paragraphs.paragraphs
  const channels = isObject(raw.results) ? raw.results.channels : undefined
  const alternative = Array.isArray(channels) && isObject(channels[0]) && Array.isArray(channels[0].alternatives) ? channels[0].alternatives[0] : undefined
  const paragraphs = isObject(alternative) && isObject(alternative.paragraphs) ? alternative.paragraphs.paragraphs : undefined
  if (Array.isArray(paragraphs)) {
    const items = paragraphs.flatMap((p) => (isObject(p) && Array.isArray(p.sentences) ? p.sentences.map((s) => (isObject(s) ? { ...s, speaker: p.speaker } : s)) : [p]))
    return { path: 'results.channels[0].alternatives[0].paragraphs.paragraphs', items }
  }
  throw malformed(`segments: Invalid input: ${EXPECTED}`)
}

const first = (segment: Json, keys: readonly string[]): unknown => {
  for (const key of keys) if (segment[key] !== undefined && segment[key] !== null) return segment[key]
  return undefined
}

const wordsText = (words: unknown, separator = ' '): string | undefined => {
  if (!Array.isArray(words)) return undefined
  const parts: string[] = []
  for (const w of words) {
    if (typeof w === 'string') parts.push(w)
    else if (isObject(w)) {
      const value = first(w, ['punctuated_word', 'word', 'text', 'value', 'content'])
      if (typeof value === 'string') parts.push(value)
    }
  }
  return parts.length ? parts.join(separator) : undefined
}

/** One segment of any shape, mapped onto the Podcasting 2.0 names so one schema checks them all. */
const normalizeSegment = (value: unknown, names: Readonly<Record<string, string>> | undefined): unknown => {
  if (!isObject(value)) return value
  if ('body' in value && 'startTime' in value) return value
  // Rev's elements spell out their own spaces and punctuation; word lists do not.
  const text = first(value, ['body', 'text', 'transcript', 'content', 'value', 'word']) ?? wordsText(value.elements, '') ?? wordsText(value.words)
  let speaker = first(value, ['speaker_name', 'speakerName', 'speakerLabel', 'speaker_label', 'speaker', 'spk', 'speaker_id', 'speakerId', 'speakerTag'])
  if (speaker === undefined && typeof value.speaker_index === 'number') speaker = value.speaker_index
  if (typeof speaker === 'number') speaker = `Speaker ${speaker}`
  if (typeof speaker === 'string' && names?.[speaker]) speaker = names[speaker]
  // AssemblyAI names its voices by a letter alone ("A", "B"): a placeholder, not someone called A.
  else if (typeof speaker === 'string' && /^[A-Z]$/.test(speaker)) speaker = `Speaker ${speaker}`
  const timed = Array.isArray(value.elements) ? value.elements.filter((e): e is Json => isObject(e) && typeof e.ts === 'number') : []
  const start = first(value, ['startTime', 'start', 'start_time', 'startTimeSeconds', 'ts', 'from', 'offset', 'startOffset']) ?? timed[0]?.ts
  const end = first(value, ['endTime', 'end', 'end_time', 'endTimeSeconds', 'end_ts', 'to', 'endOffset']) ?? timed[timed.length - 1]?.end_ts
  return { speaker, startTime: start, endTime: end, body: text }
}

/** AssemblyAI and others count milliseconds: segments that last minutes on average are in ms. */
const toSeconds = (segments: Podcast20Segment[]): Podcast20Segment[] => {
  const durations = segments.filter((s) => s.endTime !== undefined && s.endTime !== null).map((s) => s.endTime! - s.startTime).sort((a, b) => a - b)
  const median = durations[Math.floor(durations.length / 2)] ?? 0
  const integers = segments.every((s) => Number.isInteger(s.startTime))
  if (!(integers && median > 100)) return segments
  return segments.map((s) => ({ ...s, startTime: s.startTime / 1000, ...(typeof s.endTime === 'number' ? { endTime: s.endTime / 1000 } : {}) }))
}

const parseDocument = (text: string, warnings: Warning[]): Podcast20Segment[] => {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw malformed(`the JSON does not parse (${(err as Error).message})`)
  }
  const located = locateSegments(raw)
  if (located.items.length === 0) throw malformed(`"${located.path}" is empty`)
  const segments: Podcast20Segment[] = []
  const problems: string[] = []
  located.items.forEach((value, index) => {
    const segment = Podcast20Segment.safeParse(normalizeSegment(value, located.speakerNames))
    if (segment.success) segments.push(segment.data)
    else problems.push(describeIssue(segment.error, [...(located.path === 'the document' ? [] : located.path.split('.')), index]))
  })
  if (segments.length === 0) throw malformed(`no segment is readable (${problems[0]})`)
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''
    warnings.push({ code: 'SEGMENTS_DROPPED', message: `${problems.length} of ${located.items.length} JSON segments dropped: ${problems[0]}${more}` })
  }
  return toSeconds(segments)
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
