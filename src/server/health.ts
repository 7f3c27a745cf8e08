import { Hono } from 'hono'
import { redactSecrets } from '../config/index.js'
import type { RedisPinger, ServerDeps } from './types.js'

/** A probe that hangs must fail the check rather than hang the orchestrator's request. */
const CHECK_TIMEOUT_MS = 3_000

export type CheckResult = { ok: true } | { ok: false; error: string }

const check = async (probe: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([probe(), timeout])
    return { ok: true }
  } catch (err) {
    // One line per dependency: a driver's multi-line message would break log and probe parsers.
    return { ok: false, error: redactSecrets(err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim() }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Runs every readiness check at once: Redis, one per store and the query engine, if any, keyed
 * `redis`, `store:<name>` and `query:<engine>`.
 */
export const readiness = async (
  redis: RedisPinger,
  stores: ServerDeps['stores'],
  timeoutMs = CHECK_TIMEOUT_MS,
  queries?: ServerDeps['queries'],
): Promise<Record<string, CheckResult>> => {
  const probes: [string, () => Promise<unknown>][] = [
    ['redis', () => redis.ping()],
    ...stores.map((s): [string, () => Promise<unknown>] => [`store:${s.name}`, () => s.ping()]),
    ...(queries ? [[`query:${queries.engine}`, () => queries.ping()] satisfies [string, () => Promise<unknown>]] : []),
  ]
  const results = await Promise.all(probes.map(([, probe]) => check(probe, timeoutMs)))
  return Object.fromEntries(probes.map(([name], i) => [name, results[i]!]))
}

/** /healthz: the process answers. /readyz: it can do its work (200), or which dependency is down (503). */
export const healthRoutes = ({ redis, stores, queries }: Pick<ServerDeps, 'redis' | 'stores' | 'queries'>): Hono => {
  const app = new Hono()
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.get('/readyz', async (c) => {
    const checks = await readiness(redis, stores, CHECK_TIMEOUT_MS, queries)
    const failed = Object.entries(checks).filter(([, r]) => !r.ok).map(([name]) => name)
    return failed.length === 0
      ? c.json({ status: 'ready', checks }, 200)
      : c.json({ status: 'not ready', failed, checks }, 503)
  })
  return app
}
