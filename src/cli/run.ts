/**
 * The long-running commands. Each reads its configuration from the environment
 * (src/config: `podpipe help config` lists every variable), starts its part and
 * stops gracefully on SIGTERM/SIGINT.
 */
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { configMarkdownTable, describeConfig, loadConfig, redactSecrets } from '../config/index.js'
import { ALL_QUEUES, QUEUE, type QueueName } from '../queue/names.js'
import { PodpipeError } from '../errors/index.js'
import { ingestReport } from './ingest-report.js'
import { commaList } from './flags.js'

const queueList = (value: string): QueueName[] => {
  const names = commaList(value)
  const unknown = names.filter((q) => !(ALL_QUEUES as readonly string[]).includes(q))
  if (names.length === 0 || unknown.length > 0) {
    throw new PodpipeError('CONFIG', `--queues: unknown queue ${unknown.map((q) => `"${q}"`).join(', ') || '(none given)'}; the queues are ${ALL_QUEUES.join(', ')}`)
  }
  return names as QueueName[]
}

const positiveSeconds = (flag: string) => (value: string): number => {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new PodpipeError('CONFIG', `${flag} must be a positive number of seconds, got "${value}"`)
  return n
}

/** A feed given on the command line: a URL, or a local path the user chose (so file reads are allowed). */
const feedArgument = (feed: string): string => (/^[a-z][a-z0-9+.-]*:/i.test(feed) ? feed : resolve(feed))

// Loaded on use, so `podpipe analyze` and `--help` never load the queue and server stack.
const runtime = () => import('../../pipelines/runtime.js')
const scheduling = () => import('../../pipelines/feed-scheduler.js')
const registry = () => import('../feeds/index.js')
const server = () => import('../server/index.js')
const services = () => import('../services/index.js')

const say = (line: string) => process.stderr.write(`${line}\n`)

/** A worker that stopped on its own is not revived in place: exit 1 and let the supervisor restart us. */
const exitForRestart = async (queue: QueueName, close: () => Promise<void>) => {
  say(`podpipe: the ${queue} worker stopped on its own; closing and exiting 1 so the supervisor restarts this process`)
  await close().catch(() => {})
  process.exit(1)
}

