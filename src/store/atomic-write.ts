import { closeSync, fsync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs'
import { readdir, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { isAlive, tempFileName, unlinkQuietly } from './file-lock.js'

const fsyncAsync = promisify(fsync)

/*
 * The store's files are opened, written, renamed and removed with synchronous calls and only
 * fsync goes to the thread pool. On a local filesystem each of those calls takes microseconds,
 * while its asynchronous form costs 40–50 µs of CPU in the thread-pool round trip and promise
 * around it (5–7× the call itself; a put makes about 30 of them); fsync takes milliseconds, so
 * it alone would hold up the event loop. Data reaches the page cache with the write and the disk
 * with the fsync.
 */

/** Writes all of `data` to a new file at `path`, fsyncs and closes it. */
const writeAndSync = async (path: string, data: string | Uint8Array): Promise<void> => {
  const fd = openSync(path, 'wx', 0o644)
  try {
    writeFileSync(fd, data)
    await fsyncAsync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Writes `data` to `path` so a reader sees either the old file or the whole new one: write a
 * temp file in the same directory, fsync it, rename it over the target, then fsync the
 * directory so the rename itself survives a crash. The temp file is removed on any failure.
 * `beforeRename` runs once the temp file is complete: crash tests stop the process there.
 */
export const writeFileAtomic = async (path: string, data: string | Uint8Array, beforeRename?: () => Promise<void>): Promise<void> => {
  const dir = dirname(path)
  const tmp = tempFileName(join(dir, `.${basename(path)}`))
  try {
    await writeAndSync(tmp, data)
    await beforeRename?.()
    renameSync(tmp, path)
  } catch (err) {
    unlinkQuietly(tmp)
    throw err
  }
  await syncDir(dir)
}

export const syncDir = async (dir: string): Promise<void> => {
  const fd = openSync(dir, 'r')
  try {
    await fsyncAsync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Appends one line with a single write(2) on an O_APPEND descriptor: the kernel places each
 * such write at the end as a unit, so lines from concurrent processes never interleave.
 */
export const appendLine = async (path: string, line: string): Promise<void> => {
  const buf = Buffer.from(line.endsWith('\n') ? line : `${line}\n`, 'utf8')
  const fd = openSync(path, 'a', 0o644)
  try {
    const bytesWritten = writeSync(fd, buf, 0, buf.length)
    // A short write would leave a partial line; it only happens when the disk is full.
    if (bytesWritten !== buf.length) throw new Error(`short write to ${path} (${bytesWritten} of ${buf.length} bytes)`)
    await fsyncAsync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Removes temp files that crashed writers left in `dir` (a crash between write and rename): at
 * once when the pid in the name (see writeFileAtomic) is no live process on this machine, else
 * once older than `olderThanMs`, so a live writer in another process is never hit.
 * Returns how many it removed.
 */
export const removeStaleTempFiles = async (dir: string, olderThanMs: number, now = Date.now()): Promise<number> => {
  let removed = 0
  for (const name of await readdir(dir)) {
    if (!name.startsWith('.') || !name.endsWith('.tmp')) continue
    const path = join(dir, name)
    const pid = Number(TEMP_PID.exec(name)?.[1] ?? Number.NaN)
    const dead = Number.isSafeInteger(pid) && pid > 0 && !isAlive(pid)
    const info = dead ? undefined : await stat(path).catch(() => undefined)
    const stale = dead || (info !== undefined && now - info.mtimeMs > olderThanMs)
    if (stale && (await unlink(path).then(() => true, () => false))) removed++
  }
  return removed
}

const TEMP_PID = /\.(\d+)\.[0-9a-f]{12}\.tmp$/
