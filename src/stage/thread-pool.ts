import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { PodpipeError } from '../errors/index.js'

/**
 * A few long-lived threads for CPU work, one task per thread at a time. The threads only
 * compute: the caller keeps every Redis round trip on its own event loop, so a long task never
 * delays a lock renewal or a health check there. A task past its deadline has its thread
 * terminated (a thread stuck in CPU work cannot hear a cancel) and fails for good: the same
 * input would hang it again. A thread that dies fails its task as retryable and is replaced.
 */
export interface ThreadPool<In, Out> {
  run(input: In, transfer?: ArrayBuffer[]): Promise<Out>
  close(): Promise<void>
}

export interface ThreadPoolOptions {
  /** The thread's module: it answers each message `{ id, input }` with `{ id, output }`. */
  file: URL
  size: number
  /** Longest one task may run once a thread took it. */
  timeoutMs: number
  /** Names the work in errors, e.g. 'analyze'. */
  what: string
}

interface Task<In, Out> {
  input: In
  transfer: ArrayBuffer[]
  resolve(value: Out): void
  reject(err: unknown): void
}

interface Slot<In, Out> {
  worker: Worker
  task?: Task<In, Out> | undefined
  timer?: NodeJS.Timeout | undefined
}

/**
 * Starts the thread. TypeScript source (tsx, vitest) needs tsx's loader registered inside the
 * thread first, which execArgv cannot do on Node 20; the built package (dist/*.js) starts the
 * file directly and tsx, a dev dependency, is never looked up.
 */
const startThread = (file: URL): Worker => {
  if (!file.pathname.endsWith('.ts')) return new Worker(file)
  // tsx's ESM API (its exports map: "./esm/api" → dist/esm/api/index.mjs for import), whose
  // tsImport loads one module tree with tsx's hooks, which a worker thread can use.
  const api = new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href
  const boot = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(file.href)}, ${JSON.stringify(file.href)}))`
  return new Worker(boot, { eval: true })
}

export const createThreadPool = <In, Out>({ file, size, timeoutMs, what }: ThreadPoolOptions): ThreadPool<In, Out> => {
  const slots: (Slot<In, Out> | undefined)[] = Array.from({ length: Math.max(1, size) }, () => undefined)
  const queue: Task<In, Out>[] = []
  let closed = false
  let nextId = 0

  const settle = (slot: Slot<In, Out>) => {
    clearTimeout(slot.timer)
    const task = slot.task
    slot.task = undefined
    slot.timer = undefined
    return task
  }

  const spawn = (i: number): Slot<In, Out> => {
    const worker = startThread(file)
    const slot: Slot<In, Out> = { worker }
    worker.on('message', (msg: { output: Out }) => {
      settle(slot)?.resolve(msg.output)
      dispatch()
    })
    const lost = (why: string) => {
      if (slots[i] === slot) slots[i] = undefined
      // Not a PodpipeError: nothing is known to be wrong with the input, so the job is retried.
      settle(slot)?.reject(new Error(`the ${what} thread stopped (${why})`))
      dispatch()
    }
    worker.on('error', (err) => lost(err.message))
    worker.on('exit', (code) => lost(`exit code ${code}`))
    // Idle threads must not keep a finished process alive.
    worker.unref()
    return slot
  }

  const dispatch = () => {
    if (closed) return
    for (let i = 0; i < slots.length && queue.length > 0; i++) {
      const slot = slots[i] ?? (slots[i] = spawn(i))
      if (slot.task) continue
      const task = queue.shift()!
      slot.task = task
      slot.worker.ref()
      slot.timer = setTimeout(() => {
        const late = settle(slot)
        slots[i] = undefined
        slot.worker.removeAllListeners('exit')
        void slot.worker.terminate()
        late?.reject(new PodpipeError('TIMEOUT', `the ${what} stage ran longer than ${timeoutMs} ms; its thread was stopped`, { input: what }))
        dispatch()
      }, timeoutMs)
      slot.worker.postMessage({ id: nextId++, input: task.input }, task.transfer)
    }
    for (const slot of slots) if (slot && !slot.task) slot.worker.unref()
  }

  return {
    run: (input, transfer = []) => new Promise<Out>((resolve, reject) => {
      if (closed) return reject(new Error(`the ${what} thread pool is closed`))
      queue.push({ input, transfer, resolve, reject })
      dispatch()
    }),
    async close() {
      closed = true
      const pending = queue.splice(0)
      for (const t of pending) t.reject(new Error(`the ${what} thread pool closed before the task ran`))
      await Promise.all(slots.map((slot) => {
        slot?.worker.removeAllListeners('exit')
        return slot?.worker.terminate()
      }))
    },
  }
}
