// End to end on the local Redis: seed-sized episodes published per second through every queue
// with 1 and with 2 worker processes, beside the pure core's episodes per second in the same run.
// Workers run the built code (dist/, made by `npm run build`, which `npm run bench` runs first).
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { analyzeDocument } from '../src/analyze/index.js'
import { ingestOnce } from '../pipelines/runtime.js'
import { loadConfig, type AnalysisPlacement, type Config } from '../src/config/index.js'
import { QUEUE, createQueue, removePrefix } from '../src/queue/index.js'
import { Redis } from 'ioredis'

const ROOT = new URL('..', import.meta.url).pathname
const WORKER = join(ROOT, 'dist/pipelines/worker-main.js')
const SEED_FEED = join(ROOT, 'fixtures/feeds/seed-feed.xml')

export interface PipelineRow {
  name: string
  episodes: number
  ms: number
  episodesPerSec: number
  /**
   * CPU time per episode: of this process for the core; of the worker processes (every thread)
   * for the pipeline. Measured per process, so other work on a shared machine does not count.
   */
  cpuMsPerEpisode: number
  /** Redis's CPU per episode over the run: the whole server, so other users of it count too. */
  redisCpuMsPerEpisode?: number
  /**
   * The bench process's own CPU per episode over the run: ingestOnce waiting on the chains, as
   * `podpipe ingest` does. Not the pipeline's work, but on the cores the workers use.
   */
  waiterCpuMsPerEpisode?: number
  /** cpuMsPerEpisode of the worker processes by thread, summed over the processes (pipeline rows). */
  threads?: ThreadShare
  /**
   * The core beside this pipeline row: the mean of its runs just before and just after the row,
   * which the row's ratios use. A shared machine drifts by tens of percent within a minute, so
   * one core run at the start would bias every later ratio.
   */
  core?: { episodesPerSec: number; cpuMsPerEpisode: number }
  /** The core row: the slowest and fastest of its runs, episodes/s. */
  range?: [number, number]
}

/**
 * Where a worker process's CPU goes. Node 20 does not name its threads, so they are told apart by
 * what they do: the process's own thread runs the event loop; with analysis in threads, the
 * busiest other thread is the analysis thread; the rest are V8's (garbage collection, compiling)
 * and libuv's (file system calls, fsync).
 */
export interface ThreadShare {
  eventLoop: number
  analysisThread: number
  helpers: number
}

const CLOCK_TICK_MS = 10 // USER_HZ is 100 on Linux

/** To one decimal, as every figure of the table is printed and kept. */
const toTenth = (x: number): number => Math.round(x * 10) / 10

/** ms over a run of `episodes`, per episode, to 0.1 ms. */
const perEpisode = (ms: number, episodes: number): number => toTenth(ms / episodes)

/** Episodes a second over a run of `ms`, to 0.1. */
const episodesPerSecond = (episodes: number, ms: number): number => toTenth(episodes / (ms / 1000))

/** Several processes' shares summed, per episode. */
const sharePerEpisode = (shares: readonly ThreadShare[], episodes: number): ThreadShare => ({
  eventLoop: perEpisode(shares.reduce((n, s) => n + s.eventLoop, 0), episodes),
  analysisThread: perEpisode(shares.reduce((n, s) => n + s.analysisThread, 0), episodes),
  helpers: perEpisode(shares.reduce((n, s) => n + s.helpers, 0), episodes),
})

/** User + system CPU of a process, all its threads, in ms (Linux /proc); of one thread with `tid`. */
const processCpuMs = (pid: number, tid?: number): number => {
  const stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS
}

/** CPU ms of each thread of a process, by thread id (Linux /proc). */
const threadCpuMs = (pid: number): Map<number, number> =>
  new Map(readdirSync(`/proc/${pid}/task`).map((tid) => [Number(tid), processCpuMs(pid, Number(tid))]))

const shareOf = (pid: number, before: Map<number, number>, after: Map<number, number>, analysis: AnalysisPlacement): ThreadShare => {
  const used = [...after].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)] as const)
  const eventLoop = used.find(([tid]) => tid === pid)?.[1] ?? 0
  const others = used.filter(([tid]) => tid !== pid).map(([, ms]) => ms).sort((a, b) => b - a)
  const analysisThread = analysis === 'threads' ? (others.shift() ?? 0) : 0
  return { eventLoop, analysisThread, helpers: others.reduce((n, ms) => n + ms, 0) }
}

