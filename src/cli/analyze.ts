import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { Option, type Command } from 'commander'
import { PodpipeError, withInput } from '../errors/index.js'
import { fsProblem } from './fs-problem.js'
import { commaList, positiveInteger } from './flags.js'
import { TRANSCRIPT_FORMATS, type TranscriptFormat } from '../record/schema.js'
import { mergeHints } from '../turns/hints.js'

// Loaded on use: its models and word lists cost every other command (and --help) a second at start.
const core = () => Promise.all([import('../analyze/index.js'), import('../nlp/format-explanation.js')])

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

interface AnalyzeFlags {
  format: 'auto' | TranscriptFormat
  speakers?: string
  hosts?: string
  guests?: string
  out?: string
  explain?: boolean
  maxBytes: number
  date?: string
  title?: string
  pretty: boolean
}

/** `-` as the file: the transcript comes on stdin (`curl … | podpipe analyze -`). */
const STDIN = '-'

const tooLarge = (size: number | string, maxBytes: number, input: string) =>
  new PodpipeError('TOO_LARGE', `${size} bytes is over the limit of ${maxBytes} bytes (raise it with --max-bytes)`, { input })

/** Stdin has no size up front: reading stops as soon as the limit is passed. */
const readStdin = async (maxBytes: number): Promise<Buffer> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length
    if (size > maxBytes) throw tooLarge(`at least ${size}`, maxBytes, 'stdin')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

const readInput = async (file: string, maxBytes: number): Promise<Buffer> => {
  if (file === STDIN) return readStdin(maxBytes)
  let size: number
  try {
    const stat = statSync(file)
    if (!stat.isFile()) throw new PodpipeError('UNKNOWN_FORMAT', 'not a regular file', { input: file })
    size = stat.size
  } catch (err) {
    if (err instanceof PodpipeError) throw err
    throw new PodpipeError('FETCH_FAILED', `cannot read the file: ${fsProblem(err, file)}`, { input: file })
  }
  // Checked before reading so a huge file is refused without loading it.
  if (size > maxBytes) throw tooLarge(size, maxBytes, file)
  return readFileSync(file)
}

const writeOutput = (out: string, json: string): void => {
  try {
    writeFileSync(out, json)
  } catch (err) {
    throw new PodpipeError('CONFIG', `cannot write the record (--out): ${fsProblem(err, out)}`, { input: out })
  }
}

const namesOf = (list: string | undefined): string[] => (list === undefined ? [] : commaList(list))

const isoDate = (value: string): string => {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw new PodpipeError('CONFIG', `--date must be a date such as 2025-10-10, got "${value}"`)
  return date.toISOString()
}

export const registerAnalyze = (program: Command): void => {
  program
    .command('analyze')
    .description('Read one transcript or post and print its episode record as JSON (no Redis, no network).')
    .argument('<file>', 'transcript or post: HTML, plain text, WebVTT, SRT, Podcasting 2.0 JSON, TTML, SBV or CSV/TSV; - reads stdin')
    .addOption(new Option('-f, --format <format>', 'input format').choices(['auto', ...TRANSCRIPT_FORMATS]).default('auto'))
    .option('-s, --speakers <names>', 'speaker names as a hint, e.g. "Chris McGuire,Chris Miller"')
    .option('--hosts <names>', 'the hosts\' names: hints that give the role "host", as a feed\'s podcast:person does')
    .option('--guests <names>', 'the guests\' names: hints that give the role "guest"')
    .option('-o, --out <file>', 'write the record to a file instead of stdout')
    .option('--explain', 'also print, on stderr, why each sentence was or was not kept as a claim')
    .option('--date <iso>', 'episode date, to resolve dates such as "December 1st"')
    .option('--title <title>', 'episode title')
    .option('--max-bytes <n>', 'largest input accepted', positiveInteger('--max-bytes'), DEFAULT_MAX_BYTES)
    .option('--no-pretty', 'print compact JSON')
    .action(async (file: string, flags: AnalyzeFlags) => {
      const [content, [{ analyzeDocument }, { formatExplanations }]] = await Promise.all([readInput(file, flags.maxBytes), core()])
      const input = file === STDIN ? 'stdin' : file
      const speakers = mergeHints([
        ...namesOf(flags.hosts).map((name) => ({ name, role: 'host' as const })),
        ...namesOf(flags.guests).map((name) => ({ name, role: 'guest' as const })),
      ], namesOf(flags.speakers))
      const { record, explanations } = analyzeDocument({
        content,
        read: { format: flags.format, ...(file === STDIN ? {} : { fileName: basename(file) }), maxBytes: flags.maxBytes, input },
        speakers,
        episode: { title: flags.title ?? null, publishedAt: flags.date ? isoDate(flags.date) : null },
        extract: { explain: flags.explain ?? false },
      })
      for (const warning of record.provenance.warnings ?? []) console.error(`podpipe: warning: ${withInput(input, warning.message)}`)
      const json = JSON.stringify(record, null, flags.pretty ? 2 : undefined) + '\n'
      if (flags.out) writeOutput(flags.out, json)
      else process.stdout.write(json)
      if (flags.explain) process.stderr.write(formatExplanations(explanations) + '\n')
    })
}
