import { randomBytes } from 'node:crypto'
import { closeSync, ftruncateSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

// Synchronous calls, like the store's (atomic-write.ts): each takes microseconds on a local
// filesystem, against 40–50 µs of CPU for the thread-pool round trip of its asynchronous form.

/** @defaultValue used by withFileLock: a holder this old is presumed dead (put never takes seconds). */
const STALE_MS = 30_000
const POLL_MS = 5

/**
 * A temp file's path for `base` (a path whose file name starts with a dot, which keeps it out of
 * `*.json` listings): this process's pid and a random part before `.tmp`, the form
 * removeStaleTempFiles (atomic-write.ts) recognises and sweeps as soon as that pid is dead.
 */
export const tempFileName = (base: string): string => `${base}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`

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
  const tmp = tempFileName(path)
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

/**
 * The file each lock withFileLock takes in a directory is linked to, and each marker
 * (placeMarker): one per process and directory. A lock with an inode of its own (tryCreate)
 * allocates one and frees it again, and ext4 without a journal finds each new inode by skipping
 * every inode freed in the last seconds to minutes: at a few hundred puts a second that skipping
 * grew to most of a put's system time (0.3 ms a put, measured with 1,000 puts of the bench's
 * record). A link takes no inode, and its unlink frees none. The holder's text (`pid time`) is
 * written into the file in place before each lock's link, so every lock of this process here
 * reads as its pid and the time it last took one. Named like a temp file, so
 * removeStaleTempFiles sweeps the one a killed process left; a live process whose file was swept
 * or removed makes another.
 */
interface Owner {
  path: string
  fd: number
  length: number
}

const owners = new Map<string, Owner>()
let removedAtExit = false

const dropOwner = (dir: string): void => {
  const owner = owners.get(dir)
  if (owner === undefined) return
  owners.delete(dir)
  closeSync(owner.fd)
}

const removeOwners = (): void => {
  for (const [dir, { path }] of owners) {
    unlinkQuietly(path)
    dropOwner(dir)
  }
}

const ownerIn = (dir: string): Owner => {
  let owner = owners.get(dir)
  if (owner === undefined) {
    const path = tempFileName(join(dir, '.lock-owner'))
    owner = { path, fd: openSync(path, 'wx', 0o644), length: 0 }
    owners.set(dir, owner)
    if (!removedAtExit) process.once('exit', removeOwners)
    removedAtExit = true
  }
  return owner
}

/**
 * Links this process's owner file in `path`'s directory to `path`; false when `path` exists.
 * `stamp` first writes the holder's text (`pid time`) into the owner file, in place.
 */
const linkOwner = (path: string, stamp: boolean): boolean => {
  const dir = dirname(path)
  for (let attempt = 1; ; attempt++) {
    const owner = ownerIn(dir)
    if (stamp) {
      const text = Buffer.from(`${process.pid} ${Date.now()}`)
      writeSync(owner.fd, text, 0, text.length, 0)
      if (text.length < owner.length) ftruncateSync(owner.fd, text.length)
      owner.length = text.length
    }
    try {
      linkSync(owner.path, path)
      return true
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'EEXIST') return false
      // The owner file is gone (swept, or removed by hand): make another, once.
      if (code !== 'ENOENT' || attempt > 1) throw err
      dropOwner(dir)
    }
  }
}

/** Takes the lock at `path` by linking this process's owner file there; false when it is held. */
const tryLink = (path: string): boolean => linkOwner(path, true)

/**
 * Puts a marker file at `path`, one whose name is all it says (its content is the owner file's),
 * without allocating an inode: a link to this process's owner file, like a lock. Replaces a
 * marker already there. Neither the marker nor its directory is fsynced here.
 */
export const placeMarker = (path: string): void => {
  if (linkOwner(path, false)) return
  unlinkQuietly(path)
  if (!linkOwner(path, false)) throw new Error(`${path}: another process placed this marker meanwhile`)
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
  while (!tryLink(path)) {
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
