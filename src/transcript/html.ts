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
import { transcriptColumnsOf, type TableColumns } from './csv.js'
import { parseClockTimestamp, parseFieldTime, parseTranscriptTime } from './timestamp.js'
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
// Page furniture around a post that is nobody's speech: a sidebar, a form, the readers' comments
// (`<b>Mike Jones:</b> Great episode!` would read as a speaker), related posts, share buttons. Whole
// class or id words only: WordPress marks a post that takes comments `comments-open`.
const DROPPED = new Set(['aside', 'form'])
const FURNITURE = new Set(['comments', 'comment', 'comment-list', 'commentlist', 'comments-area', 'comment-respond', 'respond',
  'disqus_thread', 'sidebar', 'widget-area', 'related', 'related-posts', 'sharedaddy', 'share-buttons', 'social-share', 'newsletter'])
const isFurniture = (name: string, attributes: Record<string, string>): boolean => {
  if (DROPPED.has(name)) return true
  const words = `${attributes.class ?? ''} ${attributes.id ?? ''}`
  if (words.length === 1) return false
  for (const word of words.toLowerCase().split(/\s+/)) if (FURNITURE.has(word)) return true
  return false
}
const STRUCTURAL = new Set(['cite', 'time'])
// Elements a page marks as the speaker's name or the time by their class (`<p class="speaker">`).
const SPEAKER_CLASS = /(?:^|[\s_-])(?:speaker|speaker-?name|interlocutor|person|who|voice|name)(?:$|[\s_-])/i
const TIME_CLASS = /(?:^|[\s_-])(?:time|timestamp|timecode|start)(?:$|[\s_-])/i
const BOLD = new Set(['b', 'strong'])
const HEADING = /^h[1-6]$/
// A definition term heads its description as the lowest heading does (`<dt>Ann Lee</dt><dd>…</dd>`).
const TERM_LEVEL = 6
// A name in a bold lead: up to five capitalised words (`<strong>Tim Pritlove</strong> Hallo…`).
// How a cell of speech ends and a name does not: "Everything.", "Right?"; "Jr." and "J." end names.
const SENTENCE_END = /(?:[?!]|\p{L}{4,}\.)$/u
const BOLD_NAME = /^\p{Lu}[\p{L}\p{M}'’.-]*(?: (?:\p{Lu}[\p{L}\p{M}'’.-]*|de|van|von|da|di|le|la)){0,4}$/u
const TABLE_TIME = /^(?:\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?|\d{1,2}h\d{1,2}m\d{1,2}s)$/

interface TableRow {
  cells: string[]
  header: boolean
}

/**
 * A table row of a transcript table (time, speaker, text in some order) as one paragraph; a header
 * row (`<th>`) is dropped; any other row is undefined, and its cells are read as paragraphs.
 */
const transcriptRow = (row: TableRow, columns: TableColumns | undefined): { text: string; speaker?: string; start?: number } | 'header' | undefined => {
  const cells = row.cells.map((c) => collapseWhitespace(c))
  if (row.header) return 'header'
  // A header naming the columns (`Time`, `Speaker`, `Text`) says which cell is which.
  if (columns) {
    const named: { text: string; speaker?: string; start?: number } = { text: cells[columns.text!] ?? '' }
    const speaker = columns.speaker === undefined ? '' : cells[columns.speaker] ?? ''
    if (speaker) named.speaker = speaker.replace(/:$/, '')
    const time = columns.start === undefined ? '' : cells[columns.start] ?? ''
    const start = time ? parseTranscriptTime(time) ?? parseFieldTime(time) : Number.NaN
    if (Number.isFinite(start) && start >= 0) named.start = start
    return named
  }
  const timeAt = cells.findIndex((c) => TABLE_TIME.test(c))
  if (timeAt < 0 || cells.length < 2) return undefined
  // The text is the longest cell, but not a name when another cell is not one: "What changed?"
  // is shorter than "Jordan Schneider" beside it.
  const nameLike = cells.map((c) => BOLD_NAME.test(c.replace(/:$/, '')) && !SENTENCE_END.test(c))
  const speech = cells.some((c, i) => i !== timeAt && c !== '' && !nameLike[i])
  let textAt = -1
  for (let i = 0; i < cells.length; i++) {
    if (i === timeAt || (speech && nameLike[i])) continue
    if (textAt < 0 || cells[i]!.length > cells[textAt]!.length) textAt = i
  }
  const speakerAt = cells.findIndex((c, i) => i !== timeAt && i !== textAt && c !== '' && BOLD_NAME.test(c.replace(/:$/, '')))
  const row_: { text: string; speaker?: string; start?: number } = { text: cells[textAt] ?? '' }
  const start = parseTranscriptTime(cells[timeAt]!)
  if (start !== undefined) row_.start = start
  if (speakerAt >= 0) row_.speaker = cells[speakerAt]!.replace(/:$/, '')
  return row_
}

const HTML_START = /^<(?:!doctype\s+html|html|head|body|meta|p|div|span|cite|time|h[1-6]|ul|ol|li|blockquote|article|section|br|a|strong|em|b|i|table)[\s>/]/i