const redisCpuMs = async (redis: Redis): Promise<number> => {
  const info = await redis.info('cpu')
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0)
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000
}

/**
 * Episodes each worker process (and each core process) handles before the clock starts
 * (PODPIPE_BENCH_WARMUP, 200). The rows measure what an episode costs a worker that has been
 * running a while, as workers do. A worker has more code to compile than the core (two isolates,
 * BullMQ, the stores) and goes on compiling for longer: counted with --log-code, TurboFan
 * compiled 229 and 175 functions in a worker's first two 2-second spans and 13–46 in each of the
 * next six, where --trace-opt saw the core's fall below 10 every 5 s after its first 10 s. With 20
 * episodes of warm-up and 200 timed (PODPIPE_BENCH_EPISODES, now 1,000), the clock ran within
 * those first seconds: the one-process row read 1.65× the core's CPU, against 1.49× with 200 and
 * 1,000 in the same hour.
 */
const WARM_EPISODES_PER_PROCESS = (() => {
  const given = process.env.PODPIPE_BENCH_WARMUP
  const n = Number(given ?? 200)
  if (!Number.isInteger(n) || n < 1) throw new Error(`PODPIPE_BENCH_WARMUP: "${given}" is not a whole number of episodes above 0`)
  return n
})()

/** The seed feed's episode item, repeated `n` times with distinct guids. */
const episodeFeed = (n: number, tag: string): string => {
  const xml = readFileSync(SEED_FEED, 'utf8')
  const items = xml.match(/<item>[\s\S]*?<\/item>/g) ?? []
  const episode = items.find((item) => item.includes('<enclosure'))
  if (!episode) throw new Error(`${SEED_FEED}: no episode item with an enclosure`)
  const copies = Array.from({ length: n }, (_, i) => episode.replace(/<guid([^>]*)>([^<]*)<\/guid>/, `<guid$1>$2-${tag}-${i}</guid>`))
  return xml.replace(/<item>[\s\S]*<\/item>/, copies.join('\n'))
}

const env = (prefix: string, dataDir: string, episodes: number, analysis: AnalysisPlacement): Record<string, string> => ({
  PODPIPE_ANALYSIS: analysis,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  PODPIPE_QUEUE_PREFIX: prefix,
  PODPIPE_DATA_DIR: dataDir,
  PODPIPE_STORES: 'file',
  PODPIPE_MAX_ITEMS_PER_FEED: String(episodes),
  PODPIPE_FEED_MAX_BYTES: String(1 << 30),
  PODPIPE_CONCURRENCY: process.env.PODPIPE_CONCURRENCY ?? '2',
  LOG_LEVEL: 'warn',
})

/** PODPIPE_BENCH_WORKER_ARGS: node flags for the worker processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const workerArgs = (): string[] => process.env.PODPIPE_BENCH_WORKER_ARGS?.split(' ').filter(Boolean) ?? []

const startWorkerProcess = (vars: Record<string, string>): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...workerArgs(), WORKER], { env: { ...process.env, ...vars }, stdio: ['ignore', 'pipe', 'inherit'] })
    // Whole lines: a chunk may end inside one.
    if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => { if (line.includes('podpipe workers ready')) resolve(child) })
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code} before it was ready`)))
  })

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

const cleanup = async (config: Config): Promise<void> => {
  await removePrefix(config.redisUrl, config.queuePrefix)
  rmSync(config.dataDir, { recursive: true, force: true })
}

/**
 * When the newest publish job finished (the worker's clock, this machine): the end of the run to
 * the millisecond, however seldom the bench reads job states.
 */
const lastPublishedAt = async (redis: Redis, prefix: string): Promise<number> => {
  const publish = createQueue(QUEUE.publish, redis, prefix)
  try {
    const [newest] = await publish.getJobs(['completed'], 0, 0, false)
    if (typeof newest?.finishedOn !== 'number') throw new Error('no publish job has completed')
    return newest.finishedOn
  } finally {
    await publish.close()
  }
}

