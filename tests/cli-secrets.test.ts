// A Redis password must never reach the terminal or the logs: every command that connects is
// run against a private redis-server with --requirepass, with a wrong password, with the right
// password on a port where nothing listens, and with none at all, and its whole output is searched.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPodpipe, type CliRun } from './helpers/cli.js'
import { SEED_FEED, uniquePrefix } from './helpers/pipeline-env.js'
import { sparePort, startRedisServer, type TestRedis } from './helpers/redis-server.js'

const PASSWORD = 'Tr0ub4dor-s3cret'
const WRONG = 'c0rrect-h0rse-wr0ng'
const USER = 'acl-user-n4me'

let redis: TestRedis
let deadPort = 0

beforeAll(async () => {
  redis = await startRedisServer([], { password: PASSWORD })
  deadPort = await sparePort()
})

afterAll(async () => {
  await redis.destroy()
})

const COMMANDS: Record<string, string[]> = {
  start: ['start'],
  worker: ['worker'],
  scheduler: ['scheduler'],
  serve: ['serve'],
  ingest: ['ingest', SEED_FEED, '--timeout', '10'],
  'ingest --no-workers': ['ingest', SEED_FEED, '--no-workers', '--timeout', '10'],
}

const run = (args: string[], redisUrl: string, extra: Record<string, string> = {}, killAfterMs = 40_000): Promise<CliRun> =>
  runPodpipe(args, {
    env: {
      REDIS_URL: redisUrl,
      PODPIPE_QUEUE_PREFIX: uniquePrefix(),
      PODPIPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'podpipe-secrets-')),
      PODPIPE_STORES: 'file',
      PODPIPE_PORT: '0',
      LOG_LEVEL: 'debug',
      ...extra,
    },
    killAfterMs,
  })

const expectNoSecret = (out: CliRun, ...secrets: string[]) => {
  const text = out.stdout + out.stderr
  for (const secret of secrets) expect(text).not.toContain(secret)
  expect(out.stderr).not.toMatch(/\n\s+at /)
}

describe('Redis credentials in messages', () => {
  it.each(Object.keys(COMMANDS))('%s: a wrong password is named as a credential problem, never printed', async (name) => {
    const out = await run(COMMANDS[name]!, `redis://:${WRONG}@127.0.0.1:${redis.port}`)
    expect(out.code).toBe(2)
    expectNoSecret(out, WRONG)
    expect(out.stderr).toMatch(/refused the user name or password in REDIS_URL/)
    expect(out.stderr).toContain(`redis://:[REDACTED]@127.0.0.1:${redis.port}`)
    expect(out.stderr).not.toMatch(/redis-server/)
  }, 60_000)

  it.each(Object.keys(COMMANDS))('%s: the right password for a Redis that is down is not printed either', async (name) => {
    const out = await run(COMMANDS[name]!, `redis://${USER}:${PASSWORD}@127.0.0.1:${deadPort}`)
    expect(out.code).toBe(2)
    expectNoSecret(out, PASSWORD, USER)
    expect(out.stderr).toMatch(/cannot reach Redis at redis:\/\/\[REDACTED\]:\[REDACTED\]@127\.0\.0\.1:\d+\. Start one/)
  }, 60_000)

  it('no password where one is required: the message asks for one', async () => {
    const out = await run(['worker'], `redis://127.0.0.1:${redis.port}`)
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/requires a password: put it in REDIS_URL/)
  }, 60_000)

  it('PODPIPE_DEBUG=1 prints the stack trace, without the password', async () => {
    const out = await run(['worker'], `redis://:${WRONG}@127.0.0.1:${redis.port}`, { PODPIPE_DEBUG: '1' })
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/\n\s+at /)
    expect(out.stdout + out.stderr).not.toContain(WRONG)
  }, 60_000)

  it('a REDIS_URL that does not parse is refused without echoing it', async () => {
    const out = await run(['worker'], `redis//:${PASSWORD}@127.0.0.1:${redis.port}`)
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/REDIS_URL=\(hidden, \d+ characters\) is not valid/)
    expectNoSecret(out, PASSWORD)
  }, 60_000)

  it('podpipe config lists REDIS_URL without the value in use', async () => {
    const out = await run(['config'], `redis://${USER}:${PASSWORD}@127.0.0.1:${redis.port}`)
    expect(out.code).toBe(0)
    expect(out.stdout).toMatch(/^REDIS_URL\s+redis:\/\/127\.0\.0\.1:6379/m)
    expectNoSecret(out, PASSWORD, USER)
  }, 60_000)

  it('the right password works, and the running worker logs no secret', async () => {
    // SIGTERM after a few seconds: the worker stops gracefully and exits 0.
    const out = await run(['worker'], `redis://:${PASSWORD}@127.0.0.1:${redis.port}`, {}, 8_000)
    expect(out.code).toBe(0)
    expect(out.stderr).toMatch(/workers running for feeds/)
    expect(out.stdout).toMatch(/"msg":"workers started"/)
    expectNoSecret(out, PASSWORD)
  }, 60_000)
})
