import { isUtf8 } from 'node:buffer'
import iconv from 'iconv-lite'

const UTF8 = /^utf-?8$/i

/** Labels feeds use that iconv-lite knows under another name, or that are subsets of a superset. */
const ALIASES: Readonly<Record<string, string>> = {
  // GB2312 feeds routinely contain GBK characters; GBK is its superset.
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  'big5-hkscs': 'big5hkscs',
  'x-sjis': 'shift_jis',
}

const charsetOf = (label: string | undefined): string | null => {
  const name = label?.trim().replace(/^["']|["']$/g, '').toLowerCase()
  if (!name) return null
  const mapped = ALIASES[name] ?? name
  return iconv.encodingExists(mapped) ? mapped : null
}

const bomOf = (body: Buffer): { charset: string; length: number } | null => {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: 'utf-8', length: 3 }
  if (body[0] === 0xff && body[1] === 0xfe) return { charset: 'utf-16le', length: 2 }
  if (body[0] === 0xfe && body[1] === 0xff) return { charset: 'utf-16be', length: 2 }
  return null
}

/** `encoding="…"` from the XML declaration; declarations are ASCII, so latin1 reads them. */
const prologCharset = (body: Buffer): string | undefined =>
  /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(body.subarray(0, 512).toString('latin1'))?.[1]

const headerCharset = (contentType: string | undefined): string | undefined =>
  contentType ? /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType)?.[2] : undefined

const tidy = (text: string): string => {
  const noBom = text.replace(/^\uFEFF/, '')
  // Whitespace before the declaration makes the document not well-formed (formats.md §3.1).
  return /^\s+<\?xml/.test(noBom) ? noBom.trimStart() : noBom
}

/**
 * Decodes fetched bytes to text. Order (formats.md §3.1): a BOM wins; bytes that are valid
 * UTF-8 are UTF-8 whatever the labels claim (declarations lie); else the XML prolog's
 * `encoding=`, then the HTTP charset, skipping a label that claims UTF-8; else windows-1252,
 * the usual unlabelled legacy encoding. Legacy charsets go through iconv-lite because
 * Node 20's TextDecoder('windows-1252') decodes as latin1 (0x96 would not become "–").
 * Strips the BOM and any whitespace before `<?xml`.
 * @example decodeText(Buffer.from([0x96]), 'text/plain; charset=windows-1252') // '–'
 */
export const decodeText = (body: Buffer, contentType?: string): string => {
  const bom = bomOf(body)
  if (bom) return tidy(iconv.decode(body.subarray(bom.length), bom.charset))
  // Checked without decoding: a fatal TextDecoder built a string only to throw it away.
  if (isUtf8(body)) return tidy(body.toString('utf8'))
  const declared = [prologCharset(body), headerCharset(contentType)]
    .filter((label): label is string => label !== undefined && !UTF8.test(label.trim()))
    .map(charsetOf)
    .find((charset): charset is string => charset !== null)
  return tidy(iconv.decode(body, declared ?? 'windows-1252'))
}
