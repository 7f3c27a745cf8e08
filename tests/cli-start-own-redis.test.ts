// `podpipe start` on a machine where no Redis runs: it starts its own, on a spare port here
// (PODPIPE_REDIS_PORT) so the machine's shared Redis on 6379 is never touched.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { probePort } from '../src/services/index.js'
import { REPO, uniquePrefix } from './helpers/pipeline-env.js'
import { sparePort } from './helpers/redis-server.js'
import { entryArgs } from './helpers/entry.js'

interface Started {
  child: ChildProcess
  stderr: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const running: ChildProcess[] = []

/**
 * A private network namespace (root only): its 127.0.0.1 has nothing listening, so `podpipe
 * start` sees a fresh machine on the real default port 6379 while the shared Redis runs on.
 */
const CAN_UNSHARE = (() => {
  try {
    return execFileSync('unshare', ['-n', 'true'], { stdio: 'ignore' }) !== undefined
  } catch {
    return false
  }
})()

const startPodpipe = (env: Record<string, string>, { freshNetwork = false }: { freshNetwork?: boolean } = {}): Started => {
  const node = [process.execPath, ...entryArgs('src/cli.ts'), 'start']
  const [command, ...args] = freshNetwork
    ? ['unshare', '-n', '/bin/sh', '-c', 'ip link set lo up && exec "$0" "$@"', ...node]
    : node
  const child = spawn(command ?? '', args, {
    cwd: REPO,
    // REDIS_URL empty reads as unset: the default redis://127.0.0.1:PODPIPE_REDIS_PORT applies.
    env: { ...process.env, REDIS_URL: '', DATABASE_URL: '', PODPIPE_PORT: '0', LOG_LEVEL: 'warn', PODPIPE_QUEUE_PREFIX: uniquePrefix(), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  running.push(child)
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  return { child, stderr: () => stderr, exited }
}

const until = async (what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await delay(100)
  }
}

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

describe('podpipe start without a running Redis', () => {
  it('starts its own Redis (AOF under the data dir), processes the feed, and stops it on SIGINT', async () => {
    const port = await sparePort()
    const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-start-'))
    const podpipe = startPodpipe({ PODPIPE_REDIS_PORT: String(port), PODPIPE_DATA_DIR: dataDir })
    await until('the start line', () => podpipe.stderr().includes('dashboard http://'), 60_000)
    expect(podpipe.stderr()).toContain(`no Redis answered at redis://127.0.0.1:${port}, so podpipe started`)
    expect(await probePort('127.0.0.1', port)).toBe('open')
    expect(existsSync(join(dataDir, 'redis', 'appendonlydir'))).toBe(true)
    await until('the bundled feed\'s records', () => existsSync(join(dataDir, 'records')) && readdirSync(join(dataDir, 'records')).filter((f) => f.endsWith('.json')).length === 3, 120_000)

    podpipe.child.kill('SIGINT')
    expect(await podpipe.exited).toEqual({ code: 0, signal: null })
    expect(await probePort('127.0.0.1', port)).toBe('closed')
  }, 200_000)

  it.skipIf(!CAN_UNSHARE)('does the same on the default redis://127.0.0.1:6379 of a machine where no Redis runs (a private network namespace)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-start-'))
    const podpipe = startPodpipe({ PODPIPE_DATA_DIR: dataDir, PODPIPE_REDIS_PORT: '' }, { freshNetwork: true })
    await until('the start line', () => podpipe.stderr().includes('dashboard http://'), 60_000)
    expect(podpipe.stderr()).toContain('no Redis answered at redis://127.0.0.1:6379, so podpipe started')
    await until('the bundled feed\'s records', () => existsSync(join(dataDir, 'records')) && readdirSync(join(dataDir, 'records')).filter((f) => f.endsWith('.json')).length === 3, 120_000)
    podpipe.child.kill('SIGTERM')
    expect(await podpipe.exited).toEqual({ code: 0, signal: null })
    expect(readFileSync(join(dataDir, 'redis', 'redis.log'), 'utf8')).toContain('Redis is now ready to exit')
  }, 200_000)

  it('never leaves its Redis running, even when it is killed with SIGKILL', async () => {
    const port = await sparePort()
    const podpipe = startPodpipe({ PODPIPE_REDIS_PORT: String(port), PODPIPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'podpipe-start-')) })
    await until('the start line', () => podpipe.stderr().includes('dashboard http://'), 60_000)
    expect(await probePort('127.0.0.1', port)).toBe('open')
    podpipe.child.kill('SIGKILL')
    await podpipe.exited
    await until('its Redis to stop', async () => (await probePort('127.0.0.1', port)) === 'closed', 10_000)
  }, 100_000)

  it('stops the Redis it started when start-up fails after it', async () => {
    const port = await sparePort()
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const httpPort = (taken.address() as AddressInfo).port
    try {
      const podpipe = startPodpipe({ PODPIPE_REDIS_PORT: String(port), PODPIPE_PORT: String(httpPort), PODPIPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'podpipe-start-')) })
      const { code } = await podpipe.exited
      expect(code).not.toBe(0)
      expect(podpipe.stderr()).toContain('podpipe started')
      expect(await probePort('127.0.0.1', port)).toBe('closed')
    } finally {
      taken.close()
    }
  }, 60_000)

  it('uses a REDIS_URL that is set as given: nothing is started in its place', async () => {
    const port = await sparePort()
    const podpipe = startPodpipe({ REDIS_URL: `redis://127.0.0.1:${port}`, PODPIPE_REDIS_PORT: String(port), PODPIPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'podpipe-start-')) })
    expect((await podpipe.exited).code).toBe(2)
    expect(podpipe.stderr()).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`)
    expect(podpipe.stderr()).not.toContain('podpipe started')
    expect(await probePort('127.0.0.1', port)).toBe('closed')
  }, 60_000)

  it('says in one line how to get Redis when redis-server is not installed', async () => {
    const port = await sparePort()
    const podpipe = startPodpipe({ PODPIPE_REDIS_PORT: String(port), PATH: mkdtempSync(join(tmpdir(), 'podpipe-empty-path-')), PODPIPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'podpipe-start-')) })
    expect((await podpipe.exited).code).toBe(2)
    const lines = podpipe.stderr().trim().split('\n')
    expect(lines).toEqual([expect.stringContaining(`podpipe: REDIS_URL: nothing answers at redis://127.0.0.1:${port} and redis-server is not installed: install it (\`apt-get install redis-server\``)])
    expect(lines[0]).toContain('docker compose up -d')
  }, 60_000)
})
