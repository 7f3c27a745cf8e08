import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../store/atomic-write.js'
import { tailChangeLog } from '../store/change-log.js'
import { createFileStore } from '../store/file-store.js'
import type { RecordStore } from '../store/types.js'

export interface FollowOptions {
  /** The file store's directory (PODPIPE_DATA_DIR): its change log is read, its records copied. */
  dataDir: string
  /** Where the records go: the PGlite store. */
  target: Pick<RecordStore, 'put'>
  /** File holding the seq of the last change log entry applied, so a restart resumes there. */
  statePath: string
}

export interface FileFollower {
  /** Applies every change logged since the last call; returns how many entries it read. Calls are serialised. */
  catchUp(): Promise<number>
}

const readSeq = async (path: string): Promise<number> => {
  const text = await readFile(path, 'utf8').catch(() => undefined)
  const seq = text === undefined ? 0 : Number((JSON.parse(text) as { seq?: unknown }).seq)
  return Number.isSafeInteger(seq) && seq > 0 ? seq : 0
}

/**
 * Keeps a store (the embedded PGlite) in step with the file store, which any number of worker
 * processes on the machine write: it reads the file store's change log from the last seq it
 * applied and puts the record each new entry names. Puts are idempotent by content hash, so an
 * entry applied twice (a crash before the seq was saved) changes nothing, and an entry whose
 * record has changed again since is applied as its newest content: the target then logs one
 * change where the file store logged two. A log that starts again (deleted by hand) is read
 * again from its start.
 *
 * @example
 * const follower = followFileStore({ dataDir: 'data', target: pglite, statePath: 'data/pglite/followed.json' })
 * await follower.catchUp()
 */
export const followFileStore = ({ dataDir, target, statePath }: FollowOptions): FileFollower => {
  const files = createFileStore({ dir: dataDir })
  const logPath = join(dataDir, 'changes.jsonl')
  let tail = tailChangeLog(logPath)
  let applied: number | undefined
  let queue: Promise<unknown> = Promise.resolve()

  const apply = async (): Promise<number> => {
    applied ??= await readSeq(statePath)
    const { entries, reset } = await tail.read()
    // The whole log is read on the first call (reset): a log whose newest seq is below the saved
    // one was started again, so every entry in it is new.
    if (reset && entries.length > 0 && Math.max(...entries.map((e) => e.seq)) < applied) applied = 0
    const from = applied
    // Lines from before the log had seqs read as seq 0: new only to a follower that applied nothing.
    const fresh = from === 0 ? entries : entries.filter((e) => e.seq > from)
    const seen = new Set<string>()
    for (const entry of fresh) {
      // One put per record and read: the file holds only its newest content anyway.
      if (seen.has(entry.id)) continue
      seen.add(entry.id)
      const record = await files.get(entry.id)
      if (record) await target.put(record)
    }
    const last = fresh.at(-1)
    if (last && last.seq > from) {
      applied = last.seq
      await writeFileAtomic(statePath, JSON.stringify({ seq: applied }))
    }
    return entries.length
  }

  const run = async (): Promise<number> => {
    try {
      return await apply()
    } catch (err) {
      // The tail has moved past entries that were not applied: read the log again from its start
      // next time; the saved seq skips what was applied, and puts are idempotent besides.
      tail = tailChangeLog(logPath)
      throw err
    }
  }

  return {
    catchUp() {
      const next = queue.then(run, run)
      queue = next.catch(() => undefined)
      return next
    },
  }
}
