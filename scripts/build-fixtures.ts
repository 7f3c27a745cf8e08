// Converts the seed podcast post into every transcript format podpipe reads: `npm run fixtures`.
// It knows the seed by itself (its three speaker names and where the transcript starts) and
// never calls podpipe's splitter, so the fixtures are an independent check of it.
// Timestamps are invented: each paragraph lasts its word count at 150 words per minute.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'

const SOURCE = '/work/shared/corpus/seed/000_66d8e60a35b94f19.txt'
const SOURCE_NAME = 'shared/corpus/seed/000_66d8e60a35b94f19.txt'
const OUT = new URL('../fixtures/seed/', import.meta.url)
const SPEAKERS = ['Chris McGuire', 'Chris Miller', 'Jordan Schneider'] as const
const TRANSCRIPT_START = 'Chris McGuire: Last night'
const SECONDS_PER_WORD = 60 / 150
const WORDS_PER_CUE = 16

interface Line {
  text: string
  /** Set on transcript lines that open with a label; `colon` is false for "Jordan Schneider If…". */
  label?: { name: string; colon: boolean }
  /** The speaker of a transcript line, labelled or carried over from the line before. */
  speaker?: string
  start?: number
  end?: number
}

const readSeed = (): { pre: Line[]; transcript: Line[] } => {
  const lines = readFileSync(SOURCE, 'utf8').split('\n')
  const first = lines.findIndex((l) => l.startsWith(TRANSCRIPT_START))
  if (first < 0) throw new Error(`${SOURCE}: no line starts with "${TRANSCRIPT_START}"`)
  const pre = lines.slice(0, first).filter((l) => l.trim() !== '').map((text) => ({ text }))
  const transcript: Line[] = []
  let speaker = ''
  let clock = 0
  for (const raw of lines.slice(first)) {
    if (raw.trim() === '') continue
    const name = SPEAKERS.find((s) => raw.startsWith(`${s}: `) || raw.startsWith(`${s} `))
    const colon = name !== undefined && raw.startsWith(`${name}: `)
    const text = name ? raw.slice(name.length + (colon ? 2 : 1)) : raw
    if (name) speaker = name
    const words = text.split(/\s+/).filter(Boolean).length
    const start = clock
    clock += Math.max(1, words) * SECONDS_PER_WORD
    transcript.push({ text, ...(name ? { label: { name, colon } } : {}), speaker, start, end: clock })
  }
  return { pre, transcript }
}

const pad = (n: number, width = 2): string => String(Math.floor(n)).padStart(width, '0')
const hms = (seconds: number): string => `${pad(seconds / 3600)}:${pad((seconds % 3600) / 60)}:${pad(seconds % 60)}`
const clock = (seconds: number, separator: '.' | ','): string => {
  const ms = Math.round(seconds * 1000)
  return `${hms(Math.floor(ms / 1000))}${separator}${pad(ms % 1000, 3)}`
}
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

interface Cue {
  line: Line
  /** First cue of the line (where the seed's label would go). */
  first: boolean
  text: string
  start: number
  end: number
}

/** Long paragraphs become several cues, each timed by its share of the paragraph's words. */
const toCues = (transcript: readonly Line[]): Cue[] => transcript.flatMap((line) => {
  const words = line.text.split(/\s+/).filter(Boolean)
  const cues: Cue[] = []
  const perWord = (line.end! - line.start!) / Math.max(1, words.length)
  for (let i = 0; i < Math.max(1, words.length); i += WORDS_PER_CUE) {
    const chunk = words.slice(i, i + WORDS_PER_CUE)
    cues.push({
      line, first: i === 0, text: chunk.join(' '),
      start: line.start! + i * perWord, end: line.start! + (i + chunk.length) * perWord,
    })
  }
  return cues
})

