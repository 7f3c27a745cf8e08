import { mkdtempSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isPodpipeError } from '../errors/index.js'
import { loadConfig } from './env.js'
import { describeConfig } from './describe.js'

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..')

/** A Standard Webhooks secret: whsec_ and the base64 of 32 bytes. */
const SECRET = 'whsec_' + Buffer.alloc(32, 7).toString('base64')

const configError = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env)
  } catch (err) {
    expect(isPodpipeError(err) && err.code).toBe('CONFIG')
    return (err as Error).message
  }
  throw new Error(`expected loadConfig to reject ${JSON.stringify(env)}`)
}

describe('loadConfig defaults', () => {
  const config = loadConfig({})

  it.each([
    ['REDIS_URL', config.redisUrl, 'redis://127.0.0.1:6379'],
    ['PODPIPE_REDIS_PORT', config.localRedisPort, 6379],
    ['DATABASE_URL', config.databaseUrl, undefined],
    ['PODPIPE_PG_STATEMENT_TIMEOUT_MS', config.postgres.statementTimeoutMs, 30000],
    ['PODPIPE_PG_CONNECT_TIMEOUT_MS', config.postgres.connectTimeoutMs, 5000],
    ['PODPIPE_PG_POOL_SIZE', config.postgres.poolSize, 5],
    ['PODPIPE_QUERY_TIMEOUT_MS', config.query.timeoutMs, 5000],
    ['PODPIPE_PGLITE_FOLLOW_MS', config.query.followMs, 1000],
    ['PODPIPE_DATA_DIR', config.dataDir, resolve('./data')],
    ['PODPIPE_FEEDS', config.feedsFile, join(repoRoot, 'fixtures', 'feeds.json')],
    ['PODPIPE_STORES', config.stores, ['file']],
    ['PODPIPE_QUEUE_PREFIX', config.queuePrefix, 'podpipe'],
    ['PODPIPE_HOST', config.host, '127.0.0.1'],
    ['PODPIPE_PORT', config.port, 3000],
    ['PODPIPE_DASHBOARD_USER/PASSWORD/TOKEN', config.auth, undefined],
    ['PODPIPE_DASHBOARD_WRITE', config.dashboardWrite, false],
    ['PODPIPE_DASHBOARD_PATH', config.dashboardPath, '/queues'],
    ['PODPIPE_ALLOW_PRIVATE_ADDRESSES', config.allowPrivateAddresses, false],
    ['PODPIPE_FEED_MAX_BYTES', config.limits.feedMaxBytes, 10 * 1024 * 1024],
    ['PODPIPE_TRANSCRIPT_MAX_BYTES', config.limits.transcriptMaxBytes, 20 * 1024 * 1024],
    ['PODPIPE_FETCH_TIMEOUT_MS', config.limits.fetchTimeoutMs, 15000],
    ['PODPIPE_MAX_REDIRECTS', config.limits.maxRedirects, 5],
    ['PODPIPE_MAX_ITEMS_PER_FEED', config.limits.maxItemsPerFeed, 100],
    ['PODPIPE_RECHECK_ITEMS', config.limits.recheckItems, 20],
    ['PODPIPE_TRANSCRIPT_WAIT_S', config.limits.transcriptWaitS, 172_800],
    ['PODPIPE_POLL_MIN_INTERVAL_S', config.polling.minIntervalS, 900],
    ['PODPIPE_POLL_MAX_INTERVAL_S', config.polling.maxIntervalS, 86_400],
    ['PODPIPE_POLL_BATCH_SIZE', config.polling.batchSize, 100],
    ['PODPIPE_POLL_BATCHES', config.polling.batches, 4],
    ['PODPIPE_POLL_CONCURRENCY', config.polling.concurrency, 64],
    ['PODPIPE_POLL_HOST_CONCURRENCY', config.polling.hostConcurrency, 4],
    ['PODPIPE_POLL_TICK_S', config.polling.tickS, 5],
    ['PODPIPE_STREAM_MAX_LEN', config.stream.maxLen, 10_000],
    ['PODPIPE_STREAM_INLINE_MAX_BYTES', config.stream.inlineMaxBytes, 64 * 1024],
    ['PODPIPE_BLOB_COMPRESS_MIN_BYTES', config.blobCompressMinBytes, 1024 * 1024],
    ['PODPIPE_CONCURRENCY', config.concurrency, 2],
    ['PODPIPE_ANALYSIS', config.analysis, 'threads'],
    ['PODPIPE_HEAP_GROWING_PERCENT', config.heapGrowingPercent, 200],
    ['LOG_LEVEL', config.logLevel, 'info'],
  ])('%s', (_variable, actual, expected) => {
    expect(actual).toEqual(expected)
  })

  it('is frozen, so no caller can change settings another part relies on', () => {
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('treats an empty variable as unset (compose passes ${X:-} as "")', () => {
    expect(loadConfig({ PODPIPE_PORT: '', REDIS_URL: '  ' })).toMatchObject({ port: 3000, redisUrl: 'redis://127.0.0.1:6379' })
  })

  it('finds the bundled feeds file from any working directory', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'podpipe-cwd-'))
    const before = process.cwd()
    process.chdir(elsewhere)
    try {
      expect(loadConfig({}).feedsFile).toBe(join(repoRoot, 'fixtures', 'feeds.json'))
    } finally {
      process.chdir(before)
    }
  })

  it('lists every variable it reads in describeConfig, each with a default and a description', () => {
    const rows = describeConfig()
    expect(rows.map((r) => r.variable)).toEqual([
      'REDIS_URL', 'PODPIPE_REDIS_PORT', 'DATABASE_URL', 'PODPIPE_PG_STATEMENT_TIMEOUT_MS', 'PODPIPE_PG_CONNECT_TIMEOUT_MS', 'PODPIPE_PG_POOL_SIZE', 'PODPIPE_QUERY_TIMEOUT_MS', 'PODPIPE_PGLITE_FOLLOW_MS', 'PODPIPE_DATA_DIR', 'PODPIPE_CACHE_DIR', 'PODPIPE_FEEDS', 'PODPIPE_STORES', 'PODPIPE_QUEUE_PREFIX',
      'PODPIPE_HOST', 'PODPIPE_PORT', 'PODPIPE_DASHBOARD_USER', 'PODPIPE_DASHBOARD_PASSWORD', 'PODPIPE_DASHBOARD_TOKEN',
      'PODPIPE_DASHBOARD_WRITE', 'PODPIPE_DASHBOARD_PATH', 'PODPIPE_ALLOW_PRIVATE_ADDRESSES', 'PODPIPE_FEED_MAX_BYTES', 'PODPIPE_TRANSCRIPT_MAX_BYTES',
      'PODPIPE_FETCH_TIMEOUT_MS', 'PODPIPE_MAX_REDIRECTS', 'PODPIPE_MAX_ITEMS_PER_FEED', 'PODPIPE_RECHECK_ITEMS', 'PODPIPE_TRANSCRIPT_WAIT_S',
      'PODPIPE_POLL_MIN_INTERVAL_S', 'PODPIPE_POLL_MAX_INTERVAL_S', 'PODPIPE_POLL_BATCH_SIZE', 'PODPIPE_POLL_BATCHES', 'PODPIPE_POLL_CONCURRENCY', 'PODPIPE_POLL_HOST_CONCURRENCY', 'PODPIPE_POLL_TICK_S',
      'PODPIPE_STREAM_MAX_LEN', 'PODPIPE_STREAM_INLINE_MAX_BYTES', 'PODPIPE_WEBHOOK_URL', 'PODPIPE_WEBHOOK_SECRET', 'PODPIPE_WEBHOOK_TIMEOUT_MS',
      'PODPIPE_WEBHOOK_MAX_RESPONSE_BYTES', 'PODPIPE_BLOB_COMPRESS_MIN_BYTES', 'PODPIPE_CONCURRENCY', 'PODPIPE_ANALYSIS', 'PODPIPE_HEAP_GROWING_PERCENT', 'LOG_LEVEL',
    ])
    for (const row of rows) {
      expect(row.default, row.variable).not.toBe('')
      expect(row.description.length, row.variable).toBeGreaterThan(20)
    }
  })
})

