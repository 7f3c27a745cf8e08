/**
 * `podpipe claims`: claims across episodes, filtered as GET /api/claims filters them (the same
 * zod schema checks the flags, the same query answers), as a table that fits the terminal or as JSON.
 */
import { Option, type Command } from 'commander'
import { loadConfig } from '../config/index.js'
import { PodpipeError } from '../errors/index.js'
import { CLAIM_ORDERS, ClaimsQuery, MAX_PAGE, type ClaimHit } from '../query/index.js'
import { positiveInteger, quietOnClosedPipe } from './flags.js'
import { openQuerySource, type QuerySource } from './query-source.js'

export const CLAIMS_FORMATS = ['table', 'json'] as const
type ClaimsFormat = (typeof CLAIMS_FORMATS)[number]

export interface ClaimsFlags {
  speaker?: string
  entity?: string
  topic?: string
  kind?: string
  since?: string
  until?: string
  q?: string
  checkworthy?: boolean
  hedged?: boolean
  order?: string
  limit: number
  format: ClaimsFormat
  api?: string
}

const FILTERS = ['speaker', 'entity', 'topic', 'kind', 'since', 'until', 'q', 'checkworthy', 'hedged', 'order'] as const

/**
 * The flags as the API's query: strings parsed by ClaimsQuery, so a value the API refuses is
 * refused here, with the flag's name.
 * @example
 * claimsQuery({ speaker: 'mcguire', kind: 'prescriptive', limit: 20, format: 'table' })
 */
export const claimsQuery = (flags: ClaimsFlags): ClaimsQuery => {
  const raw: Record<string, string> = { limit: String(Math.min(flags.limit, MAX_PAGE)) }
  for (const f of FILTERS) if (flags[f] !== undefined) raw[f] = String(flags[f])
  const parsed = ClaimsQuery.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const flag = `--${String(issue?.path[0] ?? 'limit')}`
  throw new PodpipeError('CONFIG', `${flag}: ${issue?.message ?? 'not valid'}`, { input: flag })
}

