import { execFile, spawn } from 'node:child_process'
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EpisodeRecord } from '../src/record/index.js'
import { createFileStore, FILE_STORE_STEPS, recordContentHash, type ChangeLogEntry } from '../src/store/index.js'
import { sampleRecord } from './helpers/sample-record.js'

const run = promisify(execFile)
const CHILD = ['--import', 'tsx', 'tests/helpers/crash-file-store.ts']

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'podpipe-file-crash-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const readLog = async (): Promise<ChangeLogEntry[]> => {
  const text = await readFile(join(dir, 'changes.jsonl'), 'utf8').catch(() => '')
  // Every line whole: JSON.parse throws on a torn one.
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as ChangeLogEntry)
}

/**
 * Checks the store's invariant and returns the log: every record file's hash is its id's newest
 * logged hash and every logged id has its file, seq rises strictly, no (id, hash) is logged twice
 * (every test content is new), and no intent or temp file is left (a dead holder's lock may be:
 * the next put of the id breaks it).
 */
const expectConsistent = async (): Promise<ChangeLogEntry[]> => {
  // This process's lock owner file stays while it lives (src/store/file-lock.ts).
  const names = (await readdir(join(dir, 'records'))).filter((n) => !n.endsWith('.lock') && !n.startsWith(`.lock-owner.${process.pid}.`))
  expect(names.filter((n) => n.startsWith('.'))).toEqual([])
  const stored = new Map<string, string>()
  for (const name of names) {
    const record = EpisodeRecord.parse(JSON.parse(await readFile(join(dir, 'records', name), 'utf8')))
    stored.set(record.id, recordContentHash(record))
  }
  const log = await readLog()
  const newest = new Map(log.map((e) => [e.id, e.hash]))
  expect(Object.fromEntries(newest)).toEqual(Object.fromEntries(stored))
  log.slice(1).forEach((e, i) => expect(e.seq).toBeGreaterThan(log[i]!.seq))
  const pairs = log.map((e) => `${e.id} ${e.hash}`)
  expect(new Set(pairs).size).toBe(pairs.length)
  return log
}

const killedAt = async (step: string, guid: string, title: string) => {
  const err = await run(process.execPath, [...CHILD, dir, 'at', step, guid, title]).catch((e: unknown) => e)
  expect((err as { signal?: string }).signal).toBe('SIGKILL')
}

