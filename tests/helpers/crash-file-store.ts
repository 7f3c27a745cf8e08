/**
 * Child process for the file-store crash tests. Two modes:
 *   at STEP GUID TITLE   puts one sample record and SIGKILLs itself when the put reaches STEP
 *   loop RUN             puts ever new contents of 8 records until the parent kills it; prints
 *                        "ready COMPLETED DISCARDED" once the store has recovered what the
 *                        previous run left, then "logged" each time a put has appended its log
 *                        line (written synchronously at that step: a line printed after the
 *                        put returns could be lost to a kill after the intent is gone)
 * Usage: node --import tsx tests/helpers/crash-file-store.ts DIR MODE ARGS…
 */
import { writeSync } from 'node:fs'
import { createFileStore, FILE_STORE_STEPS, type FileStoreStep } from '../../src/store/file-store.js'
import { sampleRecord } from './sample-record.js'

const [dir, mode, ...args] = process.argv.slice(2)
if (!dir || (mode !== 'at' && mode !== 'loop')) throw new Error('usage: crash-file-store.ts DIR at STEP GUID TITLE | loop RUN')

const die = (): never => {
  process.kill(process.pid, 'SIGKILL')
  throw new Error('unreachable: SIGKILL did not stop the process')
}

if (mode === 'at') {
  const [step, guid, title] = args
  if (!FILE_STORE_STEPS.includes(step as FileStoreStep) || !guid || !title) throw new Error(`bad arguments: ${args.join(' ')}`)
  const store = createFileStore({ dir, onStep: (s) => void (s === step && die()) })
  await store.put(sampleRecord({ guid, title }))
  throw new Error(`the put finished without reaching step ${step}`)
} else {
  const run = args[0] ?? '0'
  const store = createFileStore({ dir, onStep: (s) => void (s === 'logged' && writeSync(1, 'logged\n')) })
  const { completed, discarded } = await store.recover()
  writeSync(1, `ready ${completed} ${discarded}\n`)
  for (let i = 0; ; i++) await store.put(sampleRecord({ guid: `g${i % 8}`, title: `run ${run} put ${i}` }))
}