/**
 * How often the bench reads the chains' job states while it waits: each read costs the bench
 * process and Redis CPU on the cores the workers share, so it is kept rare, and the end time
 * comes from the jobs themselves.
 */
const POLL_MS = 1000

/** One run: `processes` worker processes, a warm-up feed, then `episodes` timed. */
const runPipeline = async (processes: number, episodes: number, analysis: AnalysisPlacement, redis: Redis): Promise<PipelineRow> => {
  const prefix = `ppbench-${randomBytes(4).toString('hex')}`
  const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-bench-'))
  const vars = env(prefix, dataDir, episodes, analysis)
  const config = loadConfig(vars)
  const children = await Promise.all(Array.from({ length: processes }, () => startWorkerProcess(vars)))
  try {
    // Written before the clock starts: making the bench's input is not the pipeline's work.
    const feedFile = (n: number, tag: string) => {
      const feed = join(dataDir, `${tag}.xml`)
      writeFileSync(feed, episodeFeed(n, tag))
      return feed
    }
    const ingest = async (feed: string, n: number) => {
      const result = await ingestOnce(config, feed, () => {}, { startWorkers: false, pollMs: POLL_MS, timeoutMs: 600_000 })
      if (result.failed > 0) throw new Error(`${result.failed} episodes failed: ${result.failures[0]?.reason}`)
      if (result.published !== n) throw new Error(`${result.published} of ${n} episodes were published`)
      return result
    }
    const warm = WARM_EPISODES_PER_PROCESS * processes
    await ingest(feedFile(warm, 'warm'), warm)
    const timed = feedFile(episodes, 'timed')
    const workersCpu = () => children.reduce((n, c) => n + processCpuMs(c.pid!), 0)
    const [cpu, redisCpu] = [workersCpu(), await redisCpuMs(redis)]
    const threadsBefore = children.map((c) => threadCpuMs(c.pid!))
    const waiterCpu = process.cpuUsage()
    const started = Date.now()
    await ingest(timed, episodes)
    const waiterUsed = process.cpuUsage(waiterCpu)
    const shares = children.map((c, i) => shareOf(c.pid!, threadsBefore[i]!, threadCpuMs(c.pid!), analysis))
    const ms = (await lastPublishedAt(redis, prefix)) - started
    return {
      name: `pipeline, ${processes} worker process${processes > 1 ? 'es' : ''}, analysis ${analysis}`,
      episodes,
      ms: Math.round(ms),
      episodesPerSec: episodesPerSecond(episodes, ms),
      cpuMsPerEpisode: perEpisode(workersCpu() - cpu, episodes),
      redisCpuMsPerEpisode: perEpisode((await redisCpuMs(redis)) - redisCpu, episodes),
      waiterCpuMsPerEpisode: perEpisode((waiterUsed.user + waiterUsed.system) / 1000, episodes),
      threads: sharePerEpisode(shares, episodes),
    }
  } finally {
    await Promise.all(children.map(stop))
    await cleanup(config)
  }
}

/**
 * The pure core on the same episode (its post body), serially in this process. Called by
 * bench/core-run.ts in a process of its own (runCoreProcess).
 */
export const runCore = (episodes: number): PipelineRow => {
  const item = episodeFeed(1, 'core').match(/<content:encoded><!\[CDATA\[([\s\S]*?)\]\]><\/content:encoded>/)?.[1]
  if (!item) throw new Error(`${SEED_FEED}: the episode has no content:encoded body`)
  const analyze = () => analyzeDocument({ content: item, read: { format: 'html' } })
  // Warmed as much as each worker process is: with 5 episodes the core read about 20% slower
  // (40% more CPU, compiling) than once warm, which flattered the pipeline's ratios.
  for (let i = 0; i < WARM_EPISODES_PER_PROCESS; i++) analyze()
  const threadsBefore = threadCpuMs(process.pid)
  const cpu = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < episodes; i++) analyze()
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  // The core runs on this process's own thread: no analysis thread ('inline').
  const share = shareOf(process.pid, threadsBefore, threadCpuMs(process.pid), 'inline')
  return {
    name: 'pure core (analyzeDocument), 1 process', episodes, ms: Math.round(ms), episodesPerSec: episodesPerSecond(episodes, ms),
    cpuMsPerEpisode: perEpisode((used.user + used.system) / 1000, episodes),
    threads: sharePerEpisode([share], episodes),
  }
}

