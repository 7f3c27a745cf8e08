import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'

/** A port nothing listens on right now (the OS picks it, then we release it). */
export const sparePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })

export interface TestRedis {
  port: number
  url: string
  dir: string
  /** Stops the server (SIGTERM: Redis writes its AOF and exits). */
  stop(): Promise<void>
  /** Starts it again on the same port and data dir. */
  start(): Promise<void>
  /** Stops and removes the data dir. */
  destroy(): Promise<void>
}

const waitReady = async (port: number, password: string | undefined, deadlineMs = 10_000): Promise<void> => {
  const until = Date.now() + deadlineMs
  for (;;) {
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, ...(password ? { password } : {}) })
    // Refused connections are expected while the server starts; connect() rejects with them anyway.
    probe.on('error', () => {})
    try {
      await probe.connect()
      await probe.ping()
      probe.disconnect()
      return
    } catch {
      probe.disconnect()
      if (Date.now() > until) throw new Error(`redis-server on port ${port} did not start`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}

export interface RedisServerOptions {
  /** Started with `--requirepass`; `url` then carries it (redis://:PASSWORD@127.0.0.1:port). */
  password?: string
}

/**
 * A private `redis-server` with AOF on, so a test can stop and restart Redis under a running
 * pipeline without touching the shared instance. `extraArgs` sets e.g. a maxmemory-policy.
 */
export const startRedisServer = async (extraArgs: string[] = [], { password }: RedisServerOptions = {}): Promise<TestRedis> => {
  const port = await sparePort()
  const dir = mkdtempSync(join(tmpdir(), 'podpipe-redis-'))
  let proc: ChildProcess | undefined
  const start = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir, '--save', '', ...(password ? ['--requirepass', password] : []), ...extraArgs], { stdio: 'ignore' })
    await waitReady(port, password)
  }
  const stop = async () => {
    const p = proc
    proc = undefined
    if (!p || p.exitCode !== null) return
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve())
      p.kill('SIGTERM')
    })
  }
  await start()
  return {
    port,
    url: `redis://${password ? `:${encodeURIComponent(password)}@` : ''}127.0.0.1:${port}`,
    dir,
    start,
    stop,
    async destroy() {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