/** Starts with an HTML tag (not XML such as a feed or TTML captions, which ttml.ts reads). */
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
  // Page furniture being skipped: its tag, and how many of that tag opened inside it.
  let furniture: { tag: string; depth: number } | undefined
  let inHead = false
  // `<cite>`/`<time>` are structure only between paragraphs; inside one they are ordinary inline text.
  let structural: { tag: string; text: string } | undefined
  let pendingSpeaker: string | undefined
  let pendingStart: number | undefined
  // The level of the heading element (`<h3>`) the buffer is inside, if any.
  let headingLevel: number | undefined
  // An element classed as the speaker's name or the time: its text becomes the next paragraph's.
  let classed: { tag: string; kind: 'speaker' | 'time'; text: string; depth: number } | undefined
  // Where a bold run opened at the start of a paragraph, to read `<b>Name</b> text` as a label.
  let boldFrom: number | undefined
  // A bold name just became `Name: `: the colon the page writes after the bold run (`<b>Jordan</b>: Hi`) is that one.
  let afterBoldLabel = false
  let row: (TableRow & { cell?: string }) | undefined

  // The columns a transcript table's header row names, for the rows below it.
  let columns: TableColumns | undefined
  const endRow = (ended: TableRow) => {
    const parsed = transcriptRow(ended, columns)
    if (parsed === 'header') {
      columns = transcriptColumnsOf(ended.cells.map((c) => collapseWhitespace(c)))
      return
    }
    if (parsed) {
      if (parsed.text) reader.push(parsed.text, { speaker: parsed.speaker, start: parsed.start })
      return
    }
    for (const cell of ended.cells) if (cell.trim()) reader.push(collapseWhitespace(cell))
  }

  const flush = () => {
    // Collapsed first: runs of spaces in markup are indentation, not Otter's heading separator.
    const paragraphText = collapseWhitespace(buffer)
    buffer = ''
    bufferHasText = false
    if (!paragraphText) return
    reader.push(paragraphText, { speaker: pendingSpeaker, start: pendingStart, ...(headingLevel ? { headingLevel } : {}) })
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
    onopentag(name, attributes) {
      if (furniture) {
        if (name === furniture.tag) furniture.depth++
        return
      }
      if (!row && !classed && !structural && isFurniture(name, attributes)) {
        flush()
        furniture = { tag: name, depth: 0 }
        return
      }
      if (classed) {
        if (name === classed.tag) classed.depth++
        return
      }
      if (name === 'table') columns = undefined
      if (name === 'tr' && skipDepth === 0) {
        flush()
        row = { cells: [], header: true }
        return
      }
      if (row && (name === 'td' || name === 'th')) {
        if (name === 'td') row.header = false
        row.cell = ''
        return
      }
      if (row && row.cell !== undefined) return
      const className = attributes.class ?? ''
      if (className && skipDepth === 0 && !structural && !bufferHasText) {
        const kind = SPEAKER_CLASS.test(className) ? 'speaker' : TIME_CLASS.test(className) ? 'time' : undefined
        if (kind) {
          flush()
          classed = { tag: name, kind, text: '', depth: 0 }
          return
        }
      }
      if (BOLD.has(name) && !bufferHasText && skipDepth === 0) boldFrom = buffer.length
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
        headingLevel = HEADING.test(name) ? Number(name[1]) : name === 'dt' ? TERM_LEVEL : undefined
      }
    },
    ontext(data) {
      if (skipDepth > 0 || inHead || furniture) return
      if (classed) {
        classed.text += data
        return
      }
      if (row && row.cell !== undefined) {
        row.cell += data
        return
      }
      if (afterBoldLabel) {
        afterBoldLabel = false
        data = data.replace(/^[ \t]*[:：]/, '')
      }
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
      if (furniture) {
        if (name === furniture.tag && furniture.depth-- === 0) furniture = undefined
        return
      }
      if (classed) {
        if (name !== classed.tag) return
        if (classed.depth > 0) {
          classed.depth--
          return
        }
        const value = collapseWhitespace(classed.text).replace(/:$/, '')
        if (classed.kind === 'speaker' && value && value.length <= 80) pendingSpeaker = value
        else if (classed.kind === 'time' && parseClockTimestamp(value) !== undefined) {
          pendingStart = parseClockTimestamp(value)
          reader.markTime(pendingStart!)
        } else if (value) {
          buffer += ` ${value} `
          bufferHasText = true
        }
        classed = undefined
        return
      }
      if (row && (name === 'td' || name === 'th')) {
        row.cells.push(row.cell ?? '')
        row.cell = undefined
        return
      }
      if (row && name === 'tr') {
        endRow(row)
        row = undefined
        return
      }
      if (row && row.cell !== undefined) return
      if (BOLD.has(name) && boldFrom !== undefined) {
        const from = boldFrom
        boldFrom = undefined
        const lead = collapseWhitespace(buffer.slice(from))
        // `<strong>Tim Pritlove</strong> Hallo` → `Tim Pritlove: Hallo`, as the label convention in plain text.
        if (BOLD_NAME.test(lead) && buffer.slice(0, from).trim() === '') {
          buffer = `${lead}: `
          afterBoldLabel = true
        }
        return
      }
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
      if (BLOCKS.has(name)) {
        flush()
        headingLevel = undefined
      }
    },
  }, { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true })
  parser.write(text)
  parser.end()
  if (structural) endStructural(structural.tag, structural.text)
  flush()
  return { paragraphs: reader.finish(), sawBlock }
}