describe('file store crash consistency', () => {
  // Each step is a point where a put's files differ; a crash there must leave a state the next store completes.
  describe.each(FILE_STORE_STEPS)('a put killed at step %s', (step) => {
    it('of a new record is finished or undone, and the next put completes it', async () => {
      const record = sampleRecord({ guid: 'crash', title: 'first' })
      await killedAt(step, 'crash', 'first')
      const store = createFileStore({ dir })
      await store.recover()
      const log = await expectConsistent()
      // Before the record file is in place the put is undone; from then on it is logged.
      const written = FILE_STORE_STEPS.indexOf(step) >= FILE_STORE_STEPS.indexOf('record')
      expect(log.map((e) => [e.id, e.change])).toEqual(written ? [[record.id, 'created']] : [])
      expect(await store.put(record)).toBe(written ? 'unchanged' : 'created')
      expect((await expectConsistent()).map((e) => [e.seq, e.hash])).toEqual([[1, recordContentHash(record)]])
    }, 30_000)

    it('of a changed record leaves either the old or the new version, logged, and the retry ends on the new', async () => {
      const store = createFileStore({ dir })
      const before = sampleRecord({ guid: 'crash', title: 'old' })
      await store.put(before)
      await store.put(sampleRecord({ guid: 'other', title: 'untouched' }))
      await killedAt(step, 'crash', 'new')
      // A fresh store, as a restarted worker opens it; its first put recovers first.
      const next = createFileStore({ dir })
      const after = sampleRecord({ guid: 'crash', title: 'new' })
      const written = FILE_STORE_STEPS.indexOf(step) >= FILE_STORE_STEPS.indexOf('record')
      expect(await next.put(after)).toBe(written ? 'unchanged' : 'updated')
      const log = await expectConsistent()
      expect(log.map((e) => [e.seq, e.hash, e.change])).toEqual([
        [1, recordContentHash(before), 'created'],
        [2, expect.any(String), 'created'],
        [3, recordContentHash(after), 'updated'],
      ])
    }, 30_000)
  })

  it('stays consistent over 30 processes SIGKILLed at random moments mid-put', async () => {
    let puts = 0
    const recovered = { completed: 0, discarded: 0 }
    for (let runIndex = 0; runIndex < 30; runIndex++) {
      const child = spawn(process.execPath, [...CHILD, dir, 'loop', String(runIndex)], { stdio: ['ignore', 'pipe', 'inherit'] })
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
      // One listener reads every line, "ready" and the "logged" lines, whichever chunks they come in.
      let lines = ''
      await new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          lines += chunk
          for (let at = lines.indexOf('\n'); at >= 0; at = lines.indexOf('\n')) {
            const line = lines.slice(0, at)
            lines = lines.slice(at + 1)
            if (line === 'logged') puts++
            else if (line.startsWith('ready ')) {
              const [, completed, discarded] = line.split(' ').map(Number)
              recovered.completed += completed!
              recovered.discarded += discarded!
              resolve()
            }
          }
        })
        child.once('exit', (code) => reject(new Error(`child exited with ${code} before it was ready`)))
      })
      // A put takes a few milliseconds, so a random delay lands on every step over the runs.
      await new Promise((r) => setTimeout(r, Math.random() * 150))
      child.kill('SIGKILL')
      expect(await exited).toBe('SIGKILL')
    }
    const store = createFileStore({ dir })
    const last = await store.recover()
    recovered.completed += last.completed
    recovered.discarded += last.discarded
    const log = await expectConsistent()
    // Each put's own append is counted as it happens ("logged"). A kill leaves at most one put
    // interrupted, with its intent: logged by the recovery once its record was in place
    // (completed), or, killed between its append and the count, found logged already (discarded).
    // Never a line twice (expectConsistent).
    console.log(`random kills: ${puts} puts logged, ${log.length} lines, recovered ${JSON.stringify(recovered)}`)
    expect(log.length).toBeGreaterThanOrEqual(puts + recovered.completed)
    expect(log.length).toBeLessThanOrEqual(puts + recovered.completed + recovered.discarded)
    expect(recovered.completed + recovered.discarded).toBeLessThanOrEqual(30)
    // A record each put rewrote is unchanged for a put of its newest logged content.
    const newest = log.at(-1)!
    const record = await store.get(newest.id)
    expect(await store.put(record!)).toBe('unchanged')
  }, 180_000)

  it('logs a record that a crash of an older version stored without its log line, instead of calling it unchanged', async () => {
    const store = createFileStore({ dir })
    const logged = sampleRecord({ guid: 'logged' })
    await store.put(logged)
    const orphan = sampleRecord({ guid: 'orphan' })
    await writeFile(join(dir, 'records', `${orphan.id}.json`), JSON.stringify(orphan, null, 2) + '\n')
    const fresh = createFileStore({ dir })
    expect(await fresh.put(orphan)).toBe('created')
    expect(await fresh.put(orphan)).toBe('unchanged')
    expect((await expectConsistent()).map((e) => [e.seq, e.id])).toEqual([[1, logged.id], [2, orphan.id]])
  })

  it('reads past a torn last line and cuts it off before the next append', async () => {
    const store = createFileStore({ dir })
    const [a, b, c] = ['a', 'b', 'c'].map((guid) => sampleRecord({ guid }))
    await store.put(a!)
    await store.put(b!)
    const torn = `{"seq":3,"at":"2025-10-15T00:00:00.000Z","id":"${c!.id}","ha`
    await appendFile(join(dir, 'changes.jsonl'), torn)
    const fresh = createFileStore({ dir })
    // The torn line is nobody's entry: b is still the newest, and c is new.
    expect(await fresh.put(b!)).toBe('unchanged')
    expect(await fresh.put(c!)).toBe('created')
    const log = await expectConsistent()
    expect(log.map((e) => [e.seq, e.id])).toEqual([[1, a!.id], [2, b!.id], [3, c!.id]])
    expect(await readFile(join(dir, 'changes.jsonl'), 'utf8')).not.toContain(torn)
  })

  it('settles an intent by the record and the log, whatever it holds: nothing, or an older version\'s torn or whole JSON', async () => {
    const store = createFileStore({ dir })
    const [kept, next] = ['kept', 'next'].map((guid) => sampleRecord({ guid }))
    await store.put(kept!)
    const intent = join(dir, 'records', `.${next!.id}.intent`)
    const whole = JSON.stringify({ hash: recordContentHash(next!), change: 'created' })
    // Placed, and killed before the record was written: nothing to log.
    for (const content of ['', whole.slice(0, 17), whole]) {
      await writeFile(intent, content)
      expect(await createFileStore({ dir }).recover()).toEqual({ completed: 0, discarded: 1 })
      expect(await expectConsistent()).toHaveLength(1)
    }
    // Killed once the record was in place and before its line was logged: the line is appended.
    const file = join(dir, 'records', `${next!.id}.json`)
    for (const content of ['', whole]) {
      await writeFile(file, JSON.stringify(next) + '\n')
      await writeFile(intent, content)
      expect(await createFileStore({ dir }).recover()).toEqual({ completed: 1, discarded: 0 })
      expect((await expectConsistent()).map((e) => [e.id, e.change])).toEqual([[kept!.id, 'created'], [next!.id, 'created']])
      expect(await createFileStore({ dir }).put(next!)).toBe('unchanged')
      // Back to the state before the put, for the next content.
      await rm(file)
      const lines = (await readFile(join(dir, 'changes.jsonl'), 'utf8')).split('\n')
      await writeFile(join(dir, 'changes.jsonl'), `${lines[0]}\n`)
    }
  })
})
