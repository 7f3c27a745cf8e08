/** Runtime configuration, read from the environment by loadConfig (src/config/env.ts). */
export type StoreKind = 'file' | 'postgres' | 'stream'

export interface Limits {
  /** Largest feed document accepted, bytes. */
  feedMaxBytes: number
  /** Largest transcript accepted, bytes. */
  transcriptMaxBytes: number
  fetchTimeoutMs: number
  maxRedirects: number
  /** Largest number of items read from one feed (newest first). */
  maxItemsPerFeed: number
  /** Most recent known, unchanged items per poll whose transcript URL is rechecked for new content; 0 = off. */
  recheckItems: number
}

export interface PostgresLimits {
  /** Server-side statement_timeout of every session. */
  statementTimeoutMs: number
  connectTimeoutMs: number
  /** Most connections one process holds. */
  poolSize: number
}

/** One scheme only: two ways in would double what has to be kept secret and rotated. */
export type DashboardAuth = { user: string; password: string } | { token: string }

/** The query layer behind the HTTP API (src/query). */
export interface QueryLimits {
  /** Server-side statement_timeout of the query pool (PostgreSQL only: PGlite cannot cancel). */
  timeoutMs: number
  /** How often the embedded PGlite reads the file store's change log. */
  followMs: number
}

export interface Config {
  redisUrl: string
  /** PostgreSQL sink; off when unset. */
  databaseUrl: string | undefined
  postgres: PostgresLimits
  query: QueryLimits
  /** Absolute path. */
  dataDir: string
  /** Absolute path. */
  feedsFile: string
  stores: StoreKind[]
  /** BullMQ key prefix, so deployments or test runs share one Redis without touching each other. */
  queuePrefix: string
  host: string
  port: number
  /** Basic-auth or bearer credentials for the dashboard; required when host is not loopback. */
  auth: DashboardAuth | undefined
  /** The dashboard may retry, clean, pause and add jobs; read-only otherwise. */
  dashboardWrite: boolean
  /** Where bull-board is mounted, e.g. '/queues'; no trailing slash. */
  dashboardPath: string
  /** Private, loopback and link-local addresses may be fetched (off by default: SSRF). */
  allowPrivateAddresses: boolean
  limits: Limits
  /** The stream store: entries kept, and the largest record inlined in an entry (0 = none). */
  stream: { maxLen: number; inlineMaxBytes: number }
  /** Worker concurrency per queue in one process. */
  concurrency: number
  logLevel: LogLevel
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
