import { isIP } from 'node:net'
import { resolve } from 'node:path'
import { z } from 'zod'
import { defaultCacheDir } from './cache-dir.js'
import { bundledFeedsFile } from './package-root.js'
import type { AnalysisPlacement, LogLevel, StoreKind } from './types.js'

/**
 * One environment variable: how it is parsed, its default and how it is documented. loadConfig,
 * describeConfig (README table, `podpipe --help`) and the error messages all read this one table.
 */
export interface VariableSpec<T> {
  readonly variable: string
  /** The default as a user reads it in the docs. */
  readonly shown: string
  readonly description: string
  /** Ends the error message: "expected …". */
  readonly expected: string
  /** The raw value used when the variable is unset or empty; undefined leaves the setting off. */
  readonly fallback?: () => string
  readonly schema: z.ZodType<T, string>
  /** Never echoed back in an error message ('always'), or only without its URL password ('url'). */
  readonly secret?: 'always' | 'url'
}

const spec = <T>(s: VariableSpec<T>): VariableSpec<T> => s

const MiB = 1024 * 1024
const STORE_KINDS = ['file', 'postgres', 'stream', 'webhook'] as const satisfies readonly StoreKind[]
const ANALYSIS_PLACEMENTS = ['threads', 'inline'] as const satisfies readonly AnalysisPlacement[]
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly LogLevel[]
const TRUE = ['1', 'true', 'yes', 'on']
const FALSE = ['0', 'false', 'no', 'off']

const url = (protocols: readonly string[]) =>
  z.string().refine((s) => {
    try {
      const u = new URL(s)
      return protocols.includes(u.protocol) && u.hostname !== ''
    } catch {
      return false
    }
  })

const int = (min: number, max: number) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max))

const bool = z.string().transform((s) => s.toLowerCase()).pipe(z.enum([...TRUE, ...FALSE])).transform((s) => TRUE.includes(s))

const WHSEC = /^whsec_([A-Za-z0-9+/]+={0,2})$/

/** A Standard Webhooks secret (whsec_ + base64 of 24–64 bytes) or a plain one of 24+ characters. */
const isWebhookSecret = (s: string): boolean => {
  const encoded = WHSEC.exec(s)?.[1]
  if (encoded === undefined) return !s.startsWith('whsec_') && s.length >= 24
  const bytes = Buffer.from(encoded, 'base64').length
  return bytes >= 24 && bytes <= 64
}

const path = z.string().min(1).transform((p) => resolve(p))

// A hostname or an IP literal: anything else would only fail later, inside listen().
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i

