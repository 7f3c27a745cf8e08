import type { TranscriptFormat } from '../record/schema.js'
import { primaryLanguage } from './language.js'
import type { FeedEpisode, TranscriptLink } from './types.js'

/**
 * MIME types seen for each format. SRT has three because the spec changed its mind
 * (`application/srt` → `application/x-subrip`) and feeds kept both (formats.md §1.2).
 */
const BY_TYPE: Readonly<Record<string, TranscriptFormat>> = {
  'text/vtt': 'vtt',
  'application/srt': 'srt',
  'application/x-subrip': 'srt',
  'text/srt': 'srt',
  'application/json': 'json',
  'text/html': 'html',
  'text/plain': 'text',
}

const BY_EXTENSION: Readonly<Record<string, TranscriptFormat>> = {
  vtt: 'vtt', srt: 'srt', json: 'json', html: 'html', htm: 'html', txt: 'text',
}

const extensionOf = (url: string): string | null => {
  const path = url.split(/[?#]/)[0] ?? ''
  const match = /\.([a-z0-9]+)$/i.exec(path)
  return match?.[1]?.toLowerCase() ?? null
}

/**
 * The transcript format a `podcast:transcript` type names; a type we do not know
 * (`plain/txt` is real) falls back to the URL's extension, else null.
 * @example transcriptFormat('application/x-subrip', 'https://x/ep.srt') // 'srt'
 */
export const transcriptFormat = (type: string | null | undefined, url: string): TranscriptFormat | null => {
  const mime = (type ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const known = BY_TYPE[mime]
  if (known) return known
  const ext = extensionOf(url)
  return ext ? (BY_EXTENSION[ext] ?? null) : null
}

/** Richer formats first: JSON and VTT carry speakers and times, HTML and text may not. */
const PREFERENCE: readonly TranscriptFormat[] = ['json', 'vtt', 'srt', 'html', 'text']

/**
 * Picks the transcript to read for an episode: JSON > VTT > SRT > HTML > text. Links in
 * another language than the episode's (typically translated `rel="captions"`) are skipped
 * when one in the episode's own language exists; a link without a language is taken to
 * be in the episode's language, as the spec defaults it to the channel's.
 * @example selectTranscript(episode)?.format // 'json'
 */
export const selectTranscript = (ep: FeedEpisode): TranscriptLink | null => {
  const readable = ep.transcripts.filter((t) => t.format !== null)
  const episodeLanguage = primaryLanguage(ep.episode.language)
  const sameLanguage = (t: TranscriptLink): boolean =>
    !t.language || !episodeLanguage || primaryLanguage(t.language) === episodeLanguage
  const candidates = readable.some(sameLanguage) ? readable.filter(sameLanguage) : readable
  for (const format of PREFERENCE) {
    const found = candidates.find((t) => t.format === format)
    if (found) return found
  }
  return null
}