const html = (pre: readonly Line[], transcript: readonly Line[]): string => {
  const paragraphs = pre.map((l) => `<p>${escapeHtml(l.text)}</p>`)
  for (const line of transcript) {
    if (!line.label) paragraphs.push(`<p>${escapeHtml(line.text)}</p>`)
    else if (line.label.colon) paragraphs.push(`<p><strong>${line.label.name}:</strong> ${escapeHtml(line.text)}</p>`)
    else paragraphs.push(`<p><strong>${line.label.name}</strong> ${escapeHtml(line.text)}</p>`)
  }
  return `<!-- Derived from ${SOURCE_NAME} by scripts/build-fixtures.ts (Substack-style post body). -->\n${paragraphs.join('\n')}\n`
}

const timestampedText = (pre: readonly Line[], transcript: readonly Line[]): string => {
  const lines = pre.map((l) => l.text)
  for (const line of transcript) {
    const label = line.label ? `${line.label.name}${line.label.colon ? ':' : ''} ` : ''
    lines.push(`[${hms(line.start!)}] ${label}${line.text}`)
  }
  return `${lines.join('\n')}\n`
}

/** `everyCue`: repeat `<v Name>` on every cue (Buzzsprout) instead of only where the seed has a label. */
const vtt = (cues: readonly Cue[], everyCue: boolean): string => {
  const blocks = [
    'WEBVTT',
    `NOTE Derived from ${SOURCE_NAME} (the transcript part) by scripts/build-fixtures.ts.\n` +
      'Timestamps are invented: 150 words per minute. ' +
      (everyCue ? 'Every cue carries its <v Name>.' : 'Only the first cue of a labelled paragraph carries <v Name>.'),
  ]
  cues.forEach((cue, i) => {
    const voice = everyCue || (cue.first && cue.line.label) ? `<v ${cue.line.speaker}>` : ''
    blocks.push(`${i + 1}\n${clock(cue.start, '.')} --> ${clock(cue.end, '.')}\n${voice}${escapeHtml(cue.text)}`)
  })
  return `${blocks.join('\n\n')}\n`
}

/** SRT has no comments (see README.md). Labels are written in capitals, as many caption tools do. */
const srt = (cues: readonly Cue[]): string => cues.map((cue, i) => {
  const label = cue.first && cue.line.label ? `${cue.line.label.name.toUpperCase()}${cue.line.label.colon ? ':' : ''} ` : ''
  return `${i + 1}\n${clock(cue.start, ',')} --> ${clock(cue.end, ',')}\n${label}${cue.text}\n`
}).join('\n')

/** Podcasting 2.0 JSON: one segment per cue, the speaker on every segment; a paragraph's last segment ends in "\n". */
const json = (cues: readonly Cue[]): string => JSON.stringify({
  version: '1.0.0',
  segments: cues.map((cue, i) => ({
    speaker: cue.line.speaker,
    startTime: Math.round(cue.start * 1000) / 1000,
    endTime: Math.round(cue.end * 1000) / 1000,
    body: cues[i + 1]?.line === cue.line ? cue.text : `${cue.text}\n`,
  })),
}, null, 2) + '\n'

const main = (): void => {
  mkdirSync(OUT, { recursive: true })
  const { pre, transcript } = readSeed()
  const cues = toCues(transcript)
  const files: Record<string, string> = {
    'seed.txt': readFileSync(SOURCE, 'utf8'),
    'seed.html': html(pre, transcript),
    'seed.timestamped.txt': timestampedText(pre, transcript),
    'seed.vtt': vtt(cues, false),
    'seed.every-cue.vtt': vtt(cues, true),
    'seed.srt': srt(cues),
    'seed.json': json(cues),
  }
  for (const [name, content] of Object.entries(files)) writeFileSync(new URL(name, OUT), content)
  console.log(`fixtures/seed: ${Object.keys(files).join(', ')} from ${SOURCE_NAME} ` +
    `(${transcript.length} transcript paragraphs, ${cues.length} cues)`)
}

main()
