import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isPodpipeError } from '../src/errors/index.js'
import { createFileStore, recordContentHash, type ChangeLogEntry } from '../src/store/index.js'
import { sampleRecord } from './helpers/sample-record.js'

const run = promisify(execFile)

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'podpipe-file-store-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const changes = async (): Promise<ChangeLogEntry[]> => {
  const text = await readFile(join(dir, 'changes.jsonl'), 'utf8').catch(() => '')
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as ChangeLogEntry)
}
/** The records directory but for this process's lock owner file, which stays while it lives (src/store/file-lock.ts). */
const listing = async () => (await readdir(join(dir, 'records'))).filter((n) => !n.startsWith(`.lock-owner.${process.pid}.`))

describe('file store', () => {
  it('creates, then leaves an identical re-put untouched, then updates on new content', async () => {
    const store = createFileStore({ dir })
    const first = sampleRecord()
    expect(await store.put(first)).toBe('created')
    const path = join(dir, 'records', `${first.id}.json`)
    const bytes = await readFile(path, 'utf8')
    const mtime = (await stat(path)).mtimeMs

    // A retry runs later, so processedAt and stageMs differ; the content does not.
    const retry = sampleRecord({ processedAt: new Date(Date.now() + 60_000), stageMs: { split: 7 } })
    expect(await store.put(retry)).toBe('unchanged')
    expect(await readFile(path, 'utf8')).toBe(bytes)
    expect((await stat(path)).mtimeMs).toBe(mtime)
    expect(await changes()).toEqual([
      { seq: 1, at: expect.any(String), id: first.id, hash: recordContentHash(first), change: 'created' },
    ])

    const edited = sampleRecord({ title: 'The New Space Race (corrected)' })
    expect(await store.put(edited)).toBe('updated')
    expect((await store.get(first.id))?.episode.title).toBe('The New Space Race (corrected)')
    expect((await changes()).map((c) => [c.change, c.hash])).toEqual([
      ['created', recordContentHash(first)],
      ['updated', recordContentHash(edited)],
    ])
  })

  it('continues a log written before seq existed, and starts again at 1 when the log is deleted', async () => {
    const store = createFileStore({ dir })
    const old = sampleRecord({ guid: 'old' })
    await store.put(old)
    // The line as versions without seq wrote it.
    const { seq: _seq, ...legacy } = (await changes())[0]!
    await writeFile(join(dir, 'changes.jsonl'), JSON.stringify(legacy) + '\n')
    const fresh = createFileStore({ dir })
    expect(await fresh.put(old)).toBe('unchanged')
    await fresh.put(sampleRecord({ guid: 'new' }))
    expect((await changes()).map((c) => c.seq)).toEqual([undefined, 1])
    await rm(join(dir, 'changes.jsonl'))
    // A record the log no longer names is logged again rather than called unchanged.
    expect(await fresh.put(old)).toBe('created')
    expect((await changes()).map((c) => [c.seq, c.id])).toEqual([[1, old.id]])
  })

  it('reads back exactly the record it stored, validated', async () => {
    const store = createFileStore({ dir })
    const record = sampleRecord()
    await store.put(record)
    expect(await store.get(record.id)).toEqual(record)
    expect(await store.get('ep-000000000000000000000000')).toBeUndefined()
    expect(await store.get('../../etc/passwd')).toBeUndefined()
  })

  it('refuses to return a stored file that is not a valid record, naming the file', async () => {
    const store = createFileStore({ dir })
    const record = sampleRecord()
    await store.put(record)
    await writeFile(join(dir, 'records', `${record.id}.json`), JSON.stringify({ ...record, speakers: 'none' }))
    const err = await store.get(record.id).catch((e: unknown) => e)
    expect(isPodpipeError(err) && err.code === 'MALFORMED' && err.permanent).toBe(true)
    expect((err as Error).message).toContain(`${record.id}.json`)
  })

  it('turns 10 concurrent puts of one record into one file and one change', async () => {
    const store = createFileStore({ dir })
    const results = await Promise.all(Array.from({ length: 10 }, () => store.put(sampleRecord())))
    expect(results.filter((r) => r === 'created')).toHaveLength(1)
    expect(results.filter((r) => r === 'unchanged')).toHaveLength(9)
    expect(await listing()).toEqual([`${sampleRecord().id}.json`])
    expect(await changes()).toHaveLength(1)
  })

  /** 4 processes × 5 puts each: titles A, A, B, B, so two distinct contents race. */
  const racePuts = async () => {
    const titles = ['A', 'A', 'B', 'B']
    const outputs = await Promise.all(titles.map((t) =>
      run(process.execPath, ['--import', 'tsx', 'tests/helpers/put-file-record.ts', dir, t], { cwd: process.cwd() })))
    const results = outputs.flatMap((o) => o.stdout.trim().split('\n'))
    expect(results).toHaveLength(20)
    const log = await changes()
    // Every put that wrote reported it, and the log has exactly those lines, all whole.
    expect(log).toHaveLength(results.filter((r) => r !== 'unchanged').length)
    expect(log.filter((c) => c.change === 'created')).toHaveLength(1)
    // One counter across the processes: seq runs 1, 2, 3… in file order.
    expect(log.map((c) => c.seq)).toEqual(log.map((_c, i) => i + 1))
    // At most A→B→A→B…: each change flips the content, so no two consecutive lines share a hash.
    log.slice(1).forEach((c, i) => expect(c.hash).not.toBe(log[i]?.hash))
    expect((await listing()).filter((n) => !n.endsWith('.lock'))).toEqual([`${sampleRecord().id}.json`])
    const stored = await createFileStore({ dir }).get(sampleRecord().id)
    expect(recordContentHash(stored!)).toBe(log.at(-1)?.hash)
  }

  it('records each change once when several processes put the same records at once', racePuts, 60_000)

  it('records each change once when several processes take over the locks of a writer that died holding them', async () => {
    await mkdir(join(dir, 'records'), { recursive: true })
    // pid 2^22+1 is above Linux's largest possible pid (PID_MAX_LIMIT), so no live process holds it.
    const dead = `${2 ** 22 + 1} ${Date.now()}`
    await writeFile(join(dir, 'records', `.${sampleRecord().id}.lock`), dead)
    await writeFile(join(dir, '.changes.jsonl.lock'), dead)
    await racePuts()
  }, 60_000)

  it('sweeps temp files crashed writers left behind, but not a live writer\'s', async () => {
    await mkdir(join(dir, 'records'))
    // pid 2^22+1 is above Linux's largest possible pid (PID_MAX_LIMIT), so no live process has it.
    const crashed = join(dir, 'records', `.ep-1.json.${2 ** 22 + 1}.aaaaaaaaaaaa.tmp`)
    // A live pid on an hour-old file: the pid was reused since its writer died.
    const abandoned = join(dir, 'records', `.ep-2.json.${process.pid}.bbbbbbbbbbbb.tmp`)
    const live = join(dir, 'records', `.ep-3.json.${process.pid}.cccccccccccc.tmp`)
    for (const f of [crashed, abandoned, live]) await writeFile(f, '{"half":')
    const hourAgo = new Date(Date.now() - 3_600_000)
    await utimes(abandoned, hourAgo, hourAgo)
    await createFileStore({ dir }).put(sampleRecord())
    expect((await listing()).sort()).toEqual([`.ep-3.json.${process.pid}.cccccccccccc.tmp`, `${sampleRecord().id}.json`])
  })

  it('links every lock and intent of a process to its one owner file, which it makes again when swept and removes when it exits', async () => {
    const owners = async () => (await readdir(join(dir, 'records'))).filter((n) => n.startsWith('.lock-owner.'))
    const inodeOf = async (name: string) => (await stat(join(dir, 'records', name))).ino
    const inodes: [string, number, number][] = []
    const store = createFileStore({
      dir,
      // While the put holds the record's lock, and once it has placed its intent: each is the owner file's inode.
      onStep: async (step, id) => {
        const name = step === 'locked' ? `.${id}.lock` : step === 'intent' ? `.${id}.intent` : undefined
        if (name === undefined) return
        const [owner] = await owners()
        inodes.push([step, await inodeOf(name), await inodeOf(owner!)])
      },
    })
    for (const guid of ['a', 'b', 'c']) expect(await store.put(sampleRecord({ guid }))).toBe('created')
    expect(inodes.map(([step]) => step)).toEqual(['locked', 'intent', 'locked', 'intent', 'locked', 'intent'])
    for (const [, marker, owner] of inodes) expect(marker).toBe(owner)
    const [owner] = await owners()
    expect(await owners()).toEqual([expect.stringMatching(new RegExp(`^\\.lock-owner\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`))])
    // Swept, as removeStaleTempFiles sweeps a temp file an hour old: the next lock makes another.
    await rm(join(dir, 'records', owner!))
    expect(await store.put(sampleRecord({ guid: 'd' }))).toBe('created')
    expect(await owners()).toHaveLength(1)
    expect(await owners()).not.toEqual([owner])
    // A process that exits takes its owner file with it.
    await run(process.execPath, ['--import', 'tsx', 'tests/helpers/put-file-record.ts', dir, 'Other title'], { cwd: process.cwd() })
    expect((await owners()).filter((n) => !n.includes(`.${process.pid}.`))).toEqual([])
  }, 30_000)

  it('takes over the lock of a process that died holding it', async () => {
    const store = createFileStore({ dir })
    const record = sampleRecord()
    await mkdir(join(dir, 'records'), { recursive: true })
    // pid 2^22+1 is above Linux's largest possible pid (PID_MAX_LIMIT), so no live process holds it.
    await writeFile(join(dir, 'records', `.${record.id}.lock`), `${2 ** 22 + 1} ${Date.now()}`)
    expect(await store.put(record)).toBe('created')
    expect(await listing()).toEqual([`${record.id}.json`])
  })

  it('leaves neither a partial record nor a temp file when the write fails', async () => {
    const store = createFileStore({ dir })
    const record = sampleRecord()
    // A directory in the record's place makes the final rename fail after the temp file was written.
    await mkdir(join(dir, 'records', `${record.id}.json`), { recursive: true })
    const err = await store.put(record).catch((e: unknown) => e)
    expect(isPodpipeError(err) && err.code === 'STORE_FAILED' && !err.permanent).toBe(true)
    expect((err as Error).message).toMatch(/^ep-[0-9a-f]+: file store: could not write record/)
    expect(await listing()).toEqual([`${record.id}.json`])
    expect(await changes()).toEqual([])
  })

  it('reports an unusable directory as a transient error naming the store', async () => {
    // A regular file where the directory should be: works even when the tests run as root.
    const notADir = join(dir, 'data')
    await writeFile(notADir, '')
    const store = createFileStore({ dir: notADir })
    await expect(store.ping()).rejects.toThrow(/file store: directory .* is not writable/)
    await expect(store.put(sampleRecord())).rejects.toMatchObject({ code: 'STORE_FAILED', permanent: false })
  })

  it('refuses an invalid record as a permanent error before touching the disk', async () => {
    const store = createFileStore({ dir })
    const bad = { ...sampleRecord(), claims: [{ id: '' }] } as unknown as ReturnType<typeof sampleRecord>
    await expect(store.put(bad)).rejects.toMatchObject({ code: 'MALFORMED', permanent: true })
    await expect(readdir(dir)).resolves.toEqual([])
  })
})