export const VARIABLES = {
  redisUrl: spec({
    variable: 'REDIS_URL',
    shown: 'redis://127.0.0.1:6379 (the port is PODPIPE_REDIS_PORT)',
    description: 'Redis that carries the queues. Use rediss:// for TLS; a password goes in the URL (redis://:PASSWORD@host:6379). When set it is used as given: podpipe never starts a Redis in its place.',
    expected: 'a redis:// or rediss:// URL with a host',
    schema: url(['redis:', 'rediss:']),
    secret: 'url',
  }),
  redisPort: spec({
    variable: 'PODPIPE_REDIS_PORT',
    shown: '6379',
    description: 'Port of the default Redis, redis://127.0.0.1:PORT, used while REDIS_URL is unset. When nothing answers there and redis-server is installed, `podpipe start` runs its own: bound to 127.0.0.1, AOF on, data under PODPIPE_DATA_DIR/redis, stopped with podpipe.',
    expected: 'an integer from 1 to 65535',
    fallback: () => '6379',
    schema: int(1, 65535),
  }),
  databaseUrl: spec({
    variable: 'DATABASE_URL',
    shown: '(unset: PostgreSQL sink off)',
    description: 'PostgreSQL connection URL for the postgres store, the feed registry and what the feed jobs remember of finished episodes. Setting it also turns that store on unless PODPIPE_STORES says otherwise.',
    expected: 'a postgres:// or postgresql:// URL with a host',
    schema: url(['postgres:', 'postgresql:']),
    secret: 'url',
  }),
  pgStatementTimeoutMs: spec({
    variable: 'PODPIPE_PG_STATEMENT_TIMEOUT_MS',
    shown: '30000',
    description: 'Longest one PostgreSQL statement may run, lock waits included, before the server cancels it and the publish job is retried, in milliseconds.',
    expected: 'an integer number of milliseconds from 100 to 3600000',
    fallback: () => '30000',
    schema: int(100, 3_600_000),
  }),
  pgConnectTimeoutMs: spec({
    variable: 'PODPIPE_PG_CONNECT_TIMEOUT_MS',
    shown: '5000',
    description: 'Longest wait for a new PostgreSQL connection, in milliseconds.',
    expected: 'an integer number of milliseconds from 100 to 600000',
    fallback: () => '5000',
    schema: int(100, 600_000),
  }),
  pgPoolSize: spec({
    variable: 'PODPIPE_PG_POOL_SIZE',
    shown: '5',
    description: 'Most PostgreSQL connections one process holds open at once.',
    expected: 'an integer from 1 to 100',
    fallback: () => '5',
    schema: int(1, 100),
  }),
  queryTimeoutMs: spec({
    variable: 'PODPIPE_QUERY_TIMEOUT_MS',
    shown: '5000',
    description: 'Longest one query of the HTTP API may run on PostgreSQL before the server cancels it (503), in milliseconds. PGlite cannot cancel a statement: there, page sizes and indexes bound the work.',
    expected: 'an integer number of milliseconds from 100 to 600000',
    fallback: () => '5000',
    schema: int(100, 600_000),
  }),
  pgliteFollowMs: spec({
    variable: 'PODPIPE_PGLITE_FOLLOW_MS',
    shown: '1000',
    description: 'Without DATABASE_URL the server answers queries from PGlite under PODPIPE_DATA_DIR/pglite, which it fills from the file store\'s change log: how often it reads the log for new records, in milliseconds.',
    expected: 'an integer number of milliseconds from 50 to 3600000',
    fallback: () => '1000',
    schema: int(50, 3_600_000),
  }),
  dataDir: spec({
    variable: 'PODPIPE_DATA_DIR',
    shown: './data',
    description: 'Directory of the file store (one JSON record per episode); relative paths are resolved against the working directory.',
    expected: 'a directory path',
    fallback: () => './data',
    schema: path,
  }),
  cacheDir: spec({
    variable: 'PODPIPE_CACHE_DIR',
    shown: '$XDG_CACHE_HOME/podpipe, else ~/.cache/podpipe',
    description: 'Cache of things podpipe can rebuild: a dump of a freshly initialised PGlite cluster, written by the first new embedded database, from which later new ones start (initdb in WebAssembly takes seconds). Deleting it is safe.',
    expected: 'a directory path',
    fallback: () => defaultCacheDir(),
    schema: path,
  }),
  feedsFile: spec({
    variable: 'PODPIPE_FEEDS',
    shown: 'fixtures/feeds.json (bundled with the package)',
    description: 'Feed list (a JSON feeds file or OPML) that `podpipe start` imports into the feed registry while the registry is empty, so a fresh machine polls something; `podpipe feeds import` adds any list later.',
    expected: 'a file path',
    fallback: bundledFeedsFile,
    schema: path,
  }),
  stores: spec({
    variable: 'PODPIPE_STORES',
    shown: 'file, plus postgres when DATABASE_URL is set and webhook when PODPIPE_WEBHOOK_URL is',
    description: 'Comma-separated sinks every record is written to: file, postgres, stream (a Redis stream), webhook (a signed POST per created or updated record). postgres needs DATABASE_URL, webhook PODPIPE_WEBHOOK_URL.',
    expected: `a comma-separated list of ${STORE_KINDS.join(', ')}`,
    schema: z
      .string()
      .transform((s) => s.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.enum(STORE_KINDS)).min(1))
      .transform((kinds) => [...new Set(kinds)]),
  }),
  queuePrefix: spec({
    variable: 'PODPIPE_QUEUE_PREFIX',
    shown: 'podpipe',
    description: 'BullMQ key prefix, so several deployments or test runs can share one Redis. Wrap it in braces ({podpipe}) to keep every key in one Redis Cluster slot.',
    expected: "1 to 64 letters, digits, '_', '-', '.', '{' or '}' (no ':')",
    fallback: () => 'podpipe',
    schema: z.string().regex(/^[A-Za-z0-9_.{}-]{1,64}$/),
  }),
  host: spec({
    variable: 'PODPIPE_HOST',
    shown: '127.0.0.1',
    description: 'Address the HTTP server (dashboard, /healthz, /readyz, /metrics) listens on. Any non-loopback address requires dashboard credentials.',
    expected: 'a hostname or an IP address',
    fallback: () => '127.0.0.1',
    schema: z.string().refine((h) => isIP(h.replace(/^\[(.*)\]$/, '$1')) !== 0 || HOSTNAME.test(h)),
  }),
  port: spec({
    variable: 'PODPIPE_PORT',
    shown: '3000',
    description: 'Port of the HTTP server; 0 picks a free one.',
    expected: 'an integer from 0 to 65535',
    fallback: () => '3000',
    schema: int(0, 65535),
  }),
  dashboardUser: spec({
    variable: 'PODPIPE_DASHBOARD_USER',
    shown: '(unset)',
    description: 'Basic-auth user for everything the server offers except /healthz. Set with PODPIPE_DASHBOARD_PASSWORD.',
    expected: "a non-empty user name without ':'",
    schema: z.string().regex(/^[^:]+$/),
  }),
  dashboardPassword: spec({
    variable: 'PODPIPE_DASHBOARD_PASSWORD',
    shown: '(unset)',
    description: 'Basic-auth password that goes with PODPIPE_DASHBOARD_USER.',
    expected: 'at least 8 characters',
    schema: z.string().min(8),
    secret: 'always',
  }),
  dashboardToken: spec({
    variable: 'PODPIPE_DASHBOARD_TOKEN',
    shown: '(unset)',
    description: 'Bearer token (Authorization: Bearer TOKEN), instead of basic auth, for everything except /healthz.',
    expected: 'at least 16 characters from A-Z a-z 0-9 - . _ ~ + / =',
    schema: z.string().regex(/^[A-Za-z0-9._~+/=-]{16,}$/),
    secret: 'always',
  }),
  dashboardWrite: spec({
    variable: 'PODPIPE_DASHBOARD_WRITE',
    shown: '0 (read-only)',
    description: 'Set to 1 to let the dashboard retry, clean, pause, promote and add jobs; read-only otherwise (write calls answer 405).',
    expected: `a boolean: ${[...TRUE, ...FALSE].join(', ')}`,
    fallback: () => '0',
    schema: bool,
  }),
  dashboardPath: spec({
    variable: 'PODPIPE_DASHBOARD_PATH',
    shown: '/queues',
    description: 'Path the queue dashboard is served under, e.g. /ops/queues behind a reverse proxy that forwards that prefix.',
    expected: 'a path of letters, digits and - . _ ~ segments, starting with / and not ending with it, other than /healthz, /readyz and /metrics',
    fallback: () => '/queues',
    schema: z.string().regex(/^(\/[A-Za-z0-9._~-]+)+$/).refine((p) => !['/healthz', '/readyz', '/metrics'].includes(p)),
  }),
  allowPrivateAddresses: spec({
    variable: 'PODPIPE_ALLOW_PRIVATE_ADDRESSES',
    shown: '0',
    description: 'Set to 1 to let feed and transcript fetches reach private, loopback and link-local addresses (off to prevent SSRF).',
    expected: `a boolean: ${[...TRUE, ...FALSE].join(', ')}`,
    fallback: () => '0',
    schema: bool,
  }),
  feedMaxBytes: spec({
    variable: 'PODPIPE_FEED_MAX_BYTES',
    shown: `${10 * MiB} (10 MiB)`,
    description: 'Largest feed document fetched, in bytes; larger ones fail permanently.',
    expected: 'an integer number of bytes from 1024 to 1073741824',
    fallback: () => String(10 * MiB),
    schema: int(1024, 1024 * MiB),
  }),
  transcriptMaxBytes: spec({
    variable: 'PODPIPE_TRANSCRIPT_MAX_BYTES',
    shown: `${20 * MiB} (20 MiB)`,
    description: 'Largest transcript fetched, in bytes; larger ones fail permanently.',
    expected: 'an integer number of bytes from 1024 to 1073741824',
    fallback: () => String(20 * MiB),
    schema: int(1024, 1024 * MiB),
  }),
  fetchTimeoutMs: spec({
    variable: 'PODPIPE_FETCH_TIMEOUT_MS',
    shown: '15000',
    description: 'Time allowed for one HTTP fetch (feed or transcript), in milliseconds.',
    expected: 'an integer number of milliseconds from 100 to 600000',
    fallback: () => '15000',
    schema: int(100, 600_000),
  }),
  maxRedirects: spec({
    variable: 'PODPIPE_MAX_REDIRECTS',
    shown: '5',
    description: 'Redirects followed per fetch; each hop is checked against the address policy again.',
    expected: 'an integer from 0 to 20',
    fallback: () => '5',
    schema: int(0, 20),
  }),
  maxItemsPerFeed: spec({
    variable: 'PODPIPE_MAX_ITEMS_PER_FEED',
    shown: '100',
    description: 'Most recent items read from one feed per poll; older ones are skipped, and the poll log and `podpipe ingest` say how many (ITEMS_SKIPPED).',
    expected: 'an integer from 1 to 100000',
    fallback: () => '100',
    schema: int(1, 100_000),
  }),
  recheckItems: spec({
    variable: 'PODPIPE_RECHECK_ITEMS',
    shown: '20',
    description: 'Most recent already-processed items per feed poll whose podcast:transcript file is checked for changed content (conditional GET, then sha256); 0 turns the check off.',
    expected: 'an integer from 0 to 100000',
    fallback: () => '20',
    schema: int(0, 100_000),
  }),
  transcriptWaitS: spec({
    variable: 'PODPIPE_TRANSCRIPT_WAIT_S',
    shown: '172800 (2 days)',
    description: 'How long after an episode\'s date a podcast:transcript link answering 404 or 410 counts as not published yet, in seconds: the episode fails for a transient reason and its feed is polled again within its minimum interval (PODPIPE_POLL_MIN_INTERVAL_S), then twice as long at each attempt in a row, which asks again. Past it, or for an undated episode, the link is broken and the episode fails for good; 0 always fails it for good.',
    expected: 'an integer number of seconds from 0 to 2592000',
    fallback: () => '172800',
    schema: int(0, 30 * 86_400),
  }),
  pollMinIntervalS: spec({
    variable: 'PODPIPE_POLL_MIN_INTERVAL_S',
    shown: '900 (15 min)',
    description: 'Shortest interval a feed in the registry is polled at, however often it publishes, in seconds. The interval adapts to the feed: a quarter of the median gap between its newest episodes (or of the time since the newest, once it goes quiet).',
    expected: 'an integer number of seconds from 1 to 2592000',
    fallback: () => '900',
    schema: int(1, 30 * 86_400),
  }),
  pollMaxIntervalS: spec({
    variable: 'PODPIPE_POLL_MAX_INTERVAL_S',
    shown: '86400 (1 day)',
    description: 'Longest interval a feed in the registry is polled at (a feed that has not published for months, or a new one with fewer than two dated episodes), in seconds.',
    expected: 'an integer number of seconds from 1 to 2592000',
    fallback: () => '86400',
    schema: int(1, 30 * 86_400),
  }),
  pollBatchSize: spec({
    variable: 'PODPIPE_POLL_BATCH_SIZE',
    shown: '100',
    description: 'Due feeds one scheduler tick claims per poll-batch job: each batch is one job in Redis and one statement to read and one to write back in the database.',
    expected: 'an integer from 1 to 1000',
    fallback: () => '100',
    schema: int(1, 1000),
  }),
  pollBatches: spec({
    variable: 'PODPIPE_POLL_BATCHES',
    shown: '4',
    description: 'Poll-batch jobs one worker process runs at once: they wait on the network, not the CPU, so more than PODPIPE_CONCURRENCY.',
    expected: 'an integer from 1 to 64',
    fallback: () => '4',
    schema: int(1, 64),
  }),
  pollConcurrency: spec({
    variable: 'PODPIPE_POLL_CONCURRENCY',
    shown: '64',
    description: 'Feed requests one poll-batch job has in flight at once (over every host).',
    expected: 'an integer from 1 to 1024',
    fallback: () => '64',
    schema: int(1, 1024),
  }),
  pollHostConcurrency: spec({
    variable: 'PODPIPE_POLL_HOST_CONCURRENCY',
    shown: '4',
    description: 'Feed requests a worker process has in flight at once to one host (scheme, name and port), over kept-alive connections. A host that answers 429 or 503 with Retry-After is not asked again before then.',
    expected: 'an integer from 1 to 64',
    fallback: () => '4',
    schema: int(1, 64),
  }),
  pollTickS: spec({
    variable: 'PODPIPE_POLL_TICK_S',
    shown: '5',
    description: 'How often the scheduler claims the feeds that are due from the registry, in seconds.',
    expected: 'an integer number of seconds from 1 to 59',
    fallback: () => '5',
    schema: int(1, 59),
  }),
  streamMaxLen: spec({
    variable: 'PODPIPE_STREAM_MAX_LEN',
    shown: '10000',
    description: 'Entries the stream store keeps in its Redis stream (trimmed approximately, MAXLEN ~); older entries are dropped.',
    expected: 'an integer from 1 to 100000000',
    fallback: () => '10000',
    schema: int(1, 100_000_000),
  }),
  streamInlineMaxBytes: spec({
    variable: 'PODPIPE_STREAM_INLINE_MAX_BYTES',
    shown: '65536 (64 KiB)',
    description: 'Largest record (bytes of JSON) a stream entry carries; larger ones are announced by id, hash and size only, to be read from another store. 0 never inlines. Bounds the stream to about PODPIPE_STREAM_MAX_LEN × this.',
    expected: 'an integer number of bytes from 0 to 536870912',
    fallback: () => '65536',
    schema: int(0, 512 * MiB),
  }),
  webhookUrl: spec({
    variable: 'PODPIPE_WEBHOOK_URL',
    shown: '(unset: webhook off)',
    description: 'http(s) URL that receives a signed POST (Standard Webhooks) for each created or updated record. Setting it also turns the webhook store on unless PODPIPE_STORES says otherwise. Loopback and private addresses are allowed; redirects are not followed.',
    expected: 'an http:// or https:// URL with a host',
    schema: url(['http:', 'https:']),
    // Receivers often put a token in the path or query.
    secret: 'always',
  }),
  webhookSecret: spec({
    variable: 'PODPIPE_WEBHOOK_SECRET',
    shown: '(unset; required with PODPIPE_WEBHOOK_URL)',
    description: 'HMAC-SHA256 key of the webhook-signature header: whsec_ followed by base64 (as Standard Webhooks libraries take it; make one with `echo whsec_$(openssl rand -base64 32)`), or any other string of 24+ characters, used as its UTF-8 bytes.',
    expected: 'whsec_ and base64 of 24 to 64 bytes, or at least 24 characters',
    schema: z.string().refine(isWebhookSecret),
    secret: 'always',
  }),
  webhookTimeoutMs: spec({
    variable: 'PODPIPE_WEBHOOK_TIMEOUT_MS',
    shown: '10000',
    description: 'Time allowed for one webhook POST, connecting to reading the answer, in milliseconds; one that runs out is retried.',
    expected: 'an integer number of milliseconds from 100 to 120000',
    fallback: () => '10000',
    schema: int(100, 120_000),
  }),
  webhookMaxResponseBytes: spec({
    variable: 'PODPIPE_WEBHOOK_MAX_RESPONSE_BYTES',
    shown: '65536 (64 KiB)',
    description: "Most bytes of a webhook receiver's answer read (the status decides the outcome; the start of an error answer is quoted in the failure reason); the connection is closed past it.",
    expected: 'an integer number of bytes from 0 to 16777216',
    fallback: () => '65536',
    schema: int(0, 16 * MiB),
  }),
  blobCompressMinBytes: spec({
    variable: 'PODPIPE_BLOB_COMPRESS_MIN_BYTES',
    shown: '1048576 (1 MiB)',
    description: 'Intermediate data between stages (a transcript, a record) at least this large is compressed (brotli, fastest level) in Redis; smaller blobs go plain: on a seed-size record compressing costs several times the CPU of encoding it (npm run bench -- blobs). Lower it to hold a backlog (a store outage) in less Redis memory.',
    expected: 'an integer number of bytes from 0 to 536870912',
    fallback: () => String(MiB),
    schema: int(0, 512 * MiB),
  }),
  concurrency: spec({
    variable: 'PODPIPE_CONCURRENCY',
    shown: '2',
    description: 'Jobs one worker process runs at once per queue.',
    expected: 'an integer from 1 to 256',
    fallback: () => '2',
    schema: int(1, 256),
  }),
  analysis: spec({
    variable: 'PODPIPE_ANALYSIS',
    shown: 'threads',
    description: "Where a worker process analyses episodes. threads: in min(PODPIPE_CONCURRENCY, cores − 1) worker threads (at least one), so the event loop keeps renewing job locks, answering health checks and running the I/O stages while a long episode is analysed, and an analysis past the stage deadline is stopped. inline: on the event loop, one analyze job at a time, for one worker process per core: less CPU an episode when every core runs a worker process (npm run bench -- pipeline), but a long episode holds up everything else the process does while it is analysed, and a document that hangs analysis holds the process until it is restarted.",
    expected: 'threads or inline',
    fallback: () => 'threads',
    schema: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(ANALYSIS_PLACEMENTS)),
  }),
  heapGrowingPercent: spec({
    variable: 'PODPIPE_HEAP_GROWING_PERCENT',
    shown: '200',
    description: "How far a worker process's JavaScript heap may grow past what survived its last full collection before V8 starts the next one, in percent (V8's --heap-growing-percent; 0 leaves it to V8). The blobs a worker moves through Redis count against that headroom, and at V8's own setting a worker collected in full every ten or so seed-size episodes.",
    expected: 'an integer from 0 to 300',
    fallback: () => '200',
    schema: int(0, 300),
  }),
  logLevel: spec({
    variable: 'LOG_LEVEL',
    shown: 'info',
    description: 'pino log level; logs are JSON lines on stdout.',
    expected: `one of ${LOG_LEVELS.join(', ')}`,
    fallback: () => 'info',
    schema: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(LOG_LEVELS)),
  }),
} as const
