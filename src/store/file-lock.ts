import { randomBytes } from 'node:crypto'
import { link, readFile, unlink, writeFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'

/** @defaultValue used by withFileLock: a holder this old is presumed dead (put never takes seconds). */
const STALE_MS = 30_000
const POLL_MS = 5

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
const staleHolder = async (path: string): Promise<string | undefined> => {
  const text = await readFile(path, 'utf8').catch(() => undefined)
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
const tryCreate = async (path: string): Promise<boolean> => {
  // A leading dot (the lock names have one) and .tmp: removeStaleTempFiles sweeps it after a crash.
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(tmp, `${process.pid} ${Date.now()}`, { flag: 'wx' })
  try {
    await link(tmp, path)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  } finally {
    await unlink(tmp).catch(() => undefined)
  }
}

/**
 * Removes a dead holder's lock, but only the very lock seen dead: two waiters can find the same
 * dead holder, and without the breaker the second would delete the lock the first has just taken.
 * The breaker is held for one read and one unlink; a breaker left by a killed breaker is itself
 * broken by its dead pid.
 */
const breakLock = async (path: string, seen: string): Promise<void> => {
  const breaker = `${path}.break`
  if (!(await tryCreate(breaker))) {
    if ((await staleHolder(breaker)) !== undefined) await unlink(breaker).catch(() => undefined)
    return
  }
  try {
    if ((await readFile(path, 'utf8').catch(() => undefined)) === seen) await unlink(path).catch(() => undefined)
  } finally {
    await unlink(breaker).catch(() => undefined)
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
  while (!(await tryCreate(path))) {
    const stale = await staleHolder(path)
    if (stale !== undefined) await breakLock(path, stale)
    else await sleep(POLL_MS + Math.random() * POLL_MS)
  }
  try {
    return await fn()
  } finally {
    await unlink(path).catch(() => undefined)
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
    if (await tryCreate(path)) return async () => void (await unlink(path).catch(() => undefined))
    const text = await readFile(path, 'utf8').catch(() => undefined)
    if (text === undefined) continue
    const pid = Number(text.split(' ')[0])
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw busy(pid)
    await breakLock(path, text)
  }
}
