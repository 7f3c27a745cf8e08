import { PodpipeError } from '../errors/index.js'
import { isLoopbackHost } from './loopback.js'
import { redactSecrets } from './redact.js'
import type { Config, DashboardAuth, StoreKind } from './types.js'
import { VARIABLES, type VariableSpec } from './variables.js'

type Values = { [K in keyof typeof VARIABLES]: (typeof VARIABLES)[K] extends VariableSpec<infer T> ? T | undefined : never }

/**
 * Reads and validates the configuration once, at the shell (CLI, worker entry, server); never at
 * import. Every problem is reported at once, each naming the variable, its value and what is expected.
 * @example const config = loadConfig() // throws PodpipeError('CONFIG', 'PODPIPE_PORT="abc" is not valid: …')
 */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const problems: string[] = []
  const values = Object.fromEntries(
    Object.entries(VARIABLES).map(([key, spec]) => [key, readVariable(spec as VariableSpec<unknown>, env, problems)]),
  ) as Values
  if (problems.length === 0) problems.push(...crossChecks(values))
  if (problems.length > 0) throw new PodpipeError('CONFIG', problems.join('; '))
  return Object.freeze(toConfig(values))
}

const readVariable = <T>(spec: VariableSpec<T>, env: NodeJS.ProcessEnv, problems: string[]): T | undefined => {
  const given = env[spec.variable]?.trim()
  // Compose files pass `${X:-}` through as an empty string: treat it as unset.
  const raw = given ? given : spec.fallback?.()
  if (raw === undefined) return undefined
  const parsed = spec.schema.safeParse(raw)
  if (parsed.success) return parsed.data
  problems.push(`${spec.variable}=${showValue(spec, raw)} is not valid: expected ${spec.expected}`)
  return undefined
}

const showValue = (spec: VariableSpec<unknown>, raw: string): string => {
  if (!spec.secret) return JSON.stringify(raw)
  // A URL stays readable once its password is gone; anything else that could hold a secret only shows its length.
  const redacted = redactSecrets(raw)
  const stillSecret = spec.secret === 'always' || (raw.includes('@') && redacted === raw)
  return stillSecret ? `(hidden, ${raw.length} characters)` : JSON.stringify(redacted)
}

const crossChecks = (v: Values): string[] => {
  const problems: string[] = []
  if (v.stores?.includes('postgres') && !v.databaseUrl) {
    problems.push('PODPIPE_STORES includes postgres but DATABASE_URL is not set: set DATABASE_URL=postgres://USER@HOST:5432/DB or drop postgres')
  }
  if (v.stores?.includes('webhook') && !v.webhookUrl) {
    problems.push('PODPIPE_STORES includes webhook but PODPIPE_WEBHOOK_URL is not set: set it to the receiver\'s URL or drop webhook')
  }
  if (v.webhookUrl !== undefined && v.webhookSecret === undefined) {
    problems.push(
      'PODPIPE_WEBHOOK_URL is set without PODPIPE_WEBHOOK_SECRET, so receivers could not tell real notices from forged ones: ' +
        'set PODPIPE_WEBHOOK_SECRET (e.g. `echo whsec_$(openssl rand -base64 32)`) and give the receiver the same value',
    )
  }
  if (v.pollMinIntervalS !== undefined && v.pollMaxIntervalS !== undefined && v.pollMinIntervalS > v.pollMaxIntervalS) {
    problems.push(`PODPIPE_POLL_MIN_INTERVAL_S (${v.pollMinIntervalS}) is above PODPIPE_POLL_MAX_INTERVAL_S (${v.pollMaxIntervalS}): the minimum must not exceed the maximum`)
  }
  if (v.dashboardUser !== undefined && v.dashboardPassword === undefined) {
    problems.push('PODPIPE_DASHBOARD_USER is set without PODPIPE_DASHBOARD_PASSWORD: set both or neither')
  }
  if (v.dashboardPassword !== undefined && v.dashboardUser === undefined) {
    problems.push('PODPIPE_DASHBOARD_PASSWORD is set without PODPIPE_DASHBOARD_USER: set both or neither')
  }
  if (v.dashboardToken !== undefined && (v.dashboardUser !== undefined || v.dashboardPassword !== undefined)) {
    problems.push('PODPIPE_DASHBOARD_TOKEN and PODPIPE_DASHBOARD_USER/PASSWORD are both set: choose one')
  }
  const hasAuth = v.dashboardToken !== undefined || (v.dashboardUser !== undefined && v.dashboardPassword !== undefined)
  if (v.host !== undefined && !isLoopbackHost(v.host) && !hasAuth) {
    problems.push(
      `PODPIPE_HOST=${JSON.stringify(v.host)} is not a loopback address, so the dashboard would be open to the network: ` +
        'set PODPIPE_DASHBOARD_USER and PODPIPE_DASHBOARD_PASSWORD, or PODPIPE_DASHBOARD_TOKEN',
    )
  }
  return problems
}

