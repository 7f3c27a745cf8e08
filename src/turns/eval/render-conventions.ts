/**
 * The same talk written in the labelling conventions transcripts come in (README, "Transcripts
 * podpipe reads"): a colon, capitals, bold Markdown, a Rev or Otter heading, WebVTT voices, SRT,
 * an HTML table, Podcasting 2.0 JSON, lower-case speech-to-text… A splitter that reads one of them
 * right should read every other the same way; `npm run eval` renders the turns of the gold files in
 * each and scores the splits against the same gold, so a convention that loses turns shows up as
 * a lower score on real speech, not only on the short cases the tests write by hand.
 */

export interface SpokenTurn {
  /** Null for speech the document gives no one: it is written without a label in every convention. */
  speaker: string | null
  /** The turn's paragraphs, as spoken; a convention may write them apart or run them together. */
  paragraphs: readonly string[]
  /** Seconds from the start of the episode. */
  start: number
}

export interface Convention {
  name: string
  /** The file name a reader would see, for its format sniffing. */
  fileName: string
  render: (turns: readonly SpokenTurn[]) => string
}

const two = (n: number): string => String(n).padStart(2, '0')
const clock = (seconds: number): string => `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(Math.floor(seconds % 60))}`
const minutes = (seconds: number): string => `${Math.floor(seconds / 60)}:${two(Math.floor(seconds % 60))}`
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Each turn as a block: its label line or prefix, then its paragraphs, blank lines between. */
const blocks = (turns: readonly SpokenTurn[], head: (turn: SpokenTurn & { speaker: string }) => string, separator = '\n\n'): string =>
  turns.map((t) => (t.speaker === null ? '' : head(t as SpokenTurn & { speaker: string })) + t.paragraphs.join(separator)).join(separator)

/** One cue or segment per paragraph, each with its turn's speaker and a share of its time. */
const segments = (turns: readonly SpokenTurn[]): Array<{ speaker: string | null; text: string; start: number; end: number }> =>
  turns.flatMap((t, i) => {
    const end = turns[i + 1]?.start ?? t.start + 5
    const step = Math.max(0, end - t.start) / t.paragraphs.length
    return t.paragraphs.map((text, k) => ({ speaker: t.speaker, text, start: t.start + k * step, end: t.start + (k + 1) * step }))
  })

const cueTime = (seconds: number, separator: string): string => `${clock(seconds)}${separator}${String(Math.round((seconds % 1) * 1000)).padStart(3, '0')}`

/** A name as a directory writes it, surname first: `Jordan Schneider` → `Schneider, Jordan`, `Aaron van Wirdum` → `van Wirdum, Aaron`. */
const surnameFirst = (name: string): string => {
  const words = name.split(' ')
  if (words.length < 2 || name.includes('.') || /^Unknown Speaker$|^Speaker \d/.test(name)) return name
  let k = words.length - 1
  while (k > 1 && /^\p{Ll}/u.test(words[k - 1]!)) k--
  return `${words.slice(k).join(' ')}, ${words.slice(0, k).join(' ')}`
}

/** Wraps a line at a page's width, as hard-wrapped exports and PDFs do. */
const wrap = (text: string, width: number): string => text.replace(new RegExp(`(.{1,${width}})(?:\\s+|$)`, 'g'), '$1\n').trim()

