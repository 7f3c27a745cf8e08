import { open, readFile, unlink } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'

/** @defaultValue used by withFileLock: a holder this old is presumed dead (put never takes seconds). */
const STALE_MS = 30_000
const POLL_MS = 5

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The lock is stale when its holder died (same machine, so the pid is meaningful) or it is too old. */
const isStale = async (path: string): Promise<boolean> => {
  try {
    const [pid, at] = (await readFile(path, 'utf8')).split(' ').map(Number)
    if (pid === undefined || at === undefined || Number.isNaN(pid) || Number.isNaN(at)) return false
    return !isAlive(pid) || Date.now() - at > STALE_MS
  } catch {
    return false // vanished or half-written: retry rather than break someone else's lock
  }
}

// Calls in one process queue here first, so they do not poll the lock file against each other.
const local = new Map<string, Promise<unknown>>()

/**
 * Runs `fn` while holding an exclusive lock file (O_CREAT|O_EXCL), so the read-compare-write of
 * one record is serialised across the processes of one machine. Node has no flock(2); an
 * exclusive create is the portable primitive, and a dead holder is detected by its pid.
 */
export const withFileLock = async <T>(path: string, fn: () => Promise<T>): Promise<T> => {
  const previous = local.get(path) ?? Promise.resolve()
  const run = previous.catch(() => undefined).then(() => holdLock(path, fn))
  local.set(path, run)
  try {
    return await run
  } finally {
    if (local.get(path) === run) local.delete(path)
  }
}

const holdLock = async <T>(path: string, fn: () => Promise<T>): Promise<T> => {
  for (;;) {
    try {
      const handle = await open(path, 'wx')
      try {
        await handle.writeFile(`${process.pid} ${Date.now()}`)
      } finally {
        await handle.close()
      }
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      if (await isStale(path)) await unlink(path).catch(() => undefined)
      else await sleep(POLL_MS + Math.random() * POLL_MS)
    }
  }
  try {
    return await fn()
  } finally {
    await unlink(path).catch(() => undefined)
  }
}
