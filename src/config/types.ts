/** Runtime configuration, read from the environment by loadConfig (src/config/env.ts). */
export type StoreKind = 'file' | 'postgres' | 'stream' | 'webhook'

/** Where a worker process runs analysis: worker threads, or its event loop (PODPIPE_ANALYSIS). */
export type AnalysisPlacement = 'threads' | 'inline'

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
  /** Seconds after an episode's date during which a 404 or 410 transcript link is retried by later polls; 0 = never. */
  transcriptWaitS: number
}

export interface PostgresLimits {
  /** Server-side statement_timeout of every session. */
  statementTimeoutMs: number
  connectTimeoutMs: number
  /** Most connections one process holds. */
  poolSize: number
}

/** Where and how the webhook store's notices are sent (present when PODPIPE_WEBHOOK_URL is set). */
export interface WebhookConfig {
  url: string
  /** Signing key as configured: whsec_<base64> or a plain string (src/webhook/signature.ts). */
  secret: string
  /** Whole-request deadline of one POST. */
  timeoutMs: number
  /** Most bytes of an answer read before the connection is closed. */
  maxResponseBytes: number
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

/** The feed registry's scheduling (src/feeds). */
export interface PollingConfig {
  /** Bounds of a feed's adaptive interval, seconds. */
  minIntervalS: number
  maxIntervalS: number
  /** Feeds per poll-batch job. */
  batchSize: number
  /** Poll-batch jobs in flight per process. */
  batches: number
  /** Requests in flight per poll-batch job. */
  concurrency: number
  /** Requests in flight per host per process. */
  hostConcurrency: number
  /** Seconds between scheduler ticks. */
  tickS: number
}

export interface Config {
  redisUrl: string
  /**
   * Set while REDIS_URL is not: redisUrl is then redis://127.0.0.1:<this port>, a Redis that
   * `podpipe start` runs itself when nothing answers there (src/services/local-redis.ts).
   */
  localRedisPort: number | undefined
  /** PostgreSQL sink; off when unset. */
  databaseUrl: string | undefined
  postgres: PostgresLimits
  query: QueryLimits
  /** Absolute path. */
  dataDir: string
  /** PODPIPE_CACHE_DIR: the PGlite initdb dump new embedded databases start from. */
  cacheDir: string
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
  polling: PollingConfig
  /** The stream store: entries kept, and the largest record inlined in an entry (0 = none). */
  stream: { maxLen: number; inlineMaxBytes: number }
  /** Signed POSTs of each created or updated record; off when unset. */
  webhook: WebhookConfig | undefined
  /** Worker concurrency per queue in one process. */
  concurrency: number
  analysis: AnalysisPlacement
  /** Blobs between stages at least this many bytes are compressed in Redis. */
  blobCompressMinBytes: number
  /** V8's heap growing factor for worker processes, in percent over the live heap; 0: V8's own. */
  heapGrowingPercent: number
  logLevel: LogLevel
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
