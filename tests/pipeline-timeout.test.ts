import { Queue, type Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { QUEUE, createWorker, defineStage, withTuning } from '../src/queue/index.js'
import { obliterate, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'

const config = testConfig()
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null })
let worker: Worker | undefined

afterAll(async () => {
  await worker?.close()
  redis.disconnect()
  await obliterate(config)
})

describe('a sandboxed stage that never returns', () => {
  it('is stopped at its deadline and its job fails for good with a TIMEOUT reason', async () => {
    // A processor stuck in CPU work: it never yields, so it cannot hear a cancel request.
    const spin = new URL('data:text/javascript,export default function spin() { for (;;) {} }')
    const stage = defineStage(QUEUE.turns, () => async () => ({}), { sandboxed: true })
    worker = createWorker(stage, {}, {
      connection: redis, prefix: config.queuePrefix, concurrency: 1, log: pino({ level: 'silent' }),
      tuning: withTuning({ cpuStageTimeoutMs: 1_000, lockDurationMs: 5_000 }),
      sandbox: { processor: spin, env: {} },
    })
    const queue = new Queue(QUEUE.turns, { connection: redis, prefix: config.queuePrefix })
    await queue.add(QUEUE.turns, { chainId: 'c-1', episodeId: 'ep-1', feedId: 'f-1', feedUrl: 'x' }, { jobId: 'turns-c-1', attempts: 3 })
    const job = await waitFor(async () => {
      const [failed] = await queue.getFailed()
      return failed
    }, { timeoutMs: 20_000, what: 'the job to fail' })
    expect(job.failedReason).toMatch(/^TIMEOUT: the turns stage ran longer than 1000 ms/)
    expect(job.attemptsMade).toBe(1)
    await queue.close()
  }, 30_000)
})