/** Cuts to `width` characters (code points), marking the cut with an ellipsis. */
const fit = (text: string, width: number): string => {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim())
  return chars.length <= width ? chars.join('').padEnd(width) : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`
}

const COLUMNS = [
  { title: 'SPEAKER', width: 14, cell: (c: ClaimHit) => c.speakerName ?? c.speakerId },
  { title: 'KIND', width: 13, cell: (c: ClaimHit) => c.kind + (c.hedged ? '~' : '') },
  { title: 'SCORE', width: 5, cell: (c: ClaimHit) => (c.checkworthiness === undefined ? '-' : c.checkworthiness.toFixed(2)) + (c.checkworthy ? '*' : '') },
  { title: 'EPISODE', width: 24, cell: (c: ClaimHit) => `${c.episode.publishedAt?.slice(0, 10) ?? 'undated'} ${c.episode.title ?? c.episode.id}` },
]
/** On a narrow terminal the episode column gives way, down to its date, before the text goes below MIN_TEXT. */
const MIN_TEXT = 28
const MIN_EPISODE = 11

/**
 * One table line, the claim text filling what is left of `width` (undefined: no limit).
 * @example
 * claimsTableLine(undefined, 100) // the header
 */
export const claimsTableLine = (claim: ClaimHit | undefined, width: number | undefined): string => {
  const fixed = COLUMNS.reduce((n, col) => n + col.width + 2, 0)
  const shrink = width === undefined ? 0 : Math.min(COLUMNS[3]!.width - MIN_EPISODE, Math.max(0, MIN_TEXT - (width - fixed)))
  const text = claim === undefined ? 'TEXT' : claim.text.replace(/\s+/g, ' ').trim()
  const cells = COLUMNS.map((col, i) => fit(claim === undefined ? col.title : col.cell(claim), col.width - (i === 3 ? shrink : 0)))
  const room = width === undefined ? Infinity : Math.max(MIN_TEXT, width - fixed + shrink)
  return `${cells.join('  ')}  ${Array.from(text).length > room ? fit(text, room) : text}`.trimEnd()
}

/** Claims page by page until `limit` are read or none are left; `more` says whether some were left. */
async function* claimPages(source: QuerySource, query: ClaimsQuery, limit: number, end: { more: boolean }): AsyncGenerator<ClaimHit> {
  let left = limit
  let cursor = query.cursor
  for (;;) {
    const page = await source.claims({ ...query, limit: Math.min(left, MAX_PAGE), ...(cursor === undefined ? {} : { cursor }) })
    yield* page.items
    left -= page.items.length
    end.more = page.nextCursor !== null
    if (page.nextCursor === null || left <= 0) return
    cursor = page.nextCursor
  }
}

const write = (line: string): Promise<void> => new Promise((resolve, reject) => {
  // Waits for the reader when the pipe is full, so memory stays at one page whatever --limit is.
  if (process.stdout.write(line)) resolve()
  else process.stdout.once('drain', resolve).once('error', reject)
})

const terminalWidth = (): number | undefined => {
  if (process.stdout.isTTY) return process.stdout.columns
  const columns = Number(process.env.COLUMNS)
  return Number.isInteger(columns) && columns > 0 ? columns : undefined
}

const printClaims = async (source: QuerySource, flags: ClaimsFlags, query: ClaimsQuery): Promise<void> => {
  const end = { more: false }
  let shown = 0
  if (flags.format === 'json') {
    // One JSON array, written as it is read.
    for await (const claim of claimPages(source, query, flags.limit, end)) await write(`${shown++ === 0 ? '[\n' : ',\n'}${JSON.stringify(claim)}`)
    await write(shown === 0 ? '[]\n' : '\n]\n')
    return
  }
  const width = terminalWidth()
  await write(`${claimsTableLine(undefined, width)}\n`)
  for await (const claim of claimPages(source, query, flags.limit, end)) {
    await write(`${claimsTableLine(claim, width)}\n`)
    shown++
  }
  const legend = 'kind~ hedged, score* check-worthy'
  process.stderr.write(`${shown} claim(s)${end.more ? `, more with a higher --limit than ${flags.limit}` : ''}; ${legend}\n`)
}

export const registerClaims = (program: Command): void => {
  program
    .command('claims')
    .description('Claims across episodes as a table (or JSON), filtered as GET /api/claims filters them.')
    .option('--speaker <id>', 'only this speaker\'s claims (the speaker id: a lowercase surname, e.g. mcguire)')
    .option('--entity <id>', 'only claims about this entity id (e.g. china)')
    .option('--topic <topic>', 'only claims on this topic')
    .option('--kind <kind>', 'factual, predictive or prescriptive')
    .option('--since <date>', 'only episodes published on or after this date (ISO 8601)')
    .option('--until <date>', 'only episodes published before this date (ISO 8601)')
    .option('--q <words>', 'full-text search over the claim text (words, "phrases", or, -not)')
    .option('--checkworthy', 'only claims marked check-worthy')
    .option('--no-checkworthy', 'only claims marked not check-worthy')
    .option('--hedged', 'only hedged claims')
    .option('--no-hedged', 'only unhedged claims')
    .addOption(new Option('--order <order>', 'newest: newest episode first; checkworthiness: most check-worthy first').choices(CLAIM_ORDERS))
    .option('--limit <n>', 'how many claims to print', positiveInteger('--limit'), 50)
    .addOption(new Option('--format <format>', 'table fits the terminal; json is one array of claims with their episodes').choices(CLAIMS_FORMATS).default('table'))
    .option('--api <url>', 'read through this podpipe server\'s HTTP API (default: the database itself, or the server at PODPIPE_HOST:PODPIPE_PORT while it holds the embedded database)')
    .action(async (flags: ClaimsFlags) => {
      // Checked before anything is opened, so a typo costs no database start-up.
      const query = claimsQuery(flags)
      const source = await openQuerySource(loadConfig(), flags.api === undefined ? {} : { api: flags.api })
      try {
        await quietOnClosedPipe(printClaims(source, flags, query))
      } finally {
        await source.close()
      }
    })
}