// Only called once every variable parsed, so the values with a fallback are all present.
const toConfig = (v: Values): Config => ({
  redisUrl: v.redisUrl ?? `redis://127.0.0.1:${v.redisPort!}`,
  localRedisPort: v.redisUrl === undefined ? v.redisPort! : undefined,
  databaseUrl: v.databaseUrl,
  postgres: { statementTimeoutMs: v.pgStatementTimeoutMs!, connectTimeoutMs: v.pgConnectTimeoutMs!, poolSize: v.pgPoolSize! },
  query: { timeoutMs: v.queryTimeoutMs!, followMs: v.pgliteFollowMs! },
  dataDir: v.dataDir!,
  cacheDir: v.cacheDir!,
  feedsFile: v.feedsFile!,
  stores: v.stores ?? defaultStores(v.databaseUrl, v.webhookUrl),
  queuePrefix: v.queuePrefix!,
  host: v.host!,
  port: v.port!,
  auth: toAuth(v),
  dashboardWrite: v.dashboardWrite!,
  dashboardPath: v.dashboardPath!,
  allowPrivateAddresses: v.allowPrivateAddresses!,
  limits: {
    feedMaxBytes: v.feedMaxBytes!,
    transcriptMaxBytes: v.transcriptMaxBytes!,
    fetchTimeoutMs: v.fetchTimeoutMs!,
    maxRedirects: v.maxRedirects!,
    maxItemsPerFeed: v.maxItemsPerFeed!,
    recheckItems: v.recheckItems!,
    transcriptWaitS: v.transcriptWaitS!,
  },
  polling: {
    minIntervalS: v.pollMinIntervalS!,
    maxIntervalS: v.pollMaxIntervalS!,
    batchSize: v.pollBatchSize!,
    batches: v.pollBatches!,
    concurrency: v.pollConcurrency!,
    hostConcurrency: v.pollHostConcurrency!,
    tickS: v.pollTickS!,
  },
  stream: { maxLen: v.streamMaxLen!, inlineMaxBytes: v.streamInlineMaxBytes! },
  webhook: v.webhookUrl === undefined
    ? undefined
    : { url: v.webhookUrl, secret: v.webhookSecret!, timeoutMs: v.webhookTimeoutMs!, maxResponseBytes: v.webhookMaxResponseBytes! },
  concurrency: v.concurrency!,
  analysis: v.analysis!,
  blobCompressMinBytes: v.blobCompressMinBytes!,
  heapGrowingPercent: v.heapGrowingPercent!,
  logLevel: v.logLevel!,
})

// Setting DATABASE_URL (or PODPIPE_WEBHOOK_URL) is the one step a user takes to get that sink: asking for a second one is friction.
const defaultStores = (databaseUrl: string | undefined, webhookUrl: string | undefined): StoreKind[] => [
  'file',
  ...(databaseUrl ? (['postgres'] as const) : []),
  ...(webhookUrl ? (['webhook'] as const) : []),
]

const toAuth = (v: Values): DashboardAuth | undefined => {
  if (v.dashboardToken !== undefined) return { token: v.dashboardToken }
  if (v.dashboardUser !== undefined && v.dashboardPassword !== undefined) {
    return { user: v.dashboardUser, password: v.dashboardPassword }
  }
  return undefined
}
