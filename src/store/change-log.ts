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
export const isChangeKind = (v: unknown): v is ChangeLogEntry['change'] => CHANGES.has(v)

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

/**
 * The append-only change log of the file store, with an in-memory index (id → newest entry) that
 * is brought up to date by reading only the bytes appended since the last read. Only whole lines
 * count: a line without its newline is a write still in progress, or one torn by a crash, and the
 * next append under the lock cuts such a torn tail off, so it never merges with a later line.
 * A complete line that is not a change entry (damage) is skipped, not fatal.
 */
export const openChangeLog = ({ path, now }: ChangeLogOptions): ChangeLog => {
  const lockPath = join(dirname(path), `.${basename(path)}.lock`)
  const latest = new Map<string, ChangeLogEntry>()
  let inode: number | undefined
  // Byte offset just past the last whole line read.
  let offset = 0
  let lastSeq = 0
  let queue: Promise<unknown> = Promise.resolve()

  const index = (text: string) => {
    for (const line of text.split('\n')) {
      const entry = line.trim() ? parseLine(line) : undefined
      if (!entry) continue
      latest.set(entry.id, entry)
      lastSeq = Math.max(lastSeq, entry.seq)
    }
  }

  const reset = (ino: number | undefined) => {
    latest.clear()
    inode = ino
    offset = 0
    lastSeq = 0
  }

  /** Reads the lines appended since the last call; returns the file size it saw. */
  const readNew = async (): Promise<number> => {
    const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined
      throw err
    })
    if (!handle) {
      reset(undefined)
      return 0
    }
    try {
      const { ino, size } = await handle.stat()
      // Replaced or cut short (deleted by hand, restored from a backup): index it again from the start.
      if (ino !== inode || size < offset) reset(ino)
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
        index(data.subarray(0, end).toString('utf8'))
        offset += end + 1
        carry = Buffer.from(data.subarray(end + 1))
      }
      return size
    } finally {
      await handle.close()
    }
  }

  // One read at a time per process: two overlapping reads would both advance the offset.
  const catchUp = (): Promise<number> => {
    const run = queue.then(readNew, readNew)
    queue = run.catch(() => undefined)
    return run
  }

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
        if (size > offset) await truncate(path, offset)
        await beforeWrite?.()
        const entry: ChangeLogEntry = { seq: lastSeq + 1, at: now().toISOString(), id, hash, change }
        await appendLine(path, JSON.stringify(entry))
        await catchUp()
        return entry
      })
    },
  }
}
