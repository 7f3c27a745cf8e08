// BullMQ workers can stop fetching for good after some Redis failovers (BullMQ #3185) while the
// process lives on, so a supervisor sees nothing wrong. The watchdog notices a stopped worker.
import { afterAll, describe, expect, it, vi } from 'vitest'
import { startWorkers } from '../pipelines/runtime.js'
import { QUEUE } from '../src/queue/index.js'
import { FAST, obliterate, testConfig } from './helpers/pipeline-env.js'

const config = testConfig()

afterAll(async () => {
  await obliterate(config)
})

describe('worker watchdog', () => {
  it('reports a worker that stopped on its own, once, and nothing on a normal close', async () => {
    const onWorkerStopped = vi.fn()
    const running = await startWorkers(config, [QUEUE.feeds, QUEUE.publish], { tuning: FAST, watchdogMs: 50, onWorkerStopped })
    try {
      await new Promise((r) => setTimeout(r, 200))
      expect(onWorkerStopped).not.toHaveBeenCalled()
      // Closing one BullMQ worker behind the runtime's back is what a worker that gave up looks like.
      await running.workers[1]?.close()
      await vi.waitFor(() => expect(onWorkerStopped).toHaveBeenCalledWith(QUEUE.publish), { timeout: 5_000 })
      await new Promise((r) => setTimeout(r, 200))
      expect(onWorkerStopped).toHaveBeenCalledTimes(1)
      expect(running.health()).toEqual([{ queue: QUEUE.feeds, running: true }, { queue: QUEUE.publish, running: false }])
    } finally {
      await running.close()
    }
  })

  it('stays quiet when the runtime itself closes the workers', async () => {
    const onWorkerStopped = vi.fn()
    const running = await startWorkers(config, [QUEUE.feeds], { tuning: FAST, watchdogMs: 20, onWorkerStopped })
    await running.close()
    await new Promise((r) => setTimeout(r, 150))
    expect(onWorkerStopped).not.toHaveBeenCalled()
  })
})
