import type { TranscriptFormat } from '../record/schema.js'
import { extensionOf, formatOfExtension, formatOfMime, mimeOf } from '../transcript/format-names.js'
import { primaryLanguage } from './language.js'
import type { FeedEpisode, TranscriptLink } from './types.js'

// Text types that are not prose or a transcript format podpipe reads.
const UNREADABLE_TEXT = new Set(['text/xml', 'text/csv', 'text/tab-separated-values', 'text/calendar', 'text/css', 'text/javascript'])

/**
 * The transcript format a `podcast:transcript` link names: its type when that names one, else
 * its URL's extension, else text for any other `text/*` type (`text/markdown`); null for a link
 * podpipe cannot read. A generic type (`text/plain`, `plain/txt` is real) ranks a `.srt` link as
 * SubRip, not text. The reader decides again from the bytes (src/transcript/detect-format.ts).
 * @example transcriptFormat('application/x-subrip', 'https://x/ep.srt') // 'srt'
 */
export const transcriptFormat = (type: string | null | undefined, url: string): TranscriptFormat | null => {
  const mime = mimeOf(type)
  const otherText = mime.startsWith('text/') && !UNREADABLE_TEXT.has(mime)
  return formatOfMime(mime) ?? formatOfExtension(extensionOf(url)) ?? (otherText ? 'text' : null)
}

/** Richer formats first: JSON, VTT and TTML carry speakers and times, HTML and text may not. */
const PREFERENCE: readonly TranscriptFormat[] = ['json', 'vtt', 'ttml', 'srt', 'sbv', 'csv', 'html', 'text']

/**
 * Picks the transcript to read for an episode: JSON > VTT > TTML > SRT > SBV > CSV > HTML > text. Links in
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