const RUNS: ReadonlyArray<readonly [number, AnalysisPlacement]> = [[1, 'threads'], [2, 'threads'], [1, 'inline'], [2, 'inline']]

/** PODPIPE_BENCH_RUNS=1:inline,2:inline picks runs (to profile one); all of them by default. */
const runs = (): ReadonlyArray<readonly [number, AnalysisPlacement]> => {
  const picked = process.env.PODPIPE_BENCH_RUNS
  if (!picked) return RUNS
  return picked.split(',').map((run) => {
    const found = RUNS.find(([p, a]) => `${p}:${a}` === run.trim())
    if (!found) throw new Error(`PODPIPE_BENCH_RUNS: "${run}" is not one of ${RUNS.map(([p, a]) => `${p}:${a}`).join(', ')}`)
    return found
  })
}

/**
 * The pipeline with analysis in threads (the default) on 1 and 2 worker processes, then with
 * analysis inline on the event loop (concurrency 1 per process), the alternative it was chosen
 * over; the core runs before the first row and after each, each time in a new process.
 */
export const benchPipeline = async (episodes = 1000): Promise<PipelineRow[]> => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first`)
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
  try {
    // As many episodes as each row: later episodes run warmer, so a shorter run would read slower.
    const cores = [await runCoreProcess(episodes)]
    const rows: PipelineRow[] = []
    for (const [processes, analysis] of runs()) {
      const row = await runPipeline(processes, episodes, analysis, redis)
      cores.push(await runCoreProcess(episodes))
      const [before, after] = cores.slice(-2) as [PipelineRow, PipelineRow]
      const mean = (pick: (r: PipelineRow) => number) => toTenth((pick(before) + pick(after)) / 2)
      rows.push({ ...row, core: { episodesPerSec: mean((r) => r.episodesPerSec), cpuMsPerEpisode: mean((r) => r.cpuMsPerEpisode) } })
    }
    const ceiling = runs().some(([processes]) => processes > 1) ? [await runCorePair(episodes, cores.at(-1)!)] : []
    return [combineCores(cores), ...rows, ...ceiling]
  } finally {
    redis.disconnect()
  }
}

/**
 * runCore in a new process, as warm as each worker process is when its timed run starts: in one
 * long-lived process, each later run would find more of the core compiled and optimised.
 */
const runCoreProcess = (episodes: number): Promise<PipelineRow> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, join(ROOT, 'bench/core-run.ts'), String(episodes)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { out += chunk })
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the core's bench process exited with ${code}`))
      try {
        resolve(JSON.parse(out) as PipelineRow)
      } catch (err) {
        reject(new Error(`the core's bench process printed no row: ${(err as Error).message}`))
      }
    })
  })

/**
 * Two core processes at once, against the last core run alone: what two processes can reach on
 * this machine when nothing but the core runs (shared caches, memory bandwidth, a host that gives
 * fewer real cores than it lists), the ceiling for the pipeline's two-process rows.
 */
const runCorePair = async (episodes: number, alone: PipelineRow): Promise<PipelineRow> => {
  const pair = await Promise.all([runCoreProcess(episodes), runCoreProcess(episodes)])
  const total = (pick: (r: PipelineRow) => number) => pair.reduce((n, r) => n + pick(r), 0)
  return {
    name: 'pure core, 2 processes at once', episodes: total((r) => r.episodes), ms: Math.max(...pair.map((r) => r.ms)),
    episodesPerSec: toTenth(total((r) => r.episodesPerSec)),
    cpuMsPerEpisode: toTenth(total((r) => r.cpuMsPerEpisode) / pair.length),
    threads: {
      eventLoop: toTenth(total((r) => r.threads?.eventLoop ?? 0) / pair.length),
      analysisThread: 0,
      helpers: toTenth(total((r) => r.threads?.helpers ?? 0) / pair.length),
    },
    core: { episodesPerSec: alone.episodesPerSec, cpuMsPerEpisode: alone.cpuMsPerEpisode },
  }
}

