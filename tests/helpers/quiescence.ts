import { setTimeout as delay } from 'node:timers/promises'
import type { Queue } from 'bullmq'

const BUSY_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const

export interface QuiescenceOptions {
  /** Give up when the counts have not changed for this long (something is stuck). @defaultValue 15000 */
  stallMs?: number
  /** Give up after this long whatever happens. @defaultValue 60000 */
  timeoutMs?: number
  pollMs?: number
}

/**
 * Waits until no queue has work waiting, running or scheduled (twentyhq's quiescence helper):
 * tests wait on job counts rather than sleeping. Throws with the last counts when stuck.
 */
export const waitForQuiescence = async (queues: readonly Queue[], { stallMs = 15_000, timeoutMs = 60_000, pollMs = 50 }: QuiescenceOptions = {}): Promise<void> => {
  const started = Date.now()
  let last = ''
  let changedAt = started
  let idleBefore = false
  for (;;) {
    const counts = await Promise.all(queues.map(async (q) => [q.name, await q.getJobCounts(...BUSY_STATES)] as const))
    const busy = counts.some(([, c]) => Object.values(c).some((n) => n > 0))
    // Idle twice in a row: the queues are read one after another, so a job that hands work on to
    // a queue already read and then completes looks idle in one round.
    if (!busy && idleBefore) return
    idleBefore = !busy
    const snapshot = JSON.stringify(counts)
    if (snapshot !== last) { last = snapshot; changedAt = Date.now() }
    const now = Date.now()
    if (now - changedAt > stallMs || now - started > timeoutMs) throw new Error(`queues did not settle: ${snapshot}`)
    await delay(pollMs)
  }
}

/** Polls `check` until it returns a value other than undefined. */
export const waitFor = async <T>(check: () => Promise<T | undefined> | T | undefined, { timeoutMs = 30_000, pollMs = 50, what = 'condition' } = {}): Promise<T> => {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await delay(pollMs)
  }
}
