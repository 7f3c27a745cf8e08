/**
 * HTML → paragraphs. Two shapes are read by one pass of htmlparser2 (lenient: real post bodies are
 * not well-formed, see formats.md §2.1):
 * - post bodies (Substack `<p><strong>Name:</strong> …</p>`, plain `<p>`s): every block element
 *   (`<p>`, `<li>`, headings, `<blockquote>`, …) is a paragraph; inline labels stay in the text;
 *   timestamps and `Name (0:00)` headings are read as in plain text (timed-lines.ts);
 * - the Podcasting 2.0 transcript fragment `<cite>Name:</cite><time>m:ss</time><p>…</p>`: a
 *   `<cite>` ending in a colon and a `<time>` holding a timestamp, standing between paragraphs,
 *   become the next paragraph's `speaker` and `start` (and the previous paragraph's `end`).
 */
import { Parser } from 'htmlparser2'
import type { Paragraph } from './types.js'
import { createTimedLineReader } from './timed-lines.js'
import { parseClockTimestamp } from './timestamp.js'
import { collapseWhitespace } from './whitespace.js'

const BLOCKS = new Set([
  'p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'div', 'section', 'article', 'main',
  'header', 'footer', 'aside', 'nav', 'ul', 'ol', 'dl', 'dt', 'dd', 'pre', 'table', 'thead', 'tbody',
  'tr', 'td', 'th', 'figure', 'figcaption', 'hr', 'br', 'body', 'html', 'address', 'details', 'summary',
])
// Content that is never read as text: code, styling, metadata, embedded documents.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'title', 'svg', 'math', 'iframe', 'object'])
// What may stand in <head>; any other tag ends it, as in a browser (an unclosed <head> is common).
const HEAD_CONTENT = new Set(['title', 'meta', 'link', 'base', 'style', 'script', 'noscript', 'template'])
const STRUCTURAL = new Set(['cite', 'time'])

const HTML_START = /^<(?:!doctype\s+html|html|head|body|meta|p|div|span|cite|time|h[1-6]|ul|ol|li|blockquote|article|section|br|a|strong|em|b|i|table)[\s>/]/i

/** Starts with an HTML tag (not XML such as a feed or TTML, which podpipe does not read as a transcript). */
export const isHtml = (text: string): boolean => {
  let head = text.trimStart().slice(0, 1024)
  // Comments and an XML prolog may precede an XHTML document.
  while (head.startsWith('<!--')) {
    const close = head.indexOf('-->')
    if (close < 0) return false
    head = head.slice(close + 3).trimStart()
  }
  if (head.startsWith('<?xml')) head = head.slice(Math.max(0, head.indexOf('?>') + 2)).trimStart()
  return HTML_START.test(head)
}

/**
 * Paragraphs in document order. Entities are decoded, script/style skipped, whitespace collapsed.
 * A body with no block element at all (plain text sent as HTML, as feed descriptions often are)
 * is split at its line breaks instead, so its lines stay apart as they would in the text reader.
 *
 * @example
 * readHtml('<cite>Travis:</cite><time>0:00</time><p>Hello</p>')
 * // [{ text: 'Hello', speaker: 'Travis', start: 0 }]
 */
export const readHtml = (text: string): Paragraph[] => {
  const blocks = parseHtml(text, false)
  return blocks.sawBlock ? blocks.paragraphs : parseHtml(text, true).paragraphs
}

const parseHtml = (text: string, breakAtNewlines: boolean): { paragraphs: Paragraph[]; sawBlock: boolean } => {
  const reader = createTimedLineReader()
  let sawBlock = false
  let buffer = ''
  // Kept alongside the buffer: testing the growing buffer itself would flatten it on every tag (quadratic).
  let bufferHasText = false
  let skipDepth = 0
  let inHead = false
  // `<cite>`/`<time>` are structure only between paragraphs; inside one they are ordinary inline text.
  let structural: { tag: string; text: string } | undefined
  let pendingSpeaker: string | undefined
  let pendingStart: number | undefined

  const flush = () => {
    // Collapsed first: runs of spaces in markup are indentation, not Otter's heading separator.
    const paragraphText = collapseWhitespace(buffer)
    buffer = ''
    bufferHasText = false
    if (!paragraphText) return
    reader.push(paragraphText, { speaker: pendingSpeaker, start: pendingStart })
    pendingSpeaker = undefined
    pendingStart = undefined
  }

  const endStructural = (tag: string, content: string) => {
    const value = collapseWhitespace(content)
    if (tag === 'cite' && value.endsWith(':')) {
      const name = value.slice(0, -1).trim()
      if (name) {
        pendingSpeaker = name
        return
      }
    }
    if (tag === 'time') {
      const start = parseClockTimestamp(value)
      if (start !== undefined) {
        pendingStart = start
        reader.markTime(start)
        return
      }
    }
    // Not the transcript form after all (a quotation's source, a date): keep it as text.
    buffer += ` ${content} `
    bufferHasText ||= /\S/.test(content)
  }

  const parser = new Parser({
    onopentag(name) {
      if (name === 'head') {
        inHead = true
        return
      }
      if (inHead && !HEAD_CONTENT.has(name)) inHead = false
      if (skipDepth > 0 || SKIPPED.has(name)) {
        if (SKIPPED.has(name)) skipDepth++
        return
      }
      if (structural) return
      if (STRUCTURAL.has(name) && !bufferHasText) {
        structural = { tag: name, text: '' }
        return
      }
      if (BLOCKS.has(name)) {
        sawBlock = true
        flush()
      }
    },
    ontext(data) {
      if (skipDepth > 0 || inHead) return
      if (structural) {
        structural.text += data
      } else if (breakAtNewlines && data.includes('\n')) {
        const lines = data.split('\n')
        lines.forEach((line, i) => {
          if (i > 0) flush()
          buffer += line
          bufferHasText ||= /\S/.test(line)
        })
      } else {
        buffer += data
        bufferHasText ||= /\S/.test(data)
      }
    },
    onclosetag(name) {
      if (name === 'head') {
        inHead = false
        return
      }
      if (SKIPPED.has(name)) {
        if (skipDepth > 0) skipDepth--
        return
      }
      if (skipDepth > 0) return
      if (structural) {
        if (name === structural.tag) {
          const { tag, text: content } = structural
          structural = undefined
          endStructural(tag, content)
        }
        return
      }
      if (BLOCKS.has(name)) flush()
    },
  }, { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true })
  parser.write(text)
  parser.end()
  if (structural) endStructural(structural.tag, structural.text)
  flush()
  return { paragraphs: reader.finish(), sawBlock }
}
