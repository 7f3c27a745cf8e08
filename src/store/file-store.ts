import { constants, readFileSync, statSync, unlinkSync } from 'node:fs'
import { access, mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PodpipeError } from '../errors/index.js'
import { EpisodeRecord } from '../record/schema.js'
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.js'
import { openChangeLog, type ChangeLogEntry } from './change-log.js'
import { canonicalRecordFile, recordContentHash } from './content-hash.js'
import { placeMarker, withFileLock } from './file-lock.js'
import type { PutResult, RecordStore } from './types.js'
import { checkRecord, parseStoredRecord, storeError } from './validate.js'

export type { ChangeLogEntry } from './change-log.js'

/**
 * The points of a put at which a crash leaves a different state on disk, in order. Crash tests
 * stop a child process at each one (FileStoreOptions.onStep) and check that the next store completes it.
 */
export const FILE_STORE_STEPS = ['locked', 'intent', 'record-temp', 'record', 'log-locked', 'logged', 'done'] as const
export type FileStoreStep = (typeof FILE_STORE_STEPS)[number]

export interface FileStoreOptions {
  /** Root directory; records go to `<dir>/records/<id>.json`, the change log to `<dir>/changes.jsonl`. */
  dir: string
  /** Clock for the change log's `at`; injectable for tests. @defaultValue () => new Date() */
  now?: () => Date
  /** Called as a put passes each FileStoreStep; for crash tests only. */
  onStep?: (step: FileStoreStep, id: string) => void | Promise<void>
}

/**
 * What recover() found: intents completed (the record was in place and its log line missing, so
 * the line was appended) and discarded (nothing was missing: the record was never replaced, or
 * its line was logged already).
 */
export interface FileStoreRecovery {
  completed: number
  discarded: number
}

export interface FileStore extends RecordStore {
  /** Finishes or drops every put a crash interrupted; runs by itself before the store's first put. */
  recover(): Promise<FileStoreRecovery>
}

const ID = /^[a-z0-9-]+$/
const INTENT = /^\.([a-z0-9-]+)\.intent$/
/** A temp file this old belongs to no live writer: a put takes milliseconds. */
const STALE_TEMP_MS = 10 * 60_000

/**
 * The default sink: one JSON file per episode, replaced atomically, plus an append-only change
 * log (`changes.jsonl`, one ChangeLogEntry per line) that downstream jobs can tail from a seq.
 * Safe for concurrent puts from several processes on one machine; not for a shared network
 * filesystem (the locks rely on local pids).
 *
 * Crash consistency. A put that changes a record does, under the record's lock:
 *   1. place the intent `records/.<id>.intent`: a marker whose name says a put of the id is under
 *      way (a link to the process's lock owner file, so no inode is made and none freed)
 *   2. write `records/<id>.json` (a temp file, fsynced, renamed over the record, then the
 *      directory fsynced)
 *   3. append the log line (under the log lock, which assigns seq)
 *   4. remove the intent.
 * Invariant: outside a put, for every id, the record file holds hash H exactly when the newest log
 * line for the id says H, and no intent file exists. The intent carries no content because the
 * record and the log tell the states of a crash apart, and recovery (under the same lock)
 * restores the invariant without guessing:
 *   - before 2's rename: the record still holds the newest logged hash (or is absent). Drop the intent.
 *   - after 2, before 3: record ≠ newest logged hash. Append the record's line, drop the intent.
 *   - after 3, before 4: record = newest logged hash. Drop the intent.
 * The intent must be on disk before the renamed record is. Nothing fsyncs it on its own: step 2's
 * fsync of the temp file, which comes after it, commits it on ext4 and XFS (a journal commit
 * carries every earlier change to the directory; ext4 without a journal writes a new file's
 * directory with it), as the fsync of the intent file, when it was a file, did.
 * A line is appended only after its record is in place, so nothing is logged that is not stored,
 * and recovery appends only when the newest line differs, so nothing is logged twice.
 * Recovery runs for every intent when a store opens (recover()) and for the one id before any
 * put of it, and `unchanged` is answered only when the record file and the newest log line both
 * hold the hash: a stored but unlogged record (from a crash of a version without intents) is
 * logged by the next put of it instead of being called unchanged.
 *
 * @example
 * const store = createFileStore({ dir: 'data' })
 * await store.put(record) // 'created', then 'unchanged' on a retry
 */