export const CONVENTIONS: readonly Convention[] = [
  { name: 'Name: text', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker}: `) },
  { name: 'NAME: text', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker.toUpperCase()}: `) },
  { name: '**Name:** text', fileName: 'episode.md', render: (turns) => blocks(turns, (t) => `**${t.speaker}:** `) },
  { name: 'Name (hh:mm:ss):', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker} (${clock(t.start)}):\n`) },
  { name: '[hh:mm:ss] Name: text', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `[${clock(t.start)}] ${t.speaker}: `) },
  { name: 'Name (hh:mm:ss) text', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker} (${clock(t.start)}) `) },
  { name: 'Name: hh:mm:ss over text', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker}: ${clock(t.start)}\n`) },
  { name: 'Otter `Name  m:ss`', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker}  ${minutes(t.start)}\n`) },
  { name: 'Teams `Surname, Given  m:ss`', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${surnameFirst(t.speaker)}   ${minutes(t.start)}\n`) },
  { name: 'hh:mm:ss Name over text', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${clock(t.start)} ${t.speaker}\n`) },
  { name: 'Name<TAB>hh:mm:ss over text', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker}\t${clock(t.start)}\n`) },
  { name: 'Name over text', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker}\n`) },
  { name: 'Name - text', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker} - `) },
  { name: '### Name', fileName: 'episode.md', render: (turns) => blocks(turns, (t) => `### ${t.speaker}\n\n`) },
  { name: '**Name** [hh:mm:ss]', fileName: 'episode.md', render: (turns) => blocks(turns, (t) => `**${t.speaker}** [${clock(t.start)}]\n\n`) },
  { name: 'Name: text, no blank lines', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker}: `, '\n') },
  { name: 'Name: text, wrapped at 68', fileName: 'episode.txt', render: (turns) => turns.map((t) => wrap(`${t.speaker === null ? '' : `${t.speaker}: `}${t.paragraphs.join(' ')}`, 68)).join('\n\n') },
  { name: 'lower case, no punctuation', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker.toLowerCase()}: `).toLowerCase().replace(/[.,?!;]/g, '') },
  { name: 'ALL CAPITALS', fileName: 'episode.txt', render: (turns) => blocks(turns, (t) => `${t.speaker}: `).toUpperCase() },
  {
    name: 'HTML <p><b>Name:</b>', fileName: 'episode.html',
    render: (turns) => `<html><body><article>${turns.map((t) => t.paragraphs.map((p, k) => `<p>${k === 0 && t.speaker !== null ? `<strong>${escapeHtml(t.speaker)}:</strong> ` : ''}${escapeHtml(p)}</p>`).join('')).join('')}</article></body></html>`,
  },
  {
    name: 'HTML <h3>Name</h3>', fileName: 'episode.html',
    render: (turns) => `<html><body><article>${turns.map((t) => `${t.speaker === null ? '' : `<h3>${escapeHtml(t.speaker)}</h3>`}${t.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}`).join('')}</article></body></html>`,
  },
  {
    name: 'HTML table', fileName: 'episode.html',
    render: (turns) => `<html><body><table><tr><th>Time</th><th>Speaker</th><th>Text</th></tr>${segments(turns).map((s) => `<tr><td>${clock(s.start)}</td><td>${escapeHtml(s.speaker ?? '')}</td><td>${escapeHtml(s.text)}</td></tr>`).join('')}</table></body></html>`,
  },
  {
    name: 'WebVTT <v Name>', fileName: 'episode.vtt',
    render: (turns) => `WEBVTT\n\n${segments(turns).map((s) => `${cueTime(s.start, '.')} --> ${cueTime(s.end, '.')}\n${s.speaker === null ? '' : `<v ${s.speaker}>`}${s.text}`).join('\n\n')}\n`,
  },
  {
    name: 'SRT `Name: text`', fileName: 'episode.srt',
    render: (turns) => `${segments(turns).map((s, i) => `${i + 1}\n${cueTime(s.start, ',')} --> ${cueTime(s.end, ',')}\n${s.speaker === null ? '' : `${s.speaker}: `}${s.text}`).join('\n\n')}\n`,
  },
  {
    name: 'Podcasting 2.0 JSON', fileName: 'episode.json',
    render: (turns) => JSON.stringify({ version: '1.0.0', segments: segments(turns).map((s) => ({ ...(s.speaker === null ? {} : { speaker: s.speaker }), startTime: s.start, endTime: s.end, body: s.text })) }),
  },
]
