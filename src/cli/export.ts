/**
 * `podpipe export`: every record created or changed after a cursor, in change-feed order, each
 * once at its latest version, as NDJSON (whole records) or CSV (one row per claim), streamed to
 * stdout a page at a time; the cursor to continue from goes to stderr.
 */
import { Readable, type Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Option, type Command } from 'commander'
import { stringify } from 'csv-stringify'
import { loadConfig } from '../config/index.js'
import { PodpipeError } from '../errors/index.js'
import { ChangesQuery } from '../query/index.js'
import type { EpisodeRecord } from '../record/schema.js'
import { positiveInteger, quietOnClosedPipe } from './flags.js'
import { openQuerySource, type QuerySource } from './query-source.js'

/** Changes read per call; records are then fetched one at a time, so memory holds one record. */
const CHANGES_PAGE = 200

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** The CSV columns, one row per claim; offsets index into the text of turn `turn`. */
export const CLAIM_COLUMNS = [
  'episode_id', 'episode_published_at', 'claim_id', 'turn', 'speaker_id', 'speaker_name', 'kind',
  'checkworthiness', 'checkworthy', 'hedged', 'start', 'end', 'topics', 'entity_ids', 'text',
] as const
export type ClaimCsvRow = Record<(typeof CLAIM_COLUMNS)[number], string | number | boolean | null>

/**
 * One CSV row per claim of a record; lists are joined with `;`, a missing score is empty.
 * @example
 * claimCsvRows(record)[0] // { episode_id: 'ep-…', claim_id: 't3-s1', kind: 'factual', … }
 */
export const claimCsvRows = (record: EpisodeRecord): ClaimCsvRow[] => {
  const names = new Map(record.speakers.map((s) => [s.id, s.name]))
  return record.claims.map((c) => ({
    episode_id: record.id, episode_published_at: record.episode.publishedAt, claim_id: c.id, turn: c.turn,
    speaker_id: c.speakerId, speaker_name: names.get(c.speakerId) ?? null, kind: c.kind,
    checkworthiness: c.checkworthiness ?? null, checkworthy: c.checkworthy ?? null, hedged: c.hedged,
    start: c.start, end: c.end, topics: c.topics.join(';'), entity_ids: c.entityIds.join(';'), text: c.text,
  }))
}

export interface ExportPosition {
  /** The change-feed cursor after the last change read: pass it as --since to continue. */
  cursor: string
  records: number
}

/**
 * The records changed after `since`, in change-feed order, each once at its latest version: the
 * feed is read with `latest`, so a record changed again later is taken at that later change. At
 * most `limit` records; `position` says where to continue from, and is only advanced past a
 * change once its record has been handed on.
 */
export async function* changedRecords(source: QuerySource, since: string, position: ExportPosition, limit = Infinity): AsyncGenerator<EpisodeRecord> {
  position.cursor = since
  for (;;) {
    const page = await source.changes({ after: position.cursor, latest: true, limit: CHANGES_PAGE })
    for (const change of page.items) {
      if (position.records >= limit) return
      const record = await source.record(change.id)
      // Listed but gone (no store deletes records today): nothing to export for it.
      if (record !== undefined) {
        yield record
        position.records++
      }
      position.cursor = change.cursor
    }
    if (page.items.length < CHANGES_PAGE) return
  }
}

const csvStream = (): Transform => stringify({
  header: true,
  columns: [...CLAIM_COLUMNS],
  // The default writes true as 1 and false as nothing; a reader should not have to know that.
  cast: { boolean: (v) => String(v) },
})

async function* ndjsonLines(records: AsyncIterable<EpisodeRecord>): AsyncGenerator<string> {
  for await (const r of records) yield `${JSON.stringify(r)}\n`
}

async function* csvRows(records: AsyncIterable<EpisodeRecord>): AsyncGenerator<ClaimCsvRow> {
  for await (const r of records) yield* claimCsvRows(r)
}

/** Writes the export to `out` with backpressure (pipeline waits for the reader) and returns where it ended. */
export const writeExport = async (source: QuerySource, out: NodeJS.WritableStream, opts: { since: string; format: ExportFormat; limit?: number }): Promise<ExportPosition> => {
  const position: ExportPosition = { cursor: opts.since, records: 0 }
  const records = changedRecords(source, opts.since, position, opts.limit)
  if (opts.format === 'csv') await pipeline(Readable.from(csvRows(records)), csvStream(), out, { end: false })
  else await pipeline(Readable.from(ndjsonLines(records)), out, { end: false })
  return position
}

const cursorFlag = (value: string): string => {
  const parsed = ChangesQuery.shape.after.safeParse(value)
  if (!parsed.success) throw new PodpipeError('CONFIG', `--since: expected the cursor an earlier export printed (a whole number, 0 for the beginning), got "${value}"`, { input: '--since' })
  return parsed.data
}

export const registerExport = (program: Command): void => {
  program
    .command('export')
    .description('Stream every record created or changed after a cursor (each once, at its latest version, in change-feed order) to stdout; the cursor to continue from goes to stderr.')
    .option('--since <cursor>', 'continue after this cursor, as printed on stderr by an earlier export (default: from the beginning)', cursorFlag, '0')
    .addOption(new Option('--format <format>', 'ndjson: one whole record per line; csv: one row per claim').choices(EXPORT_FORMATS).default('ndjson'))
    .option('--limit <records>', 'stop after this many records (the printed cursor continues after the last one)', positiveInteger('--limit'))
    .option('--api <url>', 'read through this podpipe server\'s HTTP API (default: the database itself, or the server at PODPIPE_HOST:PODPIPE_PORT while it holds the embedded database)')
    .action(async (flags: { since: string; format: ExportFormat; limit?: number; api?: string }) => {
      const source = await openQuerySource(loadConfig(), flags.api === undefined ? {} : { api: flags.api })
      try {
        const end = await quietOnClosedPipe(writeExport(source, process.stdout, flags))
        process.stderr.write(`${end.cursor}\n`)
      } finally {
        await source.close()
      }
    })
}
