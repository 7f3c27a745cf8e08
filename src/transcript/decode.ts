/**
 * Bytes → text, refusing what is not a transcript before any reader sees it.
 * Order (formats.md §3.1): size limit, BOM, NUL bytes (binary), strict UTF-8, then the declared
 * charset, then windows-1252 for text that is mostly valid but not UTF-8. iconv-lite rather than
 * TextDecoder for legacy charsets: Node 20's TextDecoder('windows-1252') decodes as latin1.
 */
import iconv from 'iconv-lite'
import { PodpipeError } from '../errors/index.js'
import type { Warning } from '../record/index.js'
import { stripBom } from './whitespace.js'

export interface DecodeOptions {
  maxBytes: number
  /** Name used in error messages. */
  input: string
  /** HTTP Content-Type, for its `charset` parameter. */
  contentType?: string
}

export interface Decoded {
  text: string
  warnings: Warning[]
}

/** Share of undecodable characters above which input is binary rather than text in a legacy charset. */
const MAX_INVALID_SHARE = 0.3
/** Share of C0 control bytes (other than tab, line breaks, form feed, escape) above which input is binary. */
const MAX_CONTROL_SHARE = 0.02
/** Bytes looked at when judging whether input is binary. */
const SAMPLE_BYTES = 64 * 1024

const tooLarge = (size: number, options: DecodeOptions): PodpipeError =>
  new PodpipeError('TOO_LARGE', `${size} bytes is over the limit of ${options.maxBytes} bytes (raise it with --max-bytes, or the maxBytes option)`, { input: options.input })

const binary = (reason: string, options: DecodeOptions): PodpipeError =>
  new PodpipeError('BINARY_INPUT', `looks like binary data, not a transcript (${reason}); expected text: HTML, plain text, WebVTT, SRT or JSON`, { input: options.input })

const charsetOf = (contentType: string | undefined): string | undefined => {
  const match = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType) : null
  return match?.[1]?.toLowerCase()
}

const countInvalid = (text: string): number => {
  let invalid = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) invalid++
  return invalid
}

const countControls = (bytes: Uint8Array): number => {
  let controls = 0
  for (const byte of bytes) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) controls++
  return controls
}

/**
 * UTF-16 written without a byte order mark (some Windows and Java exports): text in Latin script
 * leaves every other byte NUL, the high bytes, and no other. Binary data has NULs anywhere.
 */
const utf16WithoutBom = (head: Uint8Array): 'utf16-le' | 'utf16-be' | undefined => {
  const pairs = head.length >> 1
  if (pairs < 8) return undefined
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenNul++
    if (head[i + 1] === 0) oddNul++
  }
  if (oddNul >= pairs * 0.9 && evenNul === 0) return 'utf16-le'
  if (evenNul >= pairs * 0.9 && oddNul === 0) return 'utf16-be'
  return undefined
}

const decodeBytes = (bytes: Uint8Array, options: DecodeOptions): Decoded => {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), warnings: [] }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16-le'), warnings: [] }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16-be'), warnings: [] }
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    const utf16 = utf16WithoutBom(bytes.subarray(0, SAMPLE_BYTES))
    if (utf16) return { text: iconv.decode(Buffer.from(bytes), utf16), warnings: [] }
    throw binary(`a NUL byte at offset ${nul}`, options)
  }
  const head = bytes.subarray(0, SAMPLE_BYTES)
  const controls = countControls(head)
  if (controls > head.length * MAX_CONTROL_SHARE) throw binary(`${controls} control bytes in the first ${head.length}`, options)
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warnings: [] }
  } catch {
    // Not UTF-8: text in a legacy charset, or binary.
  }
  const declared = charsetOf(options.contentType)
  const usable = declared && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared) ? declared : undefined
  if (!usable) {
    const sample = new TextDecoder('utf-8').decode(head)
    const invalid = countInvalid(sample)
    if (invalid > sample.length * MAX_INVALID_SHARE) {
      throw binary(`${invalid} of the first ${sample.length} characters are not valid UTF-8, and no charset was declared`, options)
    }
  }
  const charset = usable ?? 'windows-1252'
  return {
    text: iconv.decode(Buffer.from(bytes), charset),
    warnings: [{ code: 'LEGACY_ENCODING', message: `${options.input}: not valid UTF-8, decoded as ${charset}` }],
  }
}

/**
 * The input as text without a BOM, or a PodpipeError: TOO_LARGE, BINARY_INPUT or EMPTY_INPUT.
 *
 * @example
 * decodeInput(new Uint8Array([0xef, 0xbb, 0xbf, 0x48, 0x69]), { maxBytes: 1024, input: 'a.txt' }).text // 'Hi'
 */
export const decodeInput = (input: Uint8Array | string, options: DecodeOptions): Decoded => {
  let decoded: Decoded
  if (typeof input === 'string') {
    // A UTF-16 length bounds the UTF-8 size from below and, times 3, from above: count bytes only in between.
    if (input.length > options.maxBytes) throw tooLarge(Buffer.byteLength(input, 'utf8'), options)
    if (input.length * 3 > options.maxBytes) {
      const size = Buffer.byteLength(input, 'utf8')
      if (size > options.maxBytes) throw tooLarge(size, options)
    }
    const nul = input.indexOf('\0')
    if (nul >= 0) throw binary(`a NUL character at offset ${nul}`, options)
    const sample = input.length > SAMPLE_BYTES ? input.slice(0, SAMPLE_BYTES) : input
    const invalid = countInvalid(sample)
    if (invalid > sample.length * MAX_INVALID_SHARE) throw binary(`${invalid} of the first ${sample.length} characters are replacement characters`, options)
    decoded = { text: stripBom(input), warnings: [] }
  } else {
    if (input.length > options.maxBytes) throw tooLarge(input.length, options)
    if (input.length === 0) throw new PodpipeError('EMPTY_INPUT', 'the transcript is empty (0 bytes)', { input: options.input })
    decoded = decodeBytes(input, options)
  }
  if (decoded.text.trim() === '') {
    throw new PodpipeError('EMPTY_INPUT', decoded.text === '' ? 'the transcript is empty (0 bytes)' : 'the transcript holds only whitespace', { input: options.input })
  }
  return decoded
}
