// `npm run bench -- polling`: N feeds in the registry (PostgreSQL), served by a simulated feed
// server (a child process, 8 ports of 127.0.0.1 = 8 hosts): 99% answer 304 to the conditional
// GET, 1% carry a new episode with a transcript, which then runs through the whole pipeline.
// The feeds fall due evenly at PODPIPE_BENCH_POLL_RATE per second (400, above the 280/s goal);
// podpipe polls them from the database through the real queues: the scheduler and the polls
// worker in this process, the episode chain's workers (feeds, transcripts, analyze, publish) in
// a worker process of their own, so the CPU of polling and of the new episodes are told apart.
// Reported per N: polls/s sustained, the p95 lag between a feed's due time and its poll, Redis
// used_memory, CPU per poll of the polling process, Redis and the PostgreSQL backends, and CPU
// per new episode of the chain's process.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { createInterface } from 'node:readline'
import { Redis } from 'ioredis'
import pg from 'pg'
import { startFeedScheduler } from '../pipelines/feed-scheduler.js'
import { startWorkers } from '../pipelines/runtime.js'
import { loadConfig } from '../src/config/index.js'
import { QUEUE, QUEUE_ORDER, feedIdOf, removePrefix } from '../src/queue/index.js'
import { createPgliteStore, createPostgresStore, type SqlRecordStore } from '../src/store/postgres/index.js'
import { BENCH_DATABASE_URL as PG_URL, infoField } from './measure.js'

const ROOT = new URL('..', import.meta.url).pathname
const APP = `podpipe-bench-${randomBytes(3).toString('hex')}`
const HOSTS = 8
const CHANGED_EVERY = 100
const CLOCK_TICK_MS = 10

/** Where the registry lives: PostgreSQL (the deployment at scale) or the embedded PGlite (`npm start`), in this process. */
export type PollingEngine = 'postgres' | 'pglite'

export interface PollingRow {
  engine: PollingEngine
  feeds: number
  demandPerSec: number
  polled: number
  pollsPerSec: number
  lagP50S: number
  lagP95S: number
  lagMaxS: number
  changed: number
  notModified: number
  failed: number
  records: number
  redisUsedMb: number
  redisPeakDeltaMb: number
  cpuMsPerPoll: number
  /** The chain workers' process, per episode the changed feeds carried. */
  chainCpuMsPerEpisode: number
  redisCpuMsPerPoll: number
  pgCpuMsPerPoll: number
  feedServerCpuMsPerPoll: number
  wallS: number
}

const processCpuMs = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS
  } catch {
    return 0
  }
}

const redisCpuMs = async (redis: Redis) =>
  ((await infoField(redis, 'cpu', 'used_cpu_user')) + (await infoField(redis, 'cpu', 'used_cpu_sys'))) * 1000

/** A child process from the source tree that is ready once it prints its first line. */
const startChild = (args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; line: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    // A whole line: a chunk may end inside one.
    if (child.stdout) createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, line }))
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code} before it was ready`)))
  })

const startFeedServer = async (): Promise<{ child: ChildProcess; ports: number[] }> => {
  const { child, line } = await startChild([join(ROOT, 'bench/feed-server.ts'), String(HOSTS), String(CHANGED_EVERY)])
  return { child, ports: (JSON.parse(line) as { ports: number[] }).ports }
}

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

/** CPU of the PostgreSQL backends serving this bench's pools (their application_name), last seen per pid. */
const pgBackendsCpu = (admin: pg.Pool) => {
  const seen = new Map<number, number>()
  return {
    async sample() {
      const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [APP])
      for (const { pid } of rows) {
        const cpu = processCpuMs(pid)
        if (cpu > 0) seen.set(pid, cpu)
      }
    },
    total: () => [...seen.values()].reduce((a, b) => a + b, 0),
  }
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

/** The registry's database; PGlite runs in this process, so its CPU is in the polling column. */
const openEngine = async (engine: PollingEngine, schema: string, config: ReturnType<typeof loadConfig>): Promise<SqlRecordStore> => {
  if (engine === 'pglite') return createPgliteStore({ dir: undefined, schema })
  const connectionString = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}application_name=${APP}`
  const store = await createPostgresStore({ connectionString, schema, ...config.postgres, poolSize: 4 })
  await store.ping()
  return store
}