/** The core's runs as one row: all their episodes over all their time, and the range of their rates. */
const combineCores = (cores: readonly PipelineRow[]): PipelineRow => {
  const episodes = cores.reduce((n, c) => n + c.episodes, 0)
  const ms = cores.reduce((n, c) => n + c.ms, 0)
  const total = (pick: (r: PipelineRow) => number) => cores.reduce((n, c) => n + pick(c) * c.episodes, 0)
  const rates = cores.map((c) => c.episodesPerSec)
  return {
    name: cores[0]!.name, episodes, ms,
    episodesPerSec: episodesPerSecond(episodes, ms),
    cpuMsPerEpisode: perEpisode(total((c) => c.cpuMsPerEpisode), episodes),
    threads: {
      eventLoop: perEpisode(total((c) => c.threads?.eventLoop ?? 0), episodes),
      analysisThread: 0,
      helpers: perEpisode(total((c) => c.threads?.helpers ?? 0), episodes),
    },
    range: [Math.min(...rates), Math.max(...rates)],
  }
}

export const printPipeline = (rows: PipelineRow[]): void => {
  const [core] = rows
  if (!core) return
  console.log('\nPipeline on the local Redis (goals: 1 process ≥ 0.75× core; 2 processes ≥ 1.6× one; pipeline CPU ≤ 1.4× core)')
  console.log('  Each pipeline row is compared with the core run just before and just after it (their mean, in brackets); the core row sums its runs.')
  console.log('  With two-process rows, a last row runs two core processes at once (their rates summed) against the last core run alone: the ceiling of two processes here.')
  const oneOf = (r: PipelineRow) => rows.find((o) => o !== core && o.name === r.name.replace(/\d worker processes/, '1 worker process'))
  const besideOf = (r: PipelineRow) => r.core ?? core
  for (const r of rows) {
    const one = oneOf(r)
    const beside = besideOf(r)
    const ratios = r === core
      ? `runs from ${core.range?.[0].toFixed(1)} to ${core.range?.[1].toFixed(1)} episodes/s`
      : [`${(r.episodesPerSec / beside.episodesPerSec).toFixed(2)}× core (${beside.episodesPerSec.toFixed(1)})`, one && one !== r && `${(r.episodesPerSec / one.episodesPerSec).toFixed(2)}× 1 process`].filter(Boolean).join(', ')
    console.log(`  ${r.name.padEnd(52)} ${String(r.episodes).padStart(5)} episodes  ${String(r.ms).padStart(7)} ms  ${r.episodesPerSec.toFixed(1).padStart(8)} episodes/s  ${ratios}`)
  }
  console.log('  CPU ms per episode (core: its process, every thread; pipeline: the worker processes, every thread; Redis: the whole server; the bench: its ingestOnce waiting on the chains)')
  for (const r of rows) {
    const redis = r.redisCpuMsPerEpisode === undefined ? '' : `  + Redis ${r.redisCpuMsPerEpisode.toFixed(1)} ms`
      + (r.waiterCpuMsPerEpisode === undefined ? '' : `, the waiting bench ${r.waiterCpuMsPerEpisode.toFixed(1)} ms`)
    const beside = besideOf(r)
    const ratio = r === core ? '' : `  ${(r.cpuMsPerEpisode / beside.cpuMsPerEpisode).toFixed(2)}× core (${beside.cpuMsPerEpisode.toFixed(1)})`
    console.log(`  ${r.name.padEnd(52)} ${r.cpuMsPerEpisode.toFixed(1).padStart(8)} ms${ratio}${redis}`)
  }
  console.log('  … of which, per thread (the process\'s own thread: the core, or the event loop; analysis thread; V8 and libuv helper threads), summed over the processes, 10 ms ticks')
  for (const r of rows) {
    if (!r.threads) continue
    const { eventLoop, analysisThread, helpers } = r.threads
    console.log(`  ${r.name.padEnd(52)} ${eventLoop.toFixed(1).padStart(8)} ms; ${analysisThread.toFixed(1).padStart(5)} ms; ${helpers.toFixed(1).padStart(5)} ms`)
  }
}
