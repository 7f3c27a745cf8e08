/**
 * `podpipe feeds add|remove|list|import`: the feed registry from the command line. Each command
 * opens the registry's database (PostgreSQL with DATABASE_URL, else the embedded PGlite, which a
 * running `podpipe start` or `serve` holds: the command then says so and exits 2).
 */
import { resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { loadConfig, type Config } from '../config/index.js'
import { PodpipeError } from '../errors/index.js'
import { commaList } from './flags.js'
import type { AddResult, FeedRow, FeedSpec, OpenRegistry } from '../feeds/index.js'

// Loaded on use: `podpipe --help` stays free of the database drivers.
const feeds = () => import('../feeds/index.js')

const withRegistry = async <T>(config: Config, fn: (db: OpenRegistry, f: Awaited<ReturnType<typeof feeds>>) => Promise<T>): Promise<T> => {
  const f = await feeds()
  const db = await f.openRegistry(config)
  try {
    return await fn(db, f)
  } finally {
    await db.close()
  }
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i

/** A feed named on the command line: an http(s) URL as given, or a local path made absolute. */
export const feedLocation = (arg: string): string => {
  const given = arg.trim()
  const scheme = SCHEME.exec(given)?.[1]?.toLowerCase()
  if (scheme === undefined) return resolve(given)
  if (scheme === 'file') return given
  if (scheme !== 'http' && scheme !== 'https') {
    throw new PodpipeError('FORBIDDEN_SCHEME', `scheme ${scheme}: is not polled (an http or https URL, or a local file)`, { input: given })
  }
  try {
    new URL(given)
    return given
  } catch (err) {
    throw new PodpipeError('CONFIG', 'is not a valid URL', { input: given, cause: err })
  }
}

const speakerList = (value: string): string[] => {
  const names = commaList(value)
  if (names.length === 0) throw new PodpipeError('CONFIG', `--speakers: no names in "${value}" (give them comma separated: "Jordan Schneider,Chris Miller")`)
  return names
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export const describeAdd = (r: AddResult): string =>
  `${plural(r.added, 'feed')} added, ${r.updated} updated, ${r.unchanged} unchanged`

const iso = (d: Date | null): string => (d === null ? '-' : d.toISOString().replace(/\.\d{3}Z$/, 'Z'))

const duration = (s: number): string =>
  s % 86_400 === 0 ? `${s / 86_400}d` : s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`

/** The registry as an aligned table: what an operator checks (when next, how it went last). */
export const feedsTable = (rows: readonly FeedRow[]): string => {
  const cells = rows.map((f) => [
    f.id, duration(f.intervalS), iso(f.nextPollAt), iso(f.lastPolledAt),
    f.lastStatus === null ? '-' : f.consecutiveErrors > 0 ? `${f.lastStatus} (${f.consecutiveErrors} in a row)` : f.lastStatus,
    f.url,
  ])
  const head = ['id', 'every', 'next poll', 'last poll', 'last', 'url']
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: readonly string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ')
  return [line(head), ...cells.map(line)].join('\n')
}

const asJson = (f: FeedRow) => ({
  id: f.id, url: f.url, speakers: f.speakers ?? [], options: f.options, intervalS: f.intervalS,
  fixedInterval: f.minIntervalS !== null && f.minIntervalS === f.maxIntervalS,
  nextPollAt: f.nextPollAt.toISOString(), lastPolledAt: f.lastPolledAt?.toISOString() ?? null,
  lastStatus: f.lastStatus, lastError: f.lastError, consecutiveErrors: f.consecutiveErrors,
  etag: f.etag, lastModified: f.lastModified, addedAt: f.addedAt.toISOString(),
})

const out = (line: string): void => void process.stdout.write(`${line}\n`)

export const registerFeeds = (program: Command): void => {
  const cmd = program
    .command('feeds')
    .description('The feeds the scheduler polls, kept in the database (PostgreSQL with DATABASE_URL, else the embedded one under PODPIPE_DATA_DIR).')

  cmd
    .command('add')
    .description('Add a feed (or change its speakers); it is due at once.')
    .argument('<url>', 'feed URL, or a path to a local feed file')
    .option('-s, --speakers <names>', 'speaker names as a hint, comma separated', speakerList)
    .action(async (url: string, flags: { speakers?: string[] }) => {
      const config = loadConfig()
      const spec: FeedSpec = { url: feedLocation(url), ...(flags.speakers ? { speakers: flags.speakers } : {}) }
      const result = await withRegistry(config, (db, f) => f.importFeeds(db, [spec], config.polling, new Date()))
      out(`${spec.url}: ${result.added ? 'added' : result.updated ? 'updated' : 'already in the registry, unchanged'}`)
    })

  cmd
    .command('remove')
    .description('Remove a feed by URL or id (podpipe feeds list shows both), and forget its episodes: added again, it is read afresh.')
    .argument('<url-or-id>')
    .action(async (key: string) => {
      const config = loadConfig()
      // A relative path names the feed added from it, which the registry holds as an absolute path.
      const isPath = !key.startsWith('feed-') && !SCHEME.test(key)
      await withRegistry(config, async (db, f) => {
        const id = (await f.removeFeed(db, key)) ?? (isPath ? await f.removeFeed(db, resolve(key)) : undefined)
        if (id === undefined) throw new PodpipeError('CONFIG', 'no such feed in the registry (podpipe feeds list shows the URLs and ids)', { input: key })
        out(`${key}: removed`)
        // The feed is out of the registry either way, so this only warns: nothing polls it again.
        await f.forgetFeed(config, db, id).catch((err: unknown) => process.stderr.write(
          `podpipe: ${key}: removed, but what Redis remembers of its episodes was not cleared (${err instanceof Error ? err.message : String(err)}); ` +
          'added again, it would skip the episodes processed before\n'))
      })
    })

  cmd
    .command('list')
    .description('List the feeds with their interval, next and last poll.')
    .addOption(new Option('--format <format>', 'table or json').choices(['table', 'json']).default('table'))
    .action(async (flags: { format: 'table' | 'json' }) => {
      const rows = await withRegistry(loadConfig(), (db, f) => f.listFeeds(db))
      if (flags.format === 'json') return out(JSON.stringify(rows.map(asJson), null, 2))
      out(rows.length === 0 ? 'no feeds (add one with podpipe feeds add URL, or import a list with podpipe feeds import FILE)' : feedsTable(rows))
    })

  cmd
    .command('import')
    .description('Add every feed of a JSON feeds file ([{ "url", "cron", "speakers"? }]) or an OPML export; re-importing changes nothing.')
    .argument('<file>', 'feeds.json or an .opml file')
    .action(async (file: string) => {
      const config = loadConfig()
      const { readFeedList } = await feeds()
      const specs = await readFeedList(resolve(file))
      if (specs.length === 0) throw new PodpipeError('CONFIG', 'lists no feeds (OPML: outlines with an xmlUrl attribute)', { input: file })
      const result = await withRegistry(config, (db, f) => f.importFeeds(db, specs, config.polling, new Date()))
      out(`${file}: ${describeAdd(result)}`)
    })
}
