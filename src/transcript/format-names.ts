import type { TranscriptFormat } from '../record/schema.js'

/**
 * The names a transcript format goes by: MIME types and file extensions. One table for the
 * reader's detection (detect-format.ts) and the feed's choice among `podcast:transcript` links
 * (src/feed/transcripts.ts), so a link the feed picks is one the reader can read.
 * SRT has several types because the spec changed its mind (`application/srt` →
 * `application/x-subrip`) and feeds kept both (formats.md §1.2).
 */
const MIME_FORMATS: Readonly<Record<string, TranscriptFormat>> = {
  'text/vtt': 'vtt',
  'application/x-subrip': 'srt',
  'application/srt': 'srt',
  'text/srt': 'srt',
  'text/x-srt': 'srt',
  'application/x-srt': 'srt',
  'application/json': 'json',
  'text/json': 'json',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/ttml+xml': 'ttml',
  'text/sbv': 'sbv',
  'text/x-sbv': 'sbv',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/tab-separated-values': 'csv',
}

const EXTENSION_FORMATS: Readonly<Record<string, TranscriptFormat>> = {
  vtt: 'vtt', webvtt: 'vtt', srt: 'srt', json: 'json', json3: 'json', html: 'html', htm: 'html', xhtml: 'html',
  txt: 'text', text: 'text', md: 'text', markdown: 'text', ttml: 'ttml', dfxp: 'ttml', sbv: 'sbv', csv: 'csv', tsv: 'csv',
}

/** The MIME type of a Content-Type value, lower case, without parameters. */
export const mimeOf = (contentType: string | null | undefined): string =>
  (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase()

/** The extension of a file name, path or URL (query and fragment ignored: `ep.srt?token=1` is srt). */
export const extensionOf = (fileName: string | null | undefined): string => {
  const path = (fileName ?? '').split(/[?#]/, 1)[0] ?? ''
  const base = path.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

/**
 * The format a Content-Type names, or undefined for one that names none: `text/plain` and
 * `application/octet-stream` are what hosts send for any file, so they leave it to the content.
 */
export const formatOfMime = (contentType: string | null | undefined): TranscriptFormat | undefined => {
  const mime = mimeOf(contentType)
  return MIME_FORMATS[mime] ?? (mime.endsWith('+json') ? 'json' : undefined)
}

export const formatOfExtension = (extension: string): TranscriptFormat | undefined => EXTENSION_FORMATS[extension]
