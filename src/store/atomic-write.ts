import { randomBytes } from 'node:crypto'
import { open, readdir, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { isAlive } from './file-lock.js'

/**
 * Writes `data` to `path` so a reader sees either the old file or the whole new one: write a
 * temp file in the same directory, fsync it, rename it over the target, then fsync the
 * directory so the rename itself survives a crash. The temp file is removed on any failure.
 * `beforeRename` runs once the temp file is complete: crash tests stop the process there.
 */
export const writeFileAtomic = async (path: string, data: string | Uint8Array, beforeRename?: () => Promise<void>): Promise<void> => {
  const dir = dirname(path)
  // A leading dot and a .tmp suffix keep half-written files out of `*.json` listings.
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeAndSync(tmp, data, 'wx')
    await beforeRename?.()
    await rename(tmp, path)
  } catch (err) {
    await unlink(tmp).catch(() => undefined)
    throw err
  }
  await syncDir(dir)
}

/**
 * Writes `data` to `path` in place and fsyncs it, without the temp file and renames of
 * writeFileAtomic: for a file whose reader takes a torn one for what it is (a crash while it was
 * written). Its directory entry is made durable by the next fsync of the directory.
 */
export const writeFileSynced = (path: string, data: string | Uint8Array): Promise<void> => writeAndSync(path, data, 'w')

const writeAndSync = async (path: string, data: string | Uint8Array, flag: 'w' | 'wx'): Promise<void> => {
  const handle = await open(path, flag, 0o644)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export const syncDir = async (dir: string): Promise<void> => {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Appends one line with a single write(2) on an O_APPEND descriptor: the kernel places each
 * such write at the end as a unit, so lines from concurrent processes never interleave.
 */
export const appendLine = async (path: string, line: string): Promise<void> => {
  const buf = Buffer.from(line.endsWith('\n') ? line : `${line}\n`, 'utf8')
  const handle = await open(path, 'a', 0o644)
  try {
    const { bytesWritten } = await handle.write(buf, 0, buf.length)
    // A short write would leave a partial line; it only happens when the disk is full.
    if (bytesWritten !== buf.length) throw new Error(`short write to ${path} (${bytesWritten} of ${buf.length} bytes)`)
    await handle.sync()
  } finally {
    await handle.close()
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
