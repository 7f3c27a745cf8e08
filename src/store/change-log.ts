import { statSync } from 'node:fs'
import { open, truncate } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { appendLine } from './atomic-write.js'
import { withFileLock } from './file-lock.js'

/** One line of the file store's `changes.jsonl`: a record was created or its content changed. */
export interface ChangeLogEntry {
  /**
   * 1, 2, 3…: assigned under the log lock, so it increases strictly across the processes of one
   * machine and a consumer can resume after the last seq it handled. Lines written before seq
   * existed read as 0. Deleting the log starts it again at 1.
   */
  seq: number
  at: string
  id: string
  hash: string
  change: 'created' | 'updated'
}

export interface ChangeLog {
  /** The newest entry for `id`, after reading whatever other processes appended meanwhile. */
  latest(id: string): Promise<ChangeLogEntry | undefined>
  /**
   * Appends one entry with the next seq, under the log lock, and returns it. `beforeWrite` runs
   * with the lock held just before the line is written; crash tests stop the process there.
   */
  append(id: string, hash: string, change: ChangeLogEntry['change'], beforeWrite?: () => Promise<void>): Promise<ChangeLogEntry>
}

export interface ChangeLogOptions {
  path: string
  now: () => Date
}

const CHUNK = 1024 * 1024
const NEWLINE = 0x0a
const CHANGES = new Set<unknown>(['created', 'updated'])
/** Whether a parsed value is a change kind, 'created' or 'updated'. */
const isChangeKind = (v: unknown): v is ChangeLogEntry['change'] => CHANGES.has(v)

const parseLine = (line: string): ChangeLogEntry | undefined => {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return undefined
  }
  const v = value as Partial<Record<keyof ChangeLogEntry, unknown>>
  if (typeof v !== 'object' || v === null || typeof v.id !== 'string' || typeof v.hash !== 'string' || !isChangeKind(v.change)) {
    return undefined
  }
  return {
    seq: typeof v.seq === 'number' && Number.isSafeInteger(v.seq) ? v.seq : 0,
    at: typeof v.at === 'string' ? v.at : '',
    id: v.id,
    hash: v.hash,
    change: v.change,
  }
}

export interface ChangeLogTail {
  /**
   * The whole lines appended since the last call, and the file size seen. `reset` says the file
   * was replaced or cut short since (deleted by hand, restored from a backup), so the entries
   * start again from its beginning and what was learnt from earlier reads no longer holds.
   */
  read(): Promise<{ entries: ChangeLogEntry[]; size: number; reset: boolean }>
  /** Byte offset just past the last whole line read. */
  readonly offset: number
  /**
   * Counts `bytes` written at `from` by the caller itself as read, when no read got there first
   * (the offset is still `from`); returns whether it did.
   */
  skip(from: number, bytes: number): boolean
}

/**
 * Reads a change log incrementally, from where the previous read stopped. Only whole lines
 * count: a line without its newline is a write still in progress, or one torn by a crash. A
 * complete line that is not a change entry (damage) is skipped, not fatal. Not safe for
 * overlapping calls: serialise them.
 */
export const tailChangeLog = (path: string): ChangeLogTail => {
  let inode: number | undefined
  let offset = 0
  const read = async () => {
    // One stat answers the common case, a log nobody appended to since, without opening it
    // (synchronous: microseconds, against a thread-pool round trip; see atomic-write.ts).
    const seen = statSync(path, { throwIfNoEntry: false })
    if (seen && seen.ino === inode && seen.size === offset) return { entries: [], size: offset, reset: false }
    const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined
      throw err
    })
    if (!handle) {
      const reset = inode !== undefined || offset > 0
      inode = undefined
      offset = 0
      return { entries: [], size: 0, reset }
    }
    try {
      const { ino, size } = await handle.stat()
      const reset = ino !== inode || size < offset
      if (reset) {
        inode = ino
        offset = 0
      }
      const entries: ChangeLogEntry[] = []
      const chunk = Buffer.alloc(Math.min(CHUNK, Math.max(1, size - offset)))
      let carry = Buffer.alloc(0)
      let pos = offset
      while (pos < size) {
        const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, size - pos), pos)
        if (bytesRead === 0) break
        pos += bytesRead
        const data = Buffer.concat([carry, chunk.subarray(0, bytesRead)])
        const end = data.lastIndexOf(NEWLINE)
        if (end < 0) {
          carry = data
          continue
        }
        // Splitting bytes at 0x0a is safe in UTF-8: no multi-byte character contains it.
        for (const line of data.subarray(0, end).toString('utf8').split('\n')) {
          const entry = line.trim() ? parseLine(line) : undefined
          if (entry) entries.push(entry)
        }
        offset += end + 1
        carry = Buffer.from(data.subarray(end + 1))
      }
      return { entries, size, reset }
    } finally {
      await handle.close()
    }
  }
  const skip = (from: number, bytes: number) => {
    if (offset !== from) return false
    offset += bytes
    return true
  }
  return { read, skip, get offset() { return offset } }
}

/**
 * The append-only change log of the file store, with an in-memory index (id → newest entry) that
 * is brought up to date by reading only the bytes appended since the last read (tailChangeLog).
 * The next append under the lock cuts a torn tail off, so it never merges with a later line.
 */
export const openChangeLog = ({ path, now }: ChangeLogOptions): ChangeLog => {
  const lockPath = join(dirname(path), `.${basename(path)}.lock`)
  const latest = new Map<string, ChangeLogEntry>()
  const tail = tailChangeLog(path)
  let lastSeq = 0
  let queue: Promise<unknown> = Promise.resolve()

  const index = (entry: ChangeLogEntry) => {
    latest.set(entry.id, entry)
    lastSeq = Math.max(lastSeq, entry.seq)
  }

  /** Reads the lines appended since the last call; returns the file size it saw. */
  const readNew = async (): Promise<number> => {
    const { entries, size, reset } = await tail.read()
    if (reset) {
      latest.clear()
      lastSeq = 0
    }
    entries.forEach(index)
    return size
  }

  // One step at a time per process: two overlapping reads would both advance the offset.
  const serially = <T>(step: () => Promise<T> | T): Promise<T> => {
    const run = queue.then(step, step)
    queue = run.catch(() => undefined)
    return run
  }
  const catchUp = (): Promise<number> => serially(readNew)

  return {
    async latest(id) {
      await catchUp()
      return latest.get(id)
    },
    append(id, hash, change, beforeWrite) {
      return withFileLock(lockPath, async () => {
        const size = await catchUp()
        // Every appender holds this lock, so bytes past the last newline are a torn line (a crash
        // mid-write: power loss or a full disk). No reader counted it, so its seq was never seen.
        if (size > tail.offset) await truncate(path, tail.offset)
        const end = tail.offset
        await beforeWrite?.()
        const entry: ChangeLogEntry = { seq: lastSeq + 1, at: now().toISOString(), id, hash, change }
        const line = `${JSON.stringify(entry)}\n`
        await appendLine(path, line)
        // The log ended at `end` and every appender holds this lock, so the line just written is
        // all that follows: it is indexed as written rather than read back (unless a concurrent
        // read of this process already took it).
        await serially(() => {
          if (tail.skip(end, Buffer.byteLength(line))) index(entry)
        })
        return entry
      })
    },
  }
}