describe('loadConfig values', () => {
  it('reads every variable when set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podpipe-data-'))
    mkdirSync(join(dir, 'x'))
    const config = loadConfig({
      REDIS_URL: 'rediss://:pw@redis.example:6380/2',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
      PODPIPE_PG_STATEMENT_TIMEOUT_MS: '250',
      PODPIPE_PG_CONNECT_TIMEOUT_MS: '1500',
      PODPIPE_PG_POOL_SIZE: '2',
      PODPIPE_QUERY_TIMEOUT_MS: '750',
      PODPIPE_PGLITE_FOLLOW_MS: '200',
      PODPIPE_DATA_DIR: join(dir, 'x'),
      PODPIPE_CACHE_DIR: join(dir, 'cache'),
      PODPIPE_FEEDS: join(dir, 'feeds.json'),
      PODPIPE_STORES: ' File , stream,file ',
      PODPIPE_QUEUE_PREFIX: '{pp-test}',
      PODPIPE_HOST: '0.0.0.0',
      PODPIPE_PORT: '0',
      PODPIPE_DASHBOARD_USER: 'ops',
      PODPIPE_DASHBOARD_PASSWORD: 'correct horse',
      PODPIPE_DASHBOARD_WRITE: 'yes',
      PODPIPE_DASHBOARD_PATH: '/ops/queues',
      PODPIPE_ALLOW_PRIVATE_ADDRESSES: 'TRUE',
      PODPIPE_FEED_MAX_BYTES: '2048',
      PODPIPE_TRANSCRIPT_MAX_BYTES: '4096',
      PODPIPE_FETCH_TIMEOUT_MS: '500',
      PODPIPE_MAX_REDIRECTS: '0',
      PODPIPE_MAX_ITEMS_PER_FEED: '7',
      PODPIPE_RECHECK_ITEMS: '0',
      PODPIPE_TRANSCRIPT_WAIT_S: '60',
      PODPIPE_STREAM_MAX_LEN: '500',
      PODPIPE_STREAM_INLINE_MAX_BYTES: '0',
      PODPIPE_BLOB_COMPRESS_MIN_BYTES: '0',
      PODPIPE_CONCURRENCY: '16',
      PODPIPE_ANALYSIS: 'Inline',
      PODPIPE_HEAP_GROWING_PERCENT: '0',
      LOG_LEVEL: 'DEBUG',
    })
    expect(config).toEqual({
      redisUrl: 'rediss://:pw@redis.example:6380/2',
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/test',
      postgres: { statementTimeoutMs: 250, connectTimeoutMs: 1500, poolSize: 2 },
      query: { timeoutMs: 750, followMs: 200 },
      dataDir: join(dir, 'x'),
      cacheDir: join(dir, 'cache'),
      feedsFile: join(dir, 'feeds.json'),
      stores: ['file', 'stream'],
      queuePrefix: '{pp-test}',
      host: '0.0.0.0',
      port: 0,
      auth: { user: 'ops', password: 'correct horse' },
      dashboardWrite: true,
      dashboardPath: '/ops/queues',
      allowPrivateAddresses: true,
      limits: { feedMaxBytes: 2048, transcriptMaxBytes: 4096, fetchTimeoutMs: 500, maxRedirects: 0, maxItemsPerFeed: 7, recheckItems: 0, transcriptWaitS: 60 },
      polling: { minIntervalS: 900, maxIntervalS: 86_400, batchSize: 100, batches: 4, concurrency: 64, hostConcurrency: 4, tickS: 5 },
      stream: { maxLen: 500, inlineMaxBytes: 0 },
      concurrency: 16,
      analysis: 'inline',
      blobCompressMinBytes: 0,
      heapGrowingPercent: 0,
      logLevel: 'debug',
    })
  })

  it('adds the postgres store when DATABASE_URL is set and PODPIPE_STORES is not', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/test' }).stores).toEqual(['file', 'postgres'])
  })

  it('puts the default Redis on PODPIPE_REDIS_PORT, and uses a REDIS_URL that is set as given', () => {
    expect(loadConfig({ PODPIPE_REDIS_PORT: '6390' })).toMatchObject({ redisUrl: 'redis://127.0.0.1:6390', localRedisPort: 6390 })
    const given = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', PODPIPE_REDIS_PORT: '6390' })
    expect(given.redisUrl).toBe('redis://127.0.0.1:6379')
    expect(given.localRedisPort).toBeUndefined()
  })

  it('adds the webhook store when PODPIPE_WEBHOOK_URL is set, with its limits', () => {
    const config = loadConfig({ PODPIPE_WEBHOOK_URL: 'http://127.0.0.1:9000/hook', PODPIPE_WEBHOOK_SECRET: SECRET, PODPIPE_WEBHOOK_TIMEOUT_MS: '2500' })
    expect(config.stores).toEqual(['file', 'webhook'])
    expect(config.webhook).toEqual({ url: 'http://127.0.0.1:9000/hook', secret: SECRET, timeoutMs: 2500, maxResponseBytes: 65536 })
    expect(loadConfig({}).webhook).toBeUndefined()
    expect(loadConfig({ PODPIPE_WEBHOOK_URL: 'https://h.example/', PODPIPE_WEBHOOK_SECRET: 'a plain secret of 24 chars!' }).webhook?.secret).toBe('a plain secret of 24 chars!')
  })

  it('keeps an explicit PODPIPE_STORES even when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/test', PODPIPE_STORES: 'stream' }).stores).toEqual(['stream'])
  })

  it('accepts a bearer token instead of basic auth on a public address', () => {
    const config = loadConfig({ PODPIPE_HOST: '::', PODPIPE_DASHBOARD_TOKEN: 'abcdefghijklmnop0123' })
    expect(config.auth).toEqual({ token: 'abcdefghijklmnop0123' })
  })

  it.each(['localhost', '127.0.0.2', '::1', '[::1]'])('needs no credentials on loopback %s', (host) => {
    expect(loadConfig({ PODPIPE_HOST: host }).auth).toBeUndefined()
  })

  it.each(['0', 'false', 'NO', 'off'])('reads %s as false', (value) => {
    expect(loadConfig({ PODPIPE_DASHBOARD_WRITE: value }).dashboardWrite).toBe(false)
  })
})

