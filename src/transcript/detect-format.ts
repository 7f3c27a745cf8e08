/**
 * Which reader gets the text. Auto-detection goes MIME type → content → file extension, cheap
 * and unambiguous checks first (as transcriptator's determineFormat): a declared type is trusted
 * unless the content carries an unmistakable signature of another format (a `WEBVTT` header, a
 * Podcasting 2.0 JSON object) or, declared as cues or JSON, does not even try to be them,
 * because feeds mislabel transcripts (`plain/txt`, formats.md §1.2).
 */
import { PodpipeError } from '../errors/index.js'
import { TRANSCRIPT_FORMATS, type TranscriptFormat, type Warning } from '../record/index.js'
import { isCsv, isDelimited } from './csv.js'
import { extensionOf, formatOfExtension, formatOfMime, mimeOf } from './format-names.js'
import { isHtml } from './html.js'
import { isJson } from './json.js'
import { isSbv } from './sbv.js'
import { isSrt } from './srt.js'
import { isTtml } from './ttml.js'
import { isVtt } from './vtt.js'

export interface DetectOptions {
  format?: 'auto' | TranscriptFormat
  fileName?: string
  contentType?: string
  /** Name used in error messages. */
  input: string
}

export interface Detected {
  format: TranscriptFormat
  /** What decided it, for warnings and debugging. */
  by: 'option' | 'content-type' | 'content' | 'extension' | 'default'
  warnings: Warning[]
}

// Formats whose content has a signature: a file named so without it is read by its content instead.
const CUE_OR_DATA: ReadonlySet<TranscriptFormat> = new Set(['srt', 'vtt', 'json', 'ttml', 'sbv', 'csv'])

/**
 * Whether a format with a signature (cues, JSON) was named for content that does not even try to
 * be it: no cue timing, no JSON value. Content that tries goes to its reader, which says what is
 * wrong; content that does not is read for what it is.
 */
const abandonsFormat = (text: string, format: TranscriptFormat): boolean => {
  if (!CUE_OR_DATA.has(format)) return false
  const head = text.trimStart().slice(0, 2048)
  if (format === 'ttml') return !isTtml(head)
  if (format === 'sbv') return !isSbv(head)
  if (format === 'csv') return !isDelimited(head)
  return format === 'json' ? !/^[[{]/.test(head) : !head.includes('-->')
}

// Text formats podpipe does not read, and containers that are not text at all: refuse them by name
// rather than read an XML caption file or a PDF as prose.
const UNSUPPORTED_EXTENSIONS = new Set([
  'xml', 'rss', 'atom', 'ass', 'ssa', 'sub', 'lrc', 'scc', 'stl',
  'pdf', 'doc', 'docx', 'odt', 'rtf', 'epub', 'zip', 'gz', 'mp3', 'm4a', 'wav', 'ogg', 'mp4', 'png', 'jpg',
])
const UNSUPPORTED_MIME = /^(?:audio|video|image|font)\/|^application\/(?:pdf|zip|gzip|msword|rtf|vnd\.|xml|rss\+xml|atom\+xml)|^text\/xml$/

const unknownFormat = (what: string, input: string): PodpipeError =>
  new PodpipeError('UNKNOWN_FORMAT', `${what}; podpipe reads ${TRANSCRIPT_FORMATS.join(', ')} (name one with --format, or the format option)`, { input })

/** Signatures no other format can carry. */
const strongSniff = (text: string): TranscriptFormat | undefined => {
  if (isVtt(text)) return 'vtt'
  if (isJson(text)) return 'json'
  if (isTtml(text)) return 'ttml'
  return undefined
}

const sniff = (text: string): TranscriptFormat | undefined => {
  const strong = strongSniff(text)
  if (strong) return strong
  const head = text.trimStart()
  // Any JSON object: the JSON reader then says what is missing, clearer than reading it as prose.
  if (/^\{\s*["}]/.test(head.slice(0, 64))) return 'json'
  if (isSrt(text)) return 'srt'
  if (isSbv(text)) return 'sbv'
  if (isCsv(text)) return 'csv'
  if (isHtml(text)) return 'html'
  return undefined
}

const HTML_PAGE = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i

const looksLikeXml = (text: string): boolean => /^<(?:\?xml|rss[\s>]|feed[\s>]|tt[\s>])/i.test(text.trimStart().slice(0, 64))

/**
 * @example
 * detectFormat('WEBVTT\n\n00:01.000 --> 00:02.000\nHi', { input: 'a' }).format // 'vtt'
 */
export const detectFormat = (text: string, options: DetectOptions): Detected => {
  const { format = 'auto', input } = options
  if (format !== 'auto') {
    if (!(TRANSCRIPT_FORMATS as readonly string[]).includes(format)) throw unknownFormat(`unknown format "${String(format)}"`, input)
    return { format, by: 'option', warnings: [] }
  }
  const mime = mimeOf(options.contentType)
  const declared = formatOfMime(mime)
  if (declared) {
    // WebVTT cues without the header are SubRip-shaped, and the SRT reader takes dot decimals.
    // Content that does not even try to be the declared cues or JSON (Whisper lines served as
    // application/x-subrip) is read for what it is, as a file named so would be.
    const abandoned = abandonsFormat(text, declared)
    const actual = strongSniff(text)
      ?? (declared === 'vtt' && isSrt(text) ? 'srt' : undefined)
      ?? (abandoned ? (sniff(text) ?? 'text') : undefined)
    // A whole web page where cues or JSON were promised is an error or sign-in page, not a transcript.
    if (abandoned && actual === 'html' && HTML_PAGE.test(text.trimStart().slice(0, 256))) {
      throw new PodpipeError('MALFORMED', `${input}: declared as ${mime} but the content is a web page (an error or sign-in page?), not a transcript`, { input })
    }
    if (actual && actual !== declared) {
      return {
        format: actual,
        by: 'content',
        warnings: [{ code: 'FORMAT_MISMATCH', message: `${input}: declared as ${mime} but the content is ${actual}; read as ${actual}` }],
      }
    }
    return { format: declared, by: 'content-type', warnings: [] }
  }
  const sniffed = sniff(text)
  if (sniffed) return { format: sniffed, by: 'content', warnings: [] }
  const extension = extensionOf(options.fileName)
  const byExtension = formatOfExtension(extension)
  // The content had none of the signatures of these formats: a `.srt` holding Whisper lines is text.
  if (byExtension && abandonsFormat(text, byExtension)) {
    return {
      format: 'text',
      by: 'content',
      warnings: [{ code: 'FORMAT_MISMATCH', message: `${input}: named .${extension} but the content is not ${byExtension}; read as text` }],
    }
  }
  if (byExtension) return { format: byExtension, by: 'extension', warnings: [] }
  if (UNSUPPORTED_EXTENSIONS.has(extension)) throw unknownFormat(`cannot read ".${extension}" files`, input)
  if (UNSUPPORTED_MIME.test(mime)) throw unknownFormat(`cannot read content of type ${mime}`, input)
  if (looksLikeXml(text)) throw unknownFormat('the content is XML (a feed?), not a transcript format', input)
  return { format: 'text', by: 'default', warnings: [] }
}
