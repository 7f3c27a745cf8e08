import { spawn, type ChildProcess } from 'node:child_process'

/**
 * Runs the server as a background job of a small sh script whose stdin is a pipe from this
 * process. A pipe reaches end-of-file when its writer is gone, however it went (exit, crash,
 * SIGKILL), so the watcher then stops the server: it is never left running without its owner.
 * The script leads its own process group, so a Ctrl-C at the terminal reaches podpipe only,
 * and podpipe stops the server after its workers are done with it. The script exits with the
 * server, so a server that dies on its own (a port already taken) is noticed at once.
 *
 * fd 3 keeps the pipe: POSIX gives a background job /dev/null as stdin unless redirected.
 */
const GUARD = `
exec 3<&0
"$0" "$@" </dev/null 3<&- &
server=$!
{ cat <&3 >/dev/null; kill -$GUARD_SIGNAL $server 2>/dev/null; } &
watcher=$!
trap 'kill -$GUARD_SIGNAL $server 2>/dev/null' TERM INT HUP
status=0
while kill -0 $server 2>/dev/null; do wait $server; status=$?; done
kill $watcher 2>/dev/null
exit $status
`

export interface GuardedProcess {
  /** The guard's pid; the server runs in its process group. */
  readonly pid: number
  /** Resolves with the exit code once guard and server are gone. */
  readonly exited: Promise<number | null>
  /**
   * Stops the server with the stop signal and waits for it; after `graceMs`, kills the whole
   * process group. Idempotent.
   */
  stop(graceMs?: number): Promise<void>
}

export interface GuardedOptions {
  /** Signal the server is stopped with: TERM for redis-server, INT (fast shutdown) for postgres. @defaultValue 'TERM' */
  stopSignal?: 'TERM' | 'INT'
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Run as this user and group (only root may). */
  uid?: number
  gid?: number
}

/**
 * Starts `binary args…` under the guard.
 * @example
 * const redis = spawnGuarded('/usr/bin/redis-server', ['--port', '6390'])
 * await redis.stop()
 */
export const spawnGuarded = (binary: string, args: readonly string[], options: GuardedOptions = {}): GuardedProcess => {
  const child: ChildProcess = spawn('/bin/sh', ['-c', GUARD, binary, ...args], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), GUARD_SIGNAL: options.stopSignal ?? 'TERM' },
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  })
  // Writing nothing: a write error would only mean the guard is gone already.
  child.stdin?.on('error', () => {})
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code))
    child.once('error', () => resolve(null))
  })
  let stopping: Promise<void> | undefined
  const stop = (graceMs = 15_000) => {
    stopping ??= (async () => {
      child.stdin?.end()
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL')
        } catch {
          // Already gone.
        }
      }, graceMs)
      await exited
      clearTimeout(timer)
    })()
    return stopping
  }
  return { pid: child.pid ?? -1, exited, stop }
}
