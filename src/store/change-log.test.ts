import { mkdtempSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openChangeLog, type ChangeLogEntry } from './change-log.js'

const HASH = 'a'.repeat(64)
const now = () => new Date('2026-01-01T00:00:00Z')

const lines = async (path: string): Promise<ChangeLogEntry[]> =>
  (await readFile(path, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as ChangeLogEntry)

describe('change log', () => {
  it('indexes its own appends and reads the lines other writers appended', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'podpipe-log-')), 'changes.jsonl')
    // Two logs on one file: two processes of one machine.
    const [a, b] = [openChangeLog({ path, now }), openChangeLog({ path, now })]
    await a.append('ep-1', HASH, 'created')
    await b.append('ep-2', HASH, 'created')
    const third = await a.append('ep-1', 'b'.repeat(64), 'updated')
    expect(third.seq).toBe(3)
    expect(await a.latest('ep-1')).toEqual(third)
    expect(await a.latest('ep-2')).toMatchObject({ seq: 2, id: 'ep-2' })
    expect(await b.latest('ep-1')).toEqual(third)
  })

  it('counts every line once when reads of the same log overlap its appends', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'podpipe-log-')), 'changes.jsonl')
    const log = openChangeLog({ path, now })
    const ids = Array.from({ length: 40 }, (_, i) => `ep-${i}`)
    // A reader that reads again at every turn of the event loop: its reads may take an append's
    // line before the append indexes it. (A read that finds nothing new never leaves the
    // microtask queue, so without the turn it would starve the appends' fsyncs.)
    let appending = true
    const reader = (async () => {
      while (appending) {
        await log.latest('ep-0')
        await new Promise(setImmediate)
      }
    })()
    for (const id of ids) await log.append(id, HASH, 'created')
    appending = false
    await reader
    const written = await lines(path)
    expect(written.map((e) => e.seq)).toEqual(ids.map((_, i) => i + 1))
    const next = await log.append('ep-last', HASH, 'created')
    expect(next.seq).toBe(ids.length + 1)
    for (const entry of written) expect(await log.latest(entry.id)).toEqual(entry)
  })
})
