/**
 * The transcript stage: bytes or text in, paragraphs out. Decodes (decode.ts), picks the format
 * (detect-format.ts) and hands the text to that format's reader. Pure and synchronous.
 */
import { PodpipeError, isPodpipeError } from '../errors/index.js'
import type { TranscriptFormat, Warning } from '../record/index.js'
import { decodeInput } from './decode.js'
import { detectFormat } from './detect-format.js'
import { readHtml } from './html.js'
import { readJson } from './json.js'
import { readCsv } from './csv.js'
import { readSbv } from './sbv.js'
import { readSrt } from './srt.js'
import { readText } from './text.js'
import { readTtml } from './ttml.js'
import type { Paragraph, ReadResult } from './types.js'
import { readVtt } from './vtt.js'

export interface ReadOptions {
  /**
   * The format, or 'auto' to detect it from the content type, the content and the file name.
   * @defaultValue 'auto'
   */
  format?: 'auto' | TranscriptFormat
  /** File name or URL path, for its extension (the last clue auto-detection uses). */
  fileName?: string
  /** HTTP Content-Type or `podcast:transcript` type, with an optional charset. */
  contentType?: string
  /**
   * Largest input accepted, in bytes.
   * @defaultValue 20 MiB
   */
  maxBytes?: number
  /** Name of the input (path, URL, episode id) used in error messages. @defaultValue fileName, else 'transcript' */
  input?: string
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

// Readers that can drop a bad item say so in `warnings` rather than fail the document.
const READERS: Readonly<Record<TranscriptFormat, (text: string, warnings: Warning[]) => Paragraph[]>> = {
  html: readHtml,
  text: readText,
  vtt: readVtt,
  srt: readSrt,
  json: readJson,
  ttml: readTtml,
  sbv: readSbv,
  csv: readCsv,
}

const SOFT_HYPHEN = '\u00ad'

/**
 * Reads a transcript or post body in any supported format into paragraphs.
 * Throws PodpipeError: EMPTY_INPUT, BINARY_INPUT, TOO_LARGE, UNKNOWN_FORMAT or MALFORMED,
 * each naming the input.
 *
 * @example
 * const { format, paragraphs } = readTranscript(readFileSync('episode.vtt'), { fileName: 'episode.vtt' })
 */
export const readTranscript = (content: Uint8Array | string, options: ReadOptions = {}): ReadResult => {
  const { format = 'auto', fileName, contentType, maxBytes = DEFAULT_MAX_BYTES } = options
  const input = options.input ?? fileName ?? 'transcript'
  // NaN would compare false against every size and silently lift the limit.
  if (!(maxBytes > 0)) throw new PodpipeError('CONFIG', `maxBytes must be a positive number of bytes, got ${maxBytes}`, { input })
  const decoded = decodeInput(content, { maxBytes, input, contentType })
  const detected = detectFormat(decoded.text, { format, fileName, contentType, input })
  let paragraphs: Paragraph[]
  const readerWarnings: Warning[] = []
  try {
    paragraphs = READERS[detected.format](decoded.text, readerWarnings)
  } catch (err) {
    // Readers see only text; the input's name is added here, once.
    if (isPodpipeError(err) && err.input === undefined) throw new PodpipeError(err.code, err.message, { input, cause: err })
    throw err
  }
  if (paragraphs.length === 0) {
    throw new PodpipeError('EMPTY_INPUT', `the ${detected.format} transcript holds no text`, { input })
  }
  // A soft hyphen (`&shy;`, U+00AD) only says where a word may break: left in, it cut "transcrip­tion" in two words.
  for (const p of paragraphs) if (p.text.includes(SOFT_HYPHEN)) p.text = p.text.replaceAll(SOFT_HYPHEN, '')
  const warnings = [...decoded.warnings, ...detected.warnings, ...readerWarnings.map((w) => ({ ...w, message: `${input}: ${w.message}` }))]
  return { format: detected.format, paragraphs, warnings }
}