export const createFileStore = ({ dir, now = () => new Date(), onStep }: FileStoreOptions): FileStore => {
  const recordsDir = join(dir, 'records')
  const pathOf = (id: string) => join(recordsDir, `${id}.json`)
  const intentOf = (id: string) => join(recordsDir, `.${id}.intent`)
  const lockOf = (id: string) => join(recordsDir, `.${id}.lock`)
  const step = async (name: FileStoreStep, id: string) => {
    await onStep?.(name, id)
  }
  const log = openChangeLog({ path: join(dir, 'changes.jsonl'), now })
  const append = (id: string, hash: string, change: ChangeLogEntry['change']) => log.append(id, hash, change, () => step('log-locked', id))
  let ready: Promise<unknown> | undefined

  const readHash = (id: string): string | undefined => {
    const text = readIfExists(pathOf(id))
    // A file that no longer parses is rewritten rather than trusted.
    if (text === undefined) return undefined
    try {
      const parsed = EpisodeRecord.safeParse(JSON.parse(text))
      return parsed.success ? recordContentHash(parsed.data) : 'unreadable'
    } catch {
      return 'unreadable'
    }
  }

  /**
   * Appends the line of the record stored under `id` (hash `stored`) when the id's newest line
   * says otherwise: a put that crashed after writing the record and before logging it. Returns
   * the change logged, or undefined when the log had it. Call with the id's lock held.
   */
  const logIfMissing = async (id: string, stored: string): Promise<ChangeLogEntry['change'] | undefined> => {
    const logged = await log.latest(id)
    if (logged?.hash === stored) return undefined
    const change = logged ? 'updated' : 'created'
    await append(id, stored, change)
    return change
  }

  /** Completes or drops the intent a crashed put of `id` left; call with the id's lock held. */
  const recoverIntent = async (id: string): Promise<keyof FileStoreRecovery | undefined> => {
    if (statSync(intentOf(id), { throwIfNoEntry: false }) === undefined) return undefined
    const stored = readHash(id)
    // An intent of an older version holds {hash, change}; the record and the log say as much.
    const logged = stored !== undefined && stored !== 'unreadable' ? await logIfMissing(id, stored) : undefined
    unlinkSync(intentOf(id))
    return logged ? 'completed' : 'discarded'
  }

  /** `file` makes the record file's bytes, only once they are to be written. */
  const write = async (id: string, hash: string, file: () => Uint8Array): Promise<PutResult> => {
    // Checked without the lock first: a retry with the same content, the common case, stays read-only.
    if (readHash(id) === hash && (await log.latest(id))?.hash === hash) return 'unchanged'
    return withFileLock(lockOf(id), async () => {
      await step('locked', id)
      await recoverIntent(id)
      const previous = readHash(id)
      // Stored but never logged: the put that wrote it crashed before logging and left no intent.
      if (previous === hash) return (await logIfMissing(id, hash)) ?? 'unchanged'
      const change = previous === undefined ? 'created' : 'updated'
      placeMarker(intentOf(id))
      await step('intent', id)
      await writeFileAtomic(pathOf(id), file(), () => step('record-temp', id))
      await step('record', id)
      await append(id, hash, change)
      await step('logged', id)
      unlinkSync(intentOf(id))
      await step('done', id)
      return change
    })
  }

  const recover = async (): Promise<FileStoreRecovery> => {
    await mkdir(recordsDir, { recursive: true })
    // Temp files of crashed writers: of records, locks and lock owners in records/, of the log lock in dir.
    await removeStaleTempFiles(recordsDir, STALE_TEMP_MS)
    await removeStaleTempFiles(dir, STALE_TEMP_MS)
    const found: FileStoreRecovery = { completed: 0, discarded: 0 }
    for (const name of await readdir(recordsDir)) {
      const id = INTENT.exec(name)?.[1]
      if (id === undefined) continue
      // Under the id's lock: a live put in another process holds it while its intent exists.
      const outcome = await withFileLock(lockOf(id), () => recoverIntent(id))
      if (outcome) found[outcome]++
    }
    return found
  }

  const guarded = async (id: string, put: () => Promise<PutResult>): Promise<PutResult> => {
    try {
      // Once per store: what crashed writers left is finished or swept before the first write.
      ready ??= recover()
      await ready
      return await put()
    } catch (err) {
      ready = undefined
      throw storeError('file', `could not write record ${id} under ${dir}`, id, err)
    }
  }

  return {
    name: 'file',
    async put(input) {
      const record = checkRecord('file', input)
      return guarded(record.id, () => write(record.id, recordContentHash(record), () => canonicalRecordFile(record)))
    },
    async putEncoded({ id, hash, json }) {
      if (!ID.test(id)) throw new PodpipeError('MALFORMED', `file store: refusing a record whose id "${id}" is not a file name`, { input: id })
      return guarded(id, () => write(id, hash, () => json))
    },
    async get(id) {
      if (!ID.test(id)) return undefined
      const path = pathOf(id)
      let text: string | undefined
      try {
        // Asynchronous here: a reader may fetch many records, and a large one at that.
        text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return undefined
          throw err
        })
      } catch (err) {
        throw storeError('file', `could not read ${path}`, id, err)
      }
      return text === undefined ? undefined : parseStoredRecord('file', path, id, text)
    },
    async recover() {
      try {
        return await recover()
      } catch (err) {
        throw storeError('file', `could not recover interrupted writes under ${dir}`, dir, err)
      }
    },
    async ping() {
      try {
        await mkdir(recordsDir, { recursive: true })
        await access(recordsDir, constants.W_OK)
      } catch (err) {
        throw storeError('file', `directory ${recordsDir} is not writable`, dir, err)
      }
    },
    async close() {
      // Nothing is held open between puts.
    },
  }
}

// Synchronous, like every file call of a put but fsync (atomic-write.ts): a missing file, the
// common case, is answered in microseconds instead of a thread-pool round trip.
const readIfExists = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}
