import { mkdtempSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isPodpipeError } from '../errors/index.js'
import { loadConfig } from './env.js'
import { describeConfig } from './describe.js'

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..')

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
    ['PODPIPE_STREAM_MAX_LEN', config.stream.maxLen, 10_000],
    ['PODPIPE_STREAM_INLINE_MAX_BYTES', config.stream.inlineMaxBytes, 64 * 1024],
    ['PODPIPE_CONCURRENCY', config.concurrency, 2],
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
      'REDIS_URL', 'DATABASE_URL', 'PODPIPE_PG_STATEMENT_TIMEOUT_MS', 'PODPIPE_PG_CONNECT_TIMEOUT_MS', 'PODPIPE_PG_POOL_SIZE', 'PODPIPE_QUERY_TIMEOUT_MS', 'PODPIPE_PGLITE_FOLLOW_MS', 'PODPIPE_DATA_DIR', 'PODPIPE_FEEDS', 'PODPIPE_STORES', 'PODPIPE_QUEUE_PREFIX',
      'PODPIPE_HOST', 'PODPIPE_PORT', 'PODPIPE_DASHBOARD_USER', 'PODPIPE_DASHBOARD_PASSWORD', 'PODPIPE_DASHBOARD_TOKEN',
      'PODPIPE_DASHBOARD_WRITE', 'PODPIPE_DASHBOARD_PATH', 'PODPIPE_ALLOW_PRIVATE_ADDRESSES', 'PODPIPE_FEED_MAX_BYTES', 'PODPIPE_TRANSCRIPT_MAX_BYTES',
      'PODPIPE_FETCH_TIMEOUT_MS', 'PODPIPE_MAX_REDIRECTS', 'PODPIPE_MAX_ITEMS_PER_FEED', 'PODPIPE_RECHECK_ITEMS',
      'PODPIPE_STREAM_MAX_LEN', 'PODPIPE_STREAM_INLINE_MAX_BYTES', 'PODPIPE_CONCURRENCY', 'LOG_LEVEL',
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
      PODPIPE_STREAM_MAX_LEN: '500',
      PODPIPE_STREAM_INLINE_MAX_BYTES: '0',
      PODPIPE_CONCURRENCY: '16',
      LOG_LEVEL: 'DEBUG',
    })
    expect(config).toEqual({
      redisUrl: 'rediss://:pw@redis.example:6380/2',
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/test',
      postgres: { statementTimeoutMs: 250, connectTimeoutMs: 1500, poolSize: 2 },
      query: { timeoutMs: 750, followMs: 200 },
      dataDir: join(dir, 'x'),
      feedsFile: join(dir, 'feeds.json'),
      stores: ['file', 'stream'],
      queuePrefix: '{pp-test}',
      host: '0.0.0.0',
      port: 0,
      auth: { user: 'ops', password: 'correct horse' },
      dashboardWrite: true,
      dashboardPath: '/ops/queues',
      allowPrivateAddresses: true,
      limits: { feedMaxBytes: 2048, transcriptMaxBytes: 4096, fetchTimeoutMs: 500, maxRedirects: 0, maxItemsPerFeed: 7, recheckItems: 0 },
      stream: { maxLen: 500, inlineMaxBytes: 0 },
      concurrency: 16,
      logLevel: 'debug',
    })
  })

  it('adds the postgres store when DATABASE_URL is set and PODPIPE_STORES is not', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/test' }).stores).toEqual(['file', 'postgres'])
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
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL="mysql://db/x" is not valid: expected a postgres:// or postgresql:// URL with a host'],
    [{ PODPIPE_PG_STATEMENT_TIMEOUT_MS: '10' }, 'PODPIPE_PG_STATEMENT_TIMEOUT_MS="10" is not valid: expected an integer number of milliseconds from 100 to 3600000'],
    [{ PODPIPE_PG_CONNECT_TIMEOUT_MS: '5s' }, 'PODPIPE_PG_CONNECT_TIMEOUT_MS="5s" is not valid: expected an integer number of milliseconds from 100 to 600000'],
    [{ PODPIPE_PG_POOL_SIZE: '0' }, 'PODPIPE_PG_POOL_SIZE="0" is not valid: expected an integer from 1 to 100'],
    [{ PODPIPE_STORES: 'file,s3' }, 'PODPIPE_STORES="file,s3" is not valid: expected a comma-separated list of file, postgres, stream'],
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
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL="verbose" is not valid: expected one of fatal, error, warn, info, debug, trace, silent'],
    [{ PODPIPE_STORES: 'file,postgres' }, 'PODPIPE_STORES includes postgres but DATABASE_URL is not set'],
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

  it('reports every invalid variable at once', () => {
    const message = configError({ PODPIPE_PORT: 'x', LOG_LEVEL: 'loud' })
    expect(message).toContain('PODPIPE_PORT="x"')
    expect(message).toContain('LOG_LEVEL="loud"')
  })
})
