import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { startWorkers, type RunningWorkers } from '../pipelines/runtime.js'
import { QUEUE, createBlobArea, createQueues, jobId } from '../src/queue/index.js'
import { obliterate, testConfig } from './helpers/pipeline-env.js'
import { longEpisodeSource } from './helpers/long-episode.js'
import { waitFor } from './helpers/quiescence.js'

// A long episode (the seed transcript many times over) analysed with job locks that lapse after
// one second: the worker's event loop must keep answering (Redis round trips, health checks)
// and renewing the lock the whole time, or the job would be taken back as stalled.
const COPIES = Number(process.env.PODPIPE_LONG_EPISODE_COPIES ?? 20)
const config = testConfig()
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null })
let running: RunningWorkers | undefined

afterAll(async () => {
  await running?.close()
  redis.disconnect()
  await obliterate(config)
})

describe('analysing a long episode', () => {
  it('keeps the worker\'s event loop answering and its job lock renewed until the record is handed on', async () => {
    const chainId = 'ep-long-0123456789abcdef'
    const source = longEpisodeSource('long', COPIES)
    await createBlobArea(redis, config.queuePrefix, 3_600, config.blobCompressMinBytes).put(chainId, 'source', source)
    running = await startWorkers(config, [QUEUE.analyze], { tuning: { lockDurationMs: 1_000, stalledIntervalMs: 500 } })
    let stalled = 0
    running.workers[0]?.on('stalled', () => { stalled++ })
    const queues = createQueues(redis, config.queuePrefix)
    const id = jobId(QUEUE.analyze, chainId)
    await queues.analyze.add(QUEUE.analyze, { chainId, episodeId: 'ep-long', feedId: 'feed-0123456789abcdef', feedUrl: 'https://example.com/feed.xml' }, { jobId: id })

    await waitFor(async () => ((await queues.analyze.getJobState(id)) === 'active' ? true : undefined), { what: 'the job to start' })
    // This process is the worker's: each answered round trip is a turn of its event loop.
    let answeredWhileActive = 0
    while ((await queues.analyze.getJobState(id)) === 'active') {
      await redis.ping()
      if (running.health().every((h) => h.running)) answeredWhileActive++
    }
    const job = await queues.analyze.getJob(id)
    expect(await job?.getState()).toBe('completed')
    expect(job?.returnvalue).toMatchObject({ turns: expect.any(Number) })
    console.info(`analysed ${COPIES} copies of the seed in ${(job!.finishedOn! - job!.processedOn!)} ms; ${answeredWhileActive} round trips answered meanwhile`)
    expect(answeredWhileActive).toBeGreaterThanOrEqual(3)
    expect(stalled).toBe(0)
    expect(job?.attemptsStarted).toBe(1)
    expect(await queues.publish.getJobState(jobId(QUEUE.publish, chainId))).toBe('waiting')
    await Promise.all(Object.values(queues).map((q) => q.close()))
  }, 300_000)
})
