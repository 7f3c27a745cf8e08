import { randomBytes } from 'node:crypto'
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

// Synchronous calls, like the store's (atomic-write.ts): each takes microseconds on a local
// filesystem, against 40–50 µs of CPU for the thread-pool round trip of its asynchronous form.

/** @defaultValue used by withFileLock: a holder this old is presumed dead (put never takes seconds). */
const STALE_MS = 30_000
const POLL_MS = 5

/** Removes `path` if it can: for clean-up, where a failure must not hide the error being handled. */
export const unlinkQuietly = (path: string): void => {
  try {
    unlinkSync(path)
  } catch {
    // Already gone, or not ours to remove: either way nothing more to do.
  }
}

/** Whether a process with this pid runs on this machine. */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The lock's text when its holder died (same machine, so the pid is meaningful) or it is too old;
 * undefined while it is held by a live process, or when it vanished.
 */
const staleHolder = (path: string): string | undefined => {
  const text = readIfPresent(path)
  if (text === undefined) return undefined
  const [pid, at] = text.split(' ').map(Number)
  if (pid === undefined || at === undefined || Number.isNaN(pid) || Number.isNaN(at)) return undefined
  return !isAlive(pid) || Date.now() - at > STALE_MS ? text : undefined
}

/**
 * Creates the lock file with its content in one step: the content goes to a temp file, which
 * link(2) then gives the lock's name, failing if the name exists. With open(O_EXCL) and a write
 * after it, a holder killed between the two left an empty lock that no waiter could judge stale.
 */
const tryCreate = (path: string): boolean => {
  // A leading dot (the lock names have one) and .tmp: removeStaleTempFiles sweeps it after a crash.
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  writeFileSync(tmp, `${process.pid} ${Date.now()}`, { flag: 'wx' })
  try {
    linkSync(tmp, path)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  } finally {
    unlinkQuietly(tmp)
  }
}

/** The file's text, or undefined when it cannot be read (gone meanwhile). */
const readIfPresent = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * Removes a dead holder's lock, but only the very lock seen dead: two waiters can find the same
 * dead holder, and without the breaker the second would delete the lock the first has just taken.
 * The breaker is held for one read and one unlink; a breaker left by a killed breaker is itself
 * broken by its dead pid.
 */
const breakLock = (path: string, seen: string): void => {
  const breaker = `${path}.break`
  if (!tryCreate(breaker)) {
    if (staleHolder(breaker) !== undefined) unlinkQuietly(breaker)
    return
  }
  try {
    if (readIfPresent(path) === seen) unlinkQuietly(path)
  } finally {
    unlinkQuietly(breaker)
  }
}

// Calls in one process queue here first, so they do not poll the lock file against each other.
const local = new Map<string, Promise<unknown>>()

/**
 * Runs `fn` while holding an exclusive lock file, so the read-compare-write of one record is
 * serialised across the processes of one machine. Node has no flock(2); an exclusive link is the
 * portable primitive, and a dead holder is detected by its pid.
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
  while (!tryCreate(path)) {
    const stale = staleHolder(path)
    if (stale !== undefined) breakLock(path, stale)
    else await sleep(POLL_MS + Math.random() * POLL_MS)
  }
  try {
    return await fn()
  } finally {
    unlinkQuietly(path)
  }
}

/**
 * Takes a lock held for as long as the caller lives, for a resource one process may open at a
 * time (the embedded database). Unlike withFileLock it never waits and never ages out: a live
 * holder makes it throw `busy(pid)` at once; a dead holder's lock (same machine) is broken.
 * Returns the release function.
 */
export const holdProcessLock = async (path: string, busy: (pid: number) => Error): Promise<() => Promise<void>> => {
  for (;;) {
    if (tryCreate(path)) return () => Promise.resolve(unlinkQuietly(path))
    const text = readIfPresent(path)
    if (text === undefined) continue
    const pid = Number(text.split(' ')[0])
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw busy(pid)
    breakLock(path, text)
  }
}