export const registerRun = (program: Command): void => {
  program
    .command('start')
    .description('Run the scheduler, every worker and the dashboard server in one process (and, while REDIS_URL is unset and no Redis answers, a Redis of its own).')
    .action(async () => {
      const config = loadConfig()
      const [{ startWorkers, onShutdown }, { startFeedScheduler }, { startServer }, { ensureLocalRedis }, { openRegistry, countFeeds }] =
        await Promise.all([runtime(), scheduling(), server(), services(), registry()])
      // Registered before anything starts: a stop asked for while start-up still waits (on a
      // database that does not answer yet) closes what has started and exits 0, not by the signal.
      let stop = async (): Promise<void> => {}
      onShutdown(() => stop())
      const redis = await ensureLocalRedis(config, { say })
      stop = redis.stop
      try {
        const http = await startServer(config)
        stop = async () => { await http.close(); await redis.stop() }
        // The embedded PGlite is the server's; PostgreSQL gets a pool of its own, which like the
        // server's opens while the database is down and migrates when it answers.
        const own = config.databaseUrl || !http.queries ? await openRegistry(config, { openWhileDown: true }) : undefined
        const feeds = own ?? http.queries!
        const closeHttp = async () => { await own?.close(); await http.close() }
        stop = async () => { await closeHttp(); await redis.stop() }
        const workers = await startWorkers(config, undefined, { registry: feeds, onWorkerStopped: (queue) => void exitForRestart(queue, stop) })
        stop = async () => { await workers.close(); await closeHttp(); await redis.stop() }
        // An empty registry gets the feeds file (the bundled fixture by default): zero setup.
        const scheduler = await startFeedScheduler(config, { registry: feeds, importFeedsFile: true })
        // Redis last: the workers finish their jobs on it.
        stop = async () => {
          await scheduler.close()
          await workers.close()
          await closeHttp()
          await redis.stop()
        }
        const count = await countFeeds(feeds).then(String, () => 'unknown (the database does not answer yet)')
        say(`podpipe: feeds in the registry: ${count} (an empty one gets ${config.feedsFile}); records under ${config.dataDir}; dashboard ${http.dashboardUrl}`)
      } catch (err) {
        await stop().catch(() => {})
        throw err
      }
    })

  program
    .command('worker')
    .description('Run workers only: add these processes, on any machine sharing the Redis, to scale out.')
    .option('-q, --queues <names>', `comma list of queues (${ALL_QUEUES.join(',')}); default all, webhook only where PODPIPE_WEBHOOK_URL is set`)
    .action(async (flags: { queues?: string }) => {
      const config = loadConfig()
      const queues = flags.queues === undefined ? ALL_QUEUES : queueList(flags.queues)
      if (flags.queues !== undefined && queues.includes(QUEUE.webhook) && !config.webhook) {
        throw new PodpipeError('CONFIG', '--queues webhook: PODPIPE_WEBHOOK_URL and PODPIPE_WEBHOOK_SECRET must be set for this worker to send notices')
      }
      if (flags.queues !== undefined && queues.includes(QUEUE.polls) && !config.databaseUrl) {
        throw new PodpipeError('CONFIG', '--queues polls: poll batches read and write the feed registry, which without DATABASE_URL is the embedded database only podpipe start may hold; set DATABASE_URL, or let podpipe start poll')
      }
      const { startWorkers, onShutdown } = await runtime()
      const running = await startWorkers(config, queues, { onWorkerStopped: (queue) => void exitForRestart(queue, running.close) })
      say(`podpipe: workers running for ${running.workers.map((w) => w.name).join(', ')}`)
      onShutdown(running.close)
    })

  program
    .command('scheduler')
    .description('Run the feed scheduler only: claims the due feeds of the registry in batches (several may run at once on PostgreSQL: no feed is claimed twice).')
    .action(async () => {
      const config = loadConfig()
      const [{ onShutdown }, { startFeedScheduler }] = await Promise.all([runtime(), scheduling()])
      const scheduler = await startFeedScheduler(config, { importFeedsFile: true })
      say(`podpipe: scheduling the feeds of the registry (${config.databaseUrl ? 'PostgreSQL' : `PGlite under ${config.dataDir}`}), every ${config.polling.tickS} s`)
      onShutdown(scheduler.close)
    })

  program
    .command('serve')
    .description('Run the HTTP server only: queue dashboard at /queues, /healthz, /readyz, /metrics.')
    .action(async () => {
      const [{ onShutdown }, { startServer }] = await Promise.all([runtime(), server()])
      const http = await startServer(loadConfig())
      say(`podpipe: dashboard ${http.dashboardUrl}`)
      onShutdown(http.close)
    })

  program
    .command('ingest')
    .description('Poll one feed now, wait until each episode is published, failed, or checked unchanged in the stores; exit 1 unless every episode is published or unchanged.')
    .argument('<feed>', 'feed URL, or a path to a local feed file')
    .option('--force', 'process every episode again, ignoring remembered ETags and content hashes (retries failed episodes too)')
    .option('-s, --speakers <names>', 'speaker names as a hint, comma separated')
    .option('--no-workers', 'do not run workers in this process (they run elsewhere on the same Redis)')
    .option('--timeout <seconds>', 'stop waiting after this many seconds and list what is still in progress', positiveSeconds('--timeout'))
    .option('--stall-notice <seconds>', 'say why, while waiting, when no episode has moved on for this long', positiveSeconds('--stall-notice'), 30)
    .action(async (feed: string, flags: { force?: boolean; speakers?: string; workers: boolean; timeout?: number; stallNotice: number }) => {
      const config = loadConfig()
      const { ingestOnce } = await runtime()
      const { SingleBar, Presets } = await import('cli-progress')
      const bar = new SingleBar({ format: 'episodes {bar} {value}/{total} done | {unchanged} unchanged, {published} published, {failed} failed', stream: process.stderr, hideCursor: true }, Presets.shades_classic)
      let started = false
      const result = await ingestOnce(config, feedArgument(feed), (p) => {
        const payload = { unchanged: p.unchanged, published: p.published, failed: p.failed }
        if (!started) {
          bar.start(p.found, 0, payload)
          started = true
        }
        bar.setTotal(p.found)
        bar.update(p.unchanged + p.published + p.failed, payload)
      }, {
        startWorkers: flags.workers,
        ...(flags.force ? { force: true } : {}),
        ...(flags.speakers ? { speakers: commaList(flags.speakers) } : {}),
        ...(flags.timeout ? { timeoutMs: flags.timeout * 1000 } : {}),
        stallNoticeMs: flags.stallNotice * 1000,
        // On a line of its own: the progress bar redraws below it.
        onStall: (why) => say(redactSecrets(`\npodpipe: no episode has moved on for ${flags.stallNotice} s: ${why}; still waiting${flags.timeout ? ` (at most ${flags.timeout} s in all)` : ' (--timeout sets a limit)'}`)),
      })
      if (started) bar.stop()
      // Failure reasons come from workers and stores anywhere; a URL in one keeps no password.
      for (const line of ingestReport(feed, result, flags.timeout)) say(redactSecrets(line))
      process.exit(result.failed + result.inProgress > 0 ? 1 : 0)
    })

  program
    .command('config')
    .description('List the environment variables podpipe reads, with defaults (--markdown for the README table).')
    .option('--markdown', 'print a Markdown table')
    .action((flags: { markdown?: boolean }) => {
      if (flags.markdown) return void process.stdout.write(configMarkdownTable() + '\n')
      for (const row of describeConfig()) process.stdout.write(`${row.variable.padEnd(32)} ${row.default.padEnd(26)} ${row.description}\n`)
    })
}
