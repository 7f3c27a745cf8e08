import { constants } from 'node:fs'
import { access, mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EpisodeRecord } from '../record/schema.js'
import { appendLine, removeStaleTempFiles, writeFileAtomic } from './atomic-write.js'
import { recordContentHash } from './content-hash.js'
import { withFileLock } from './file-lock.js'
import type { PutResult, RecordStore } from './types.js'
import { checkRecord, parseStoredRecord, storeError } from './validate.js'

export interface FileStoreOptions {
  /** Root directory; records go to `<dir>/records/<id>.json`, the change log to `<dir>/changes.jsonl`. */
  dir: string
  /** Clock for the change log's `at`; injectable for tests. @defaultValue () => new Date() */
  now?: () => Date
}

/** One line of `<dir>/changes.jsonl`, written only when a record was created or its content changed. */
export interface ChangeLogEntry {
  at: string
  id: string
  hash: string
  change: 'created' | 'updated'
}

const ID = /^[a-z0-9-]+$/
/** A temp file this old belongs to no live writer: a put takes milliseconds. */
const STALE_TEMP_MS = 10 * 60_000

/**
 * The default sink: one JSON file per episode, replaced atomically, plus an append-only change
 * log that downstream jobs can tail. Safe for concurrent puts from several processes on one
 * machine; not for a shared network filesystem (the lock relies on local pids).
 *
 * @example
 * const store = createFileStore({ dir: 'data' })
 * await store.put(record) // 'created', then 'unchanged' on a retry
 */
export const createFileStore = ({ dir, now = () => new Date() }: FileStoreOptions): RecordStore => {
  const recordsDir = join(dir, 'records')
  const logPath = join(dir, 'changes.jsonl')
  const pathOf = (id: string) => join(recordsDir, `${id}.json`)
  let ready: Promise<unknown> | undefined

  const readHash = async (id: string): Promise<string | undefined> => {
    const text = await readFile(pathOf(id), 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined
      throw err
    })
    // A file that no longer parses is rewritten rather than trusted.
    if (text === undefined) return undefined
    try {
      const parsed = EpisodeRecord.safeParse(JSON.parse(text))
      return parsed.success ? recordContentHash(parsed.data) : 'unreadable'
    } catch {
      return 'unreadable'
    }
  }

  const write = async (record: EpisodeRecord, hash: string): Promise<PutResult> => {
    // Checked without the lock first: a retry with the same content, the common case, stays read-only.
    if ((await readHash(record.id)) === hash) return 'unchanged'
    return withFileLock(join(recordsDir, `.${record.id}.lock`), async () => {
      const previous = await readHash(record.id)
      if (previous === hash) return 'unchanged'
      const change = previous === undefined ? 'created' : 'updated'
      await writeFileAtomic(pathOf(record.id), JSON.stringify(record, null, 2) + '\n')
      const entry: ChangeLogEntry = { at: now().toISOString(), id: record.id, hash, change }
      await appendLine(logPath, JSON.stringify(entry))
      return change
    })
  }

  return {
    name: 'file',
    async put(input) {
      const record = checkRecord('file', input)
      const hash = recordContentHash(record)
      try {
        // Once per store: crashed writers' temp files are swept before the first write.
        ready ??= mkdir(recordsDir, { recursive: true }).then(() => removeStaleTempFiles(recordsDir, STALE_TEMP_MS))
        await ready
        return await write(record, hash)
      } catch (err) {
        ready = undefined
        throw storeError('file', `could not write record ${record.id} under ${dir}`, record.id, err)
      }
    },
    async get(id) {
      if (!ID.test(id)) return undefined
      const path = pathOf(id)
      let text: string
      try {
        text = await readFile(path, 'utf8')
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw storeError('file', `could not read ${path}`, id, err)
      }
      return parseStoredRecord('file', path, id, text)
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
