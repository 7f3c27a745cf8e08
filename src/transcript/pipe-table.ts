/**
 * Markdown pipe tables holding a transcript (`| Time | Speaker | Text |`, a separator row, one row
 * per segment), as Markdown exports and posts write them. Read like a CSV file's rows: columns
 * are found by their header names (csv.ts), and a table without a text column stays lines of text.
 */
import type { Warning } from '../record/index.js'
import { rowParagraphs, transcriptColumnsOf } from './csv.js'
import type { Paragraph } from './types.js'

// `|---|:---:|`, `--- | ---`: dashes with optional alignment colons between bars.
const SEPARATOR = /^\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$/

/** A row's cells, split at bars that Markdown does not escape (`\|`), without the outer bars. */
const cells = (line: string): string[] => {
  let row = line.trim()
  if (row.startsWith('|')) row = row.slice(1)
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1)
  return row.split(/(?<!\\)\|/).map((cell) => cell.replaceAll('\\|', '|').trim())
}

/**
 * The transcript table whose header row is `lines[at]`, if it is one: its rows as paragraphs and
 * the index of the first line after it. Undefined when no separator row follows or the header
 * names no text column with a speaker or a time beside it.
 *
 * @example
 * readPipeTable(['| Speaker | Text |', '|---|---|', '| Ann Lee | Hello. |'], 0)
 * // { paragraphs: [{ text: 'Hello.', speaker: 'Ann Lee', fragment: true }], end: 3 }
 */
export const readPipeTable = (lines: readonly string[], at: number, warnings: Warning[] = []): { paragraphs: Paragraph[]; end: number } | undefined => {
  const header = lines[at]
  const separator = lines[at + 1]
  if (header === undefined || separator === undefined || !header.includes('|') || !SEPARATOR.test(separator)) return undefined
  const head = cells(header)
  const columns = transcriptColumnsOf(head)
  if (!columns) return undefined
  const rows = [head]
  let end = at + 2
  while (end < lines.length && lines[end]!.includes('|')) rows.push(cells(lines[end++]!))
  return { paragraphs: rowParagraphs(rows, columns, warnings), end }
}