const runOnce = async (engine: PollingEngine, n: number, rate: number, ports: number[], feedServer: ChildProcess, redis: Redis): Promise<PollingRow> => {
  const schema = `ppbench_polls_${randomBytes(4).toString('hex')}`
  const prefix = `ppbench-polls-${randomBytes(4).toString('hex')}`
  const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-bench-polls-'))
  const env = {
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    PODPIPE_QUEUE_PREFIX: prefix,
    PODPIPE_DATA_DIR: dataDir,
    PODPIPE_STORES: 'file',
    PODPIPE_ALLOW_PRIVATE_ADDRESSES: '1',
    LOG_LEVEL: 'warn',
  }
  const config = loadConfig(env)
  const store = await openEngine(engine, schema, config)
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
  const backends = pgBackendsCpu(admin)
  try {
    // The feeds, as a registry that has polled them before: validators known, transcripts rechecked
    // recently, due one after another at `rate` per second from a few seconds from now.
    const t0 = Date.now() + 5_000
    for (let from = 0; from < n; from += 10_000) {
      const rows = Array.from({ length: Math.min(10_000, n - from) }, (_, k) => {
        const i = from + k
        const origin = `http://127.0.0.1:${ports[i % ports.length]}`
        const url = `${origin}/f/${i}.xml`
        return { id: feedIdOf(url), url, host: origin, next_poll_at: new Date(t0 + (i * 1000) / rate).toISOString() }
      })
      await store.sql.query(`INSERT INTO ${schema}.feeds (id, url, host, interval_s, next_poll_at, etag, rechecked_at)
        SELECT r.id, r.url, r.host, 86400, r.next_poll_at, '"v0"', now() FROM jsonb_to_recordset($1::jsonb) AS r(id text, url text, host text, next_poll_at timestamptz)`,
      [JSON.stringify(rows)])
    }
    await store.sql.query(`ANALYZE ${schema}.feeds`)
    const baseMemory = await infoField(redis, 'memory', 'used_memory')
    const { child: chain } = await startChild([join(ROOT, 'pipelines/worker-main.ts')], { ...env, PODPIPE_QUEUES: QUEUE_ORDER.join(',') })
    const running = await startWorkers(config, [QUEUE.polls], { registry: store })
    const scheduler = await startFeedScheduler(config, { registry: store })
    await backends.sample()
    const cpu0 = process.cpuUsage()
    const [redisCpu0, pgCpu0, serverCpu0, chainCpu0] = [await redisCpuMs(redis), backends.total(), processCpuMs(feedServer.pid!), processCpuMs(chain.pid!)]
    const started = Date.now()
    let peakMemory = baseMemory
    let polled = 0
    const deadline = t0 + (n * 1000) / rate + 600_000
    try {
      while (polled < n && Date.now() < deadline) {
        await delay(1000)
        peakMemory = Math.max(peakMemory, await infoField(redis, 'memory', 'used_memory'))
        await backends.sample()
        polled = Number((await store.sql.query<{ c: string }>(`SELECT count(*) AS c FROM ${schema}.feeds WHERE last_polled_at IS NOT NULL`)).rows[0]?.c)
      }
      const cpu = process.cpuUsage(cpu0)
      const cpuMs = (cpu.user + cpu.system) / 1000
      const [redisCpu, pgCpu, serverCpu] = [await redisCpuMs(redis) - redisCpu0, backends.total() - pgCpu0, processCpuMs(feedServer.pid!) - serverCpu0]
      const endMemory = await infoField(redis, 'memory', 'used_memory')
      const wallS = (Date.now() - started) / 1000
      // The new episodes finish through transcripts, analyze and publish.
      const busy = async () => (await Promise.all(Object.values(running.deps.queues).map((q) => q.getJobCounts('waiting', 'active', 'delayed')))).some((c) => Object.values(c).some((v) => v > 0))
      for (const until = Date.now() + 120_000; (await busy()) && Date.now() < until;) await delay(500)
      const chainCpu = processCpuMs(chain.pid!) - chainCpu0
      await stopChild(chain)
      const records = existsSync(join(dataDir, 'records')) ? readdirSync(join(dataDir, 'records')).filter((f) => f.endsWith('.json')).length : 0
      const stats = (await store.sql.query<Record<string, number | string | null>>(`
        SELECT count(*) FILTER (WHERE last_polled_at IS NOT NULL) AS polled,
               extract(epoch FROM max(last_polled_at) - min(due_at)) AS span_s,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM last_polled_at - due_at)) AS p50,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM last_polled_at - due_at)) AS p95,
               max(extract(epoch FROM last_polled_at - due_at)) AS lag_max,
               count(*) FILTER (WHERE last_status = 'changed') AS changed,
               count(*) FILTER (WHERE last_status = 'not-modified') AS not_modified,
               count(*) FILTER (WHERE last_status IN ('failed', 'throttled')) AS failed
          FROM ${schema}.feeds`)).rows[0]!
      const num = (k: string) => Number(stats[k] ?? 0)
      const done = Math.max(1, num('polled'))
      return {
        engine, feeds: n, demandPerSec: rate, polled: num('polled'), pollsPerSec: round(num('polled') / Math.max(1, num('span_s'))),
        lagP50S: round(num('p50')), lagP95S: round(num('p95')), lagMaxS: round(num('lag_max')),
        changed: num('changed'), notModified: num('not_modified'), failed: num('failed'), records,
        redisUsedMb: round(endMemory / 2 ** 20), redisPeakDeltaMb: round((peakMemory - baseMemory) / 2 ** 20),
        cpuMsPerPoll: round(cpuMs / done, 2), chainCpuMsPerEpisode: round(chainCpu / Math.max(1, records)),
        redisCpuMsPerPoll: round(redisCpu / done, 3), pgCpuMsPerPoll: round(pgCpu / done, 3),
        feedServerCpuMsPerPoll: round(serverCpu / done, 3), wallS: round(wallS),
      }
    } finally {
      await scheduler.close()
      await running.close()
      await stopChild(chain)
    }
  } finally {
    await store.close()
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.end()
    await removePrefix(config.redisUrl, prefix)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** One run per N in `sizes` (10,000 and 100,000 unless PODPIPE_BENCH_FEEDS lists others). */
export const benchPolling = async (sizes: readonly number[], rate: number, engines: readonly PollingEngine[] = ['postgres']): Promise<PollingRow[]> => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
  const { child, ports } = await startFeedServer()
  try {
    const rows: PollingRow[] = []
    for (const engine of engines) for (const n of sizes) rows.push(await runOnce(engine, n, rate, ports, child, redis))
    return rows
  } finally {
    child.kill('SIGTERM')
    redis.disconnect()
  }
}

export const printPolling = (rows: readonly PollingRow[]): void => {
  console.log(`\nFeed polling from the registry, ${HOSTS} simulated hosts, 1 in ${CHANGED_EVERY} feeds with a new episode; goal ≥ 280 polls/s, p95 lag < 60 s, Redis < 200 MB at 100,000 feeds`)
  console.log('  engine    feeds    due/s  polled  polls/s  lag p50 s  p95 s   max s  changed  304s  failed  records  Redis MB (peak Δ)  CPU ms/poll: polling  Redis  PostgreSQL  feed server  chain CPU ms/episode  wall s')
  for (const r of rows) {
    console.log(`  ${r.engine.padEnd(8)}  ${String(r.feeds).padStart(7)}  ${String(r.demandPerSec).padStart(5)}  ${String(r.polled).padStart(6)}  ${String(r.pollsPerSec).padStart(7)}  ${String(r.lagP50S).padStart(9)}  ${String(r.lagP95S).padStart(5)}  ${String(r.lagMaxS).padStart(6)}  ${String(r.changed).padStart(7)}  ${String(r.notModified).padStart(5)}  ${String(r.failed).padStart(6)}  ${String(r.records).padStart(7)}  ${`${r.redisUsedMb} (${r.redisPeakDeltaMb})`.padStart(17)}  ${String(r.cpuMsPerPoll).padStart(20)}  ${String(r.redisCpuMsPerPoll).padStart(5)}  ${String(r.pgCpuMsPerPoll).padStart(10)}  ${String(r.feedServerCpuMsPerPoll).padStart(11)}  ${String(r.chainCpuMsPerEpisode).padStart(20)}  ${String(r.wallS).padStart(6)}`)
  }
}
