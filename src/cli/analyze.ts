import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { Option, type Command } from 'commander'
import { analyzeDocument } from '../../pipelines/analyze.js'
import { PodpipeError } from '../errors/index.js'
import { TRANSCRIPT_FORMATS, type TranscriptFormat } from '../record/index.js'
import { formatExplanations } from '../nlp/index.js'

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

interface AnalyzeFlags {
  format: 'auto' | TranscriptFormat
  speakers?: string
  out?: string
  explain?: boolean
  maxBytes: number
  date?: string
  title?: string
  pretty: boolean
}

const positiveInt = (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new PodpipeError('CONFIG', `--max-bytes must be a positive integer, got "${value}"`)
  return n
}

const readInput = (file: string, maxBytes: number): Buffer => {
  let size: number
  try {
    const stat = statSync(file)
    if (!stat.isFile()) throw new PodpipeError('UNKNOWN_FORMAT', 'not a regular file', { input: file })
    size = stat.size
  } catch (err) {
    if (err instanceof PodpipeError) throw err
    throw new PodpipeError('FETCH_FAILED', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { input: file })
  }
  // Checked before reading so a huge file is refused without loading it.
  if (size > maxBytes) {
    throw new PodpipeError('TOO_LARGE', `${size} bytes is over the limit of ${maxBytes} bytes (raise it with --max-bytes)`, { input: file })
  }
  return readFileSync(file)
}

const isoDate = (value: string): string => {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw new PodpipeError('CONFIG', `--date must be a date such as 2025-10-10, got "${value}"`)
  return date.toISOString()
}

export const registerAnalyze = (program: Command): void => {
  program
    .command('analyze')
    .description('Read one transcript or post and print its episode record as JSON (no Redis, no network).')
    .argument('<file>', 'transcript or post: HTML, plain text, WebVTT, SRT or Podcasting 2.0 JSON')
    .addOption(new Option('-f, --format <format>', 'input format').choices(['auto', ...TRANSCRIPT_FORMATS]).default('auto'))
    .option('-s, --speakers <names>', 'speaker names as a hint, e.g. "Chris McGuire,Chris Miller"')
    .option('-o, --out <file>', 'write the record to a file instead of stdout')
    .option('--explain', 'also print, on stderr, why each sentence was or was not kept as a claim')
    .option('--date <iso>', 'episode date, to resolve dates such as "December 1st"')
    .option('--title <title>', 'episode title')
    .option('--max-bytes <n>', 'largest input accepted', positiveInt, DEFAULT_MAX_BYTES)
    .option('--no-pretty', 'print compact JSON')
    .action((file: string, flags: AnalyzeFlags) => {
      const content = readInput(file, flags.maxBytes)
      const speakers = flags.speakers?.split(',').map((name) => name.trim()).filter(Boolean).map((name) => ({ name }))
      const { record, explanations } = analyzeDocument({
        content,
        read: { format: flags.format, fileName: basename(file), maxBytes: flags.maxBytes, input: file },
        speakers,
        episode: { title: flags.title ?? null, publishedAt: flags.date ? isoDate(flags.date) : null },
        extract: { explain: flags.explain ?? false },
      })
      for (const warning of record.provenance.warnings ?? []) console.error(`podpipe: warning: ${file}: ${warning.message}`)
      const json = JSON.stringify(record, null, flags.pretty ? 2 : undefined) + '\n'
      if (flags.out) writeFileSync(flags.out, json)
      else process.stdout.write(json)
      if (flags.explain) process.stderr.write(formatExplanations(explanations) + '\n')
    })
}