describe('loadConfig errors', () => {
  it.each([
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL="localhost:6379" is not valid: expected a redis:// or rediss:// URL with a host'],
    [{ REDIS_URL: 'http://redis:6379' }, 'REDIS_URL="http://redis:6379" is not valid: expected a redis:// or rediss:// URL'],
    [{ PODPIPE_REDIS_PORT: '0' }, 'PODPIPE_REDIS_PORT="0" is not valid: expected an integer from 1 to 65535'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL="mysql://db/x" is not valid: expected a postgres:// or postgresql:// URL with a host'],
    [{ PODPIPE_PG_STATEMENT_TIMEOUT_MS: '10' }, 'PODPIPE_PG_STATEMENT_TIMEOUT_MS="10" is not valid: expected an integer number of milliseconds from 100 to 3600000'],
    [{ PODPIPE_PG_CONNECT_TIMEOUT_MS: '5s' }, 'PODPIPE_PG_CONNECT_TIMEOUT_MS="5s" is not valid: expected an integer number of milliseconds from 100 to 600000'],
    [{ PODPIPE_PG_POOL_SIZE: '0' }, 'PODPIPE_PG_POOL_SIZE="0" is not valid: expected an integer from 1 to 100'],
    [{ PODPIPE_STORES: 'file,s3' }, 'PODPIPE_STORES="file,s3" is not valid: expected a comma-separated list of file, postgres, stream, webhook'],
    [{ PODPIPE_STORES: ',' }, 'PODPIPE_STORES="," is not valid: expected a comma-separated list'],
    [{ PODPIPE_QUEUE_PREFIX: 'pod:pipe' }, `PODPIPE_QUEUE_PREFIX="pod:pipe" is not valid: expected 1 to 64 letters, digits, '_', '-', '.', '{' or '}' (no ':')`],
    [{ PODPIPE_HOST: 'http://0.0.0.0' }, 'PODPIPE_HOST="http://0.0.0.0" is not valid: expected a hostname or an IP address'],
    [{ PODPIPE_PORT: 'abc' }, 'PODPIPE_PORT="abc" is not valid: expected an integer from 0 to 65535'],
    [{ PODPIPE_PORT: '70000' }, 'PODPIPE_PORT="70000" is not valid: expected an integer from 0 to 65535'],
    [{ PODPIPE_DASHBOARD_USER: 'a:b', PODPIPE_DASHBOARD_PASSWORD: 'longenough' }, `PODPIPE_DASHBOARD_USER="a:b" is not valid: expected a non-empty user name without ':'`],
    [{ PODPIPE_DASHBOARD_USER: 'ops', PODPIPE_DASHBOARD_PASSWORD: 'short' }, 'PODPIPE_DASHBOARD_PASSWORD=(hidden, 5 characters) is not valid: expected at least 8 characters'],
    [{ PODPIPE_DASHBOARD_TOKEN: 'tiny' }, 'PODPIPE_DASHBOARD_TOKEN=(hidden, 4 characters) is not valid: expected at least 16 characters'],
    [{ PODPIPE_DASHBOARD_WRITE: 'maybe' }, 'PODPIPE_DASHBOARD_WRITE="maybe" is not valid: expected a boolean: 1, true, yes, on, 0, false, no, off'],
    [{ PODPIPE_DASHBOARD_PATH: 'queues' }, 'PODPIPE_DASHBOARD_PATH="queues" is not valid: expected a path'],
    [{ PODPIPE_DASHBOARD_PATH: '/queues/' }, 'PODPIPE_DASHBOARD_PATH="/queues/" is not valid: expected a path'],
    [{ PODPIPE_DASHBOARD_PATH: '/healthz' }, 'PODPIPE_DASHBOARD_PATH="/healthz" is not valid: expected a path'],
    [{ PODPIPE_ALLOW_PRIVATE_ADDRESSES: '2' }, 'PODPIPE_ALLOW_PRIVATE_ADDRESSES="2" is not valid: expected a boolean'],
    [{ PODPIPE_FEED_MAX_BYTES: '10MB' }, 'PODPIPE_FEED_MAX_BYTES="10MB" is not valid: expected an integer number of bytes from 1024 to 1073741824'],
    [{ PODPIPE_TRANSCRIPT_MAX_BYTES: '0' }, 'PODPIPE_TRANSCRIPT_MAX_BYTES="0" is not valid: expected an integer number of bytes from 1024'],
    [{ PODPIPE_FETCH_TIMEOUT_MS: '1.5' }, 'PODPIPE_FETCH_TIMEOUT_MS="1.5" is not valid: expected an integer number of milliseconds from 100 to 600000'],
    [{ PODPIPE_MAX_REDIRECTS: '-1' }, 'PODPIPE_MAX_REDIRECTS="-1" is not valid: expected an integer from 0 to 20'],
    [{ PODPIPE_MAX_ITEMS_PER_FEED: '0' }, 'PODPIPE_MAX_ITEMS_PER_FEED="0" is not valid: expected an integer from 1 to 100000'],
    [{ PODPIPE_RECHECK_ITEMS: '-1' }, 'PODPIPE_RECHECK_ITEMS="-1" is not valid: expected an integer from 0 to 100000'],
    [{ PODPIPE_STREAM_MAX_LEN: '0' }, 'PODPIPE_STREAM_MAX_LEN="0" is not valid: expected an integer from 1 to 100000000'],
    [{ PODPIPE_STREAM_INLINE_MAX_BYTES: '64k' }, 'PODPIPE_STREAM_INLINE_MAX_BYTES="64k" is not valid: expected an integer number of bytes from 0 to 536870912'],
    [{ PODPIPE_CONCURRENCY: 'lots' }, 'PODPIPE_CONCURRENCY="lots" is not valid: expected an integer from 1 to 256'],
    [{ PODPIPE_ANALYSIS: 'thread' }, 'PODPIPE_ANALYSIS="thread" is not valid: expected threads or inline'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL="verbose" is not valid: expected one of fatal, error, warn, info, debug, trace, silent'],
    [{ PODPIPE_STORES: 'file,postgres' }, 'PODPIPE_STORES includes postgres but DATABASE_URL is not set'],
    [{ PODPIPE_STORES: 'file,webhook' }, 'PODPIPE_STORES includes webhook but PODPIPE_WEBHOOK_URL is not set'],
    [{ PODPIPE_WEBHOOK_URL: 'https://hooks.example/in' }, 'PODPIPE_WEBHOOK_URL is set without PODPIPE_WEBHOOK_SECRET'],
    [{ PODPIPE_WEBHOOK_URL: 'ftp://hooks.example/in', PODPIPE_WEBHOOK_SECRET: SECRET }, 'PODPIPE_WEBHOOK_URL=(hidden, 22 characters) is not valid: expected an http:// or https:// URL with a host'],
    [{ PODPIPE_WEBHOOK_URL: 'https://hooks.example/in', PODPIPE_WEBHOOK_SECRET: 'short' }, 'PODPIPE_WEBHOOK_SECRET=(hidden, 5 characters) is not valid: expected whsec_ and base64 of 24 to 64 bytes'],
    [{ PODPIPE_WEBHOOK_URL: 'https://hooks.example/in', PODPIPE_WEBHOOK_SECRET: 'whsec_c2hvcnQ=' }, 'PODPIPE_WEBHOOK_SECRET=(hidden, 14 characters) is not valid'],
    [{ PODPIPE_WEBHOOK_TIMEOUT_MS: '50' }, 'PODPIPE_WEBHOOK_TIMEOUT_MS="50" is not valid: expected an integer number of milliseconds from 100 to 120000'],
    [{ PODPIPE_DASHBOARD_USER: 'ops' }, 'PODPIPE_DASHBOARD_USER is set without PODPIPE_DASHBOARD_PASSWORD'],
    [{ PODPIPE_DASHBOARD_PASSWORD: 'longenough' }, 'PODPIPE_DASHBOARD_PASSWORD is set without PODPIPE_DASHBOARD_USER'],
    [
      { PODPIPE_DASHBOARD_USER: 'ops', PODPIPE_DASHBOARD_PASSWORD: 'longenough', PODPIPE_DASHBOARD_TOKEN: 'abcdefghijklmnop0123' },
      'PODPIPE_DASHBOARD_TOKEN and PODPIPE_DASHBOARD_USER/PASSWORD are both set: choose one',
    ],
    [{ PODPIPE_HOST: '0.0.0.0' }, 'PODPIPE_HOST="0.0.0.0" is not a loopback address, so the dashboard would be open to the network'],
    [{ PODPIPE_HOST: 'podpipe.example.org' }, 'PODPIPE_HOST="podpipe.example.org" is not a loopback address'],
  ])('%j', (env, message) => {
    expect(configError(env)).toContain(message)
  })

  it('never echoes a password from a URL', () => {
    const message = configError({ REDIS_URL: 'http://:hunter2@redis:6379' })
    expect(message).toContain('REDIS_URL="http://:[REDACTED]@redis:6379"')
    expect(message).not.toContain('hunter2')
  })

  it('hides a malformed URL that may still hold a password', () => {
    const message = configError({ DATABASE_URL: 'postgres//app:hunter2@db/x' })
    expect(message).toContain('DATABASE_URL=(hidden, 26 characters) is not valid')
    expect(message).not.toContain('hunter2')
  })

  it('refuses a minimum poll interval above the maximum, naming both', () => {
    expect(configError({ PODPIPE_POLL_MIN_INTERVAL_S: '7200', PODPIPE_POLL_MAX_INTERVAL_S: '3600' }))
      .toMatch(/PODPIPE_POLL_MIN_INTERVAL_S \(7200\) is above PODPIPE_POLL_MAX_INTERVAL_S \(3600\)/)
  })

  it('reports every invalid variable at once', () => {
    const message = configError({ PODPIPE_PORT: 'x', LOG_LEVEL: 'loud' })
    expect(message).toContain('PODPIPE_PORT="x"')
    expect(message).toContain('LOG_LEVEL="loud"')
  })
})
