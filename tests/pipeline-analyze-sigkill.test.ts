// A worker process killed with SIGKILL while it analyses a long episode: the job's lock lapses,
// another worker analyses it again from the source blob, and the record is published exactly once.
import type { ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { QUEUE, createBlobArea, createQueues, jobId } from '../src/queue/index.js'
import type { ChangeLogEntry } from '../src/store/index.js'
import { FAST, obliterate, testConfig } from './helpers/pipeline-env.js'
import { longEpisodeSource } from './helpers/long-episode.js'
import { waitFor } from './helpers/quiescence.js'
import { spawnWorker } from './helpers/spawn-worker.js'

const COPIES = 20
const config = testConfig()
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null })
const children: ChildProcess[] = []

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  redis.disconnect()
  await obliterate(config)
})

describe('a worker killed with SIGKILL while it analyses a long episode', () => {
  it('has the episode analysed again by another worker and published exactly once', async () => {
    const chainId = 'ep-killed-0123456789abcdef'
    const source = longEpisodeSource('killed', COPIES)
    await createBlobArea(redis, config.queuePrefix, 3_600, config.blobCompressMinBytes).put(chainId, 'source', source)
    const queues = createQueues(redis, config.queuePrefix)
    const analyzeId = jobId(QUEUE.analyze, chainId)
    const doomed = await spawnWorker(children, config, FAST)
    await queues.analyze.add(QUEUE.analyze, { chainId, episodeId: 'ep-killed', feedId: 'feed-0123456789abcdef', feedUrl: 'https://example.com/feed.xml' }, { jobId: analyzeId })

    await waitFor(async () => ((await queues.analyze.getJobState(analyzeId)) === 'active' ? true : undefined), { what: 'the analysis to start' })
    doomed.kill('SIGKILL')
    await new Promise((resolve) => doomed.once('exit', resolve))
    // Killed mid-analysis: nothing was handed on to publish.
    expect(await queues.publish.getJobState(jobId(QUEUE.publish, chainId))).toBe('unknown')

    await spawnWorker(children, config, FAST)
    const publishId = jobId(QUEUE.publish, chainId)
    await waitFor(async () => ((await queues.publish.getJobState(publishId)) === 'completed' ? true : undefined), { what: 'the record to be published', timeoutMs: 240_000 })

    const analysis = await queues.analyze.getJob(analyzeId)
    expect(await analysis?.getState()).toBe('completed')
    expect(analysis?.attemptsStarted).toBeGreaterThanOrEqual(2)
    const files = readdirSync(config.dataDir, { recursive: true }).map(String).filter((p) => p.endsWith('.json') && !p.includes('pglite'))
    expect(files).toHaveLength(1)
    const logPath = join(config.dataDir, 'changes.jsonl')
    expect(existsSync(logPath)).toBe(true)
    const log = readFileSync(logPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ChangeLogEntry)
    expect(log.map((e) => e.change)).toEqual(['created'])
    await Promise.all(Object.values(queues).map((q) => q.close()))
  }, 300_000)
})
