/**
 * The embedded default: PGlite, owned by one process, filled from the file store that worker
 * processes write. Publishers here are separate processes; the consumer reads the change feed
 * with a stored cursor while they write, and again after the owner restarts.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { listChanges, openQueryDb, type ChangeEntry, type QueryConfig } from '../src/query/index.js'
import { createFileStore, createPgliteStore, recordContentHash } from '../src/store/index.js'
import { sampleRecord } from './helpers/sample-record.js'

const run = promisify(execFile)
const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-follow-'))
const config: QueryConfig = {
  stores: ['file'], databaseUrl: undefined, dataDir,
  query: { timeoutMs: 5_000, followMs: 50 },
  postgres: { statementTimeoutMs: 30_000, connectTimeoutMs: 5_000, poolSize: 5 },
}
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** Reads the feed from `after` to its current end; the cursor is all a consumer keeps. */
const drain = async (db: Parameters<typeof listChanges>[0], after: string): Promise<{ items: ChangeEntry[]; after: string }> => {
  const items: ChangeEntry[] = []
  for (;;) {
    const page = await listChanges(db, { after, limit: 7 })
    items.push(...page.items)
    after = page.nextCursor
    if (page.items.length === 0) return { items, after }
  }
}

describe('PGlite following the file store', () => {
  it('lists each record once, at its newest content, while three processes publish, and again after a restart', async () => {
    const db = (await openQueryDb(config))!
    expect(db.engine).toBe('pglite')
    const seen: ChangeEntry[] = []
    let after = '0'
    let publishing = true
    const publishers = Promise.all(['a', 'b', 'c'].map((prefix) =>
      run(process.execPath, ['--import', 'tsx', 'tests/helpers/put-file-records.ts', dataDir, prefix, '8']))).finally(() => { publishing = false })
    while (publishing) {
      const page = await drain(db, after)
      seen.push(...page.items)
      after = page.after
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await publishers
    await db.catchUp()
    const rest = await drain(db, after)
    seen.push(...rest.items)
    after = rest.after

    // Every record the file store holds is in the feed at the content it holds now, and no
    // (record, content) pair is listed twice.
    const files = createFileStore({ dir: dataDir })
    const ids = [...new Set(seen.map((c) => c.id))]
    expect(ids).toHaveLength(24)
    for (const id of ids) {
      const record = (await files.get(id))!
      const mine = seen.filter((c) => c.id === id)
      expect(mine.at(-1)!.hash).toBe(recordContentHash(record))
      expect(new Set(mine.map((c) => c.hash)).size).toBe(mine.length)
      expect(mine.map((c) => c.version)).toEqual(mine.map((_, i) => i + 1))
    }
    await db.close()

    // The owner restarts: nothing is listed again; a record published meanwhile is listed once.
    await files.put(sampleRecord({ guid: 'after-restart' }))
    const reopened = (await openQueryDb(config))!
    await reopened.catchUp()
    const again = await drain(reopened, after)
    expect(again.items.map((c) => [c.id, c.change])).toEqual([[sampleRecord({ guid: 'after-restart' }).id, 'created']])
    await reopened.close()
  }, 180_000)

  it('refuses a second owner of the directory, naming the process that holds it', async () => {
    const db = (await openQueryDb(config))!
    try {
      await expect(createPgliteStore({ dir: join(dataDir, 'pglite') })).rejects.toThrow(new RegExp(`is open in process ${process.pid}; PGlite is single-process`))
    } finally {
      await db.close()
    }
    // Released on close: the next owner opens it.
    const next = await createPgliteStore({ dir: join(dataDir, 'pglite') })
    await next.close()
  }, 120_000)
})
