/**
 * CSV and TSV transcripts → paragraphs: the table exports of transcription and editing tools
 * (Descript, Sonix, Trint, Happy Scribe, Premiere Pro), a header row naming the columns and one
 * row per segment. Columns are found by their names, in any order: the text (required), the
 * speaker, the start and end times (seconds, or clock times such as `00:01:05.500`). Rows are
 * `fragment`s, as caption cues are: a segment may end mid-sentence, and the next of the same
 * speaker goes on with it.
 */
import { parse } from 'csv-parse/sync'
import { PodpipeError } from '../errors/index.js'
import type { Warning } from '../record/index.js'
import { parseFieldTime } from './timestamp.js'
import type { Paragraph } from './types.js'
import { splitLines, stripBom } from './whitespace.js'

// Header names, compared without case, spaces, dashes or underscores.
const COLUMNS = {
  text: ['text', 'transcript', 'transcription', 'content', 'caption', 'captions', 'utterance', 'sentence', 'words', 'dialogue', 'body', 'speech'],
  speaker: ['speaker', 'speakername', 'speakerlabel', 'name', 'voice', 'participant', 'person'],
  start: ['start', 'starttime', 'startseconds', 'starttimecode', 'begin', 'from', 'in', 'timecodein', 'time', 'timestamp', 'timecode'],
  end: ['end', 'endtime', 'endseconds', 'endtimecode', 'stop', 'to', 'out', 'timecodeout'],
} as const
type Column = keyof typeof COLUMNS
/** Where a table's columns are, by the names its header gives them; `text` is always found. */
export type TableColumns = Partial<Record<Column, number>>

const headerKey = (cell: string): string => cell.trim().toLowerCase().replace(/[\s_-]+/g, '')

/** Each column's index in the header row, where named; undefined without a text column. */
const columnsOf = (header: readonly string[]): TableColumns | undefined => {
  const found: TableColumns = {}
  header.forEach((cell, i) => {
    const key = headerKey(cell)
    for (const column of Object.keys(COLUMNS) as Column[]) {
      if (found[column] === undefined && (COLUMNS[column] as readonly string[]).includes(key)) found[column] = i
    }
  })
  return found.text === undefined ? undefined : found
}

/** A transcript table's columns: a text column and a speaker or a time beside it; undefined for any other table. */
export const transcriptColumnsOf = (header: readonly string[]): TableColumns | undefined => {
  const columns = columnsOf(header)
  return columns !== undefined && (columns.speaker !== undefined || columns.start !== undefined) ? columns : undefined
}

/** The delimiter of a header line: a tab where it has one, else a comma or a semicolon. */
const delimiterOf = (line: string): string | undefined => {
  if (line.includes('\t')) return '\t'
  if (line.includes(',')) return ','
  return line.includes(';') ? ';' : undefined
}

/** The first line of the text: a table's header row. */
const headerLine = (text: string): string => splitLines(stripBom(text).trimStart().slice(0, 500))[0] ?? ''

/** A first line with a delimiter: a table, whatever its columns (readCsv says which it lacks). */
export const isDelimited = (text: string): boolean => delimiterOf(headerLine(text)) !== undefined

/** A header row of at least two columns, one of them the text and one a speaker or a time. */
export const isCsv = (text: string): boolean => {
  const first = headerLine(text)
  const delimiter = delimiterOf(first)
  if (!delimiter) return false
  return transcriptColumnsOf(first.split(delimiter).map((cell) => cell.replace(/^"|"$/g, ''))) !== undefined
}

/** Seconds from a cell: a number of seconds or a clock time; undefined for an empty or unreadable cell. */
const seconds = (cell: string | undefined): number | undefined => {
  if (cell === undefined || cell.trim() === '') return undefined
  const n = parseFieldTime(cell)
  return Number.isFinite(n) && n >= 0 ? n : undefined
}

/**
 * Rows in file order. The file fails without a header naming a text column (MALFORMED, naming
 * the header it found), or when no row holds text; a time that cannot be read is left out of its
 * row with one warning (CSV_TIMES_DROPPED).
 *
 * @example
 * readCsv('Speaker,Start,Text\nAnn Lee,00:00:01,Hello.')
 * // [{ text: 'Hello.', speaker: 'Ann Lee', start: 1, fragment: true }]
 */
export const readCsv = (text: string, warnings: Warning[] = []): Paragraph[] => {
  const body = stripBom(text)
  const delimiter = delimiterOf(headerLine(body)) ?? ','
  let rows: string[][]
  try {
    rows = parse(body, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true })
  } catch (error) {
    throw new PodpipeError('MALFORMED', `not a valid ${delimiter === '\t' ? 'TSV' : 'CSV'} transcript: ${(error as Error).message}`)
  }
  const header = rows[0] ?? []
  const columns = columnsOf(header)
  if (!columns) {
    throw new PodpipeError('MALFORMED', `not a CSV transcript: no column of text in the header row (${header.slice(0, 6).map((c) => JSON.stringify(c)).join(', ')}); name one "text" or "transcript"`)
  }
  const paragraphs = rowParagraphs(rows, columns, warnings)
  if (paragraphs.length === 0) throw new PodpipeError('MALFORMED', 'not a CSV transcript: no row holds text')
  return paragraphs
}

/**
 * A table's rows after its header (`rows[0]`) as paragraphs, `fragment`s in file order, rows
 * without text left out. A time that cannot be read is left out of its row with one warning
 * (CSV_TIMES_DROPPED) for the table. Shared by CSV files and the tables of Markdown posts.
 */
export const rowParagraphs = (rows: readonly string[][], columns: TableColumns, warnings: Warning[]): Paragraph[] => {
  const header = rows[0] ?? []
  const paragraphs: Paragraph[] = []
  let badTimes = 0
  let firstBad = ''
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!
    const cellText = row[columns.text!]?.replace(/\s+/g, ' ').trim() ?? ''
    if (cellText === '') continue
    const paragraph: Paragraph = { text: cellText, fragment: true }
    const speaker = columns.speaker === undefined ? '' : row[columns.speaker]?.trim() ?? ''
    if (speaker) paragraph.speaker = speaker
    for (const [column, field] of [['start', 'start'], ['end', 'end']] as const) {
      const at = columns[column]
      if (at === undefined || (row[at] ?? '').trim() === '') continue
      const value = seconds(row[at])
      if (value === undefined) {
        if (badTimes++ === 0) firstBad = `row ${r + 1}, ${header[at]}: "${row[at]!.slice(0, 30)}"`
        continue
      }
      paragraph[field] = value
    }
    paragraphs.push(paragraph)
  }
  if (badTimes > 0) warnings.push({ code: 'CSV_TIMES_DROPPED', message: `${badTimes} time(s) that are neither seconds nor a clock time were left out: ${firstBad}` })
  return paragraphs
}
