import { describe, expect, it } from 'vitest'
import { isPermanent } from '../src/errors/index.js'
import { createThreadPool } from '../src/stage/index.js'

// A thread stuck in CPU work on its first task: it never yields, so it cannot hear a cancel.
// Later tasks (a fresh thread) are answered, which shows the pool replaced the stopped thread.
const SPIN_ONCE = new URL(`data:text/javascript,${encodeURIComponent(`
import { parentPort } from 'node:worker_threads'
parentPort.on('message', ({ input }) => {
  if (input === 'spin') for (;;) {}
  parentPort.postMessage({ output: input + ' done' })
})`)}`)

describe('an analysis thread that never returns', () => {
  it('is stopped at its deadline; the task fails for good with a TIMEOUT reason and the pool goes on', async () => {
    const pool = createThreadPool<string, string>({ file: SPIN_ONCE, size: 1, timeoutMs: 1_000, what: 'analyze' })
    try {
      const stuck = pool.run('spin')
      const next = pool.run('next')
      const err = await stuck.then(() => undefined, (e: unknown) => e)
      expect(err).toBeInstanceOf(Error)
      expect((err as Error).message).toMatch(/^analyze: the analyze stage ran longer than 1000 ms; its thread was stopped/)
      expect(isPermanent(err)).toBe(true)
      expect(await next).toBe('next done')
    } finally {
      await pool.close()
    }
  }, 30_000)
})
