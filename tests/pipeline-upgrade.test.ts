import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { Queue, Worker, UnrecoverableError } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { startWorkers, type RunningWorkers } from '../pipelines/runtime.js'
import { analyzeDocument } from '../src/analyze/index.js'
import { parseFeed, type FeedEpisode } from '../src/feed/index.js'
import { QUEUE, blobKey, closeQueues, createBlobArea, createQueues, jobId, type BlobKind } from '../src/queue/index.js'
import { buildRecord, recordId } from '../src/record/index.js'
import { readTranscript } from '../src/transcript/index.js'
import { splitTurns } from '../src/turns/index.js'
import { extract } from '../src/nlp/index.js'
import { analyzeInputOf, type EpisodeBlob } from '../src/stage/index.js'
import { createFileStore } from '../src/store/index.js'
import { FAST, obliterate, seedFeedXml, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'

// A deployment of the five-queue version (feeds, transcripts, turns, claims, publish) stopped
// mid-flight, its Redis as that version left it, then the new workers started on it.
const config = testConfig()
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null })
const FEED = 'https://example.com/seed-feed.xml'
let running: RunningWorkers | undefined

afterAll(async () => {
  await running?.close()
  redis.disconnect()
  await obliterate(config)
})

const seedEpisode = (): FeedEpisode => {
  const episodes = parseFeed(seedFeedXml(), { feedUrl: FEED, maxItems: 10 }).episodes
  const ep = episodes.find((e) => e.episode.audioUrl)
  if (!ep) throw new Error('the seed feed has no episode with audio')
  return ep
}

/** What the old version wrote: gzip around JSON, under the same key layout. */
const putOld = (chainId: string, kind: BlobKind, value: unknown) =>
  redis.set(blobKey(config.queuePrefix, chainId, kind), gzipSync(JSON.stringify(value)), 'EX', 3_600)

describe('upgrading from the turns and claims queues', () => {
  it('moves every waiting, delayed and failed job to analyze and publishes each chain once, with the record the core gives', async () => {
    const base = seedEpisode()
    const body = base.body!
    const chains = ['waiting-turns', 'delayed-claims', 'failed-claims', 'waiting-publish'].map((name) => {
      const ep: FeedEpisode = { ...base, key: `key-${name}`, body: null, episode: { ...base.episode, guid: `guid-${name}` } }
      const episodeId = recordId(FEED, ep.episode.guid)
      return { name, ep, chainId: `${episodeId}-0123456789abcdef`, data: { chainId: `${episodeId}-0123456789abcdef`, episodeId, feedId: 'feed-0123456789abcdef', feedUrl: FEED } }
    })
    const transcript = { source: 'content:encoded' as const, format: 'html' as const, url: null, sha256: 'f'.repeat(64), wordCount: 0 }
    const read = readTranscript(body, { format: 'html' })
    const carried = { transcript, warnings: read.warnings, stageMs: { transcript: 1 } }
    for (const c of chains) {
      const blob: EpisodeBlob = { feedEpisode: c.ep, link: null, speakers: [], allowFileUrls: false }
      await putOld(c.chainId, 'episode', blob)
    }
    const [waitingTurns, delayedClaims, failedClaims, waitingPublish] = chains as [typeof chains[0], typeof chains[0], typeof chains[0], typeof chains[0]]
    const split = splitTurns(read.paragraphs, { speakers: [] })
    const turnsBlob = { ...carried, speakers: split.speakers, turns: split.turns, sections: split.sections, warnings: [...read.warnings, ...split.warnings] }
    await putOld(waitingTurns.chainId, 'transcript', { ...carried, paragraphs: read.paragraphs })
    await putOld(delayedClaims.chainId, 'turns', turnsBlob)
    await putOld(failedClaims.chainId, 'turns', turnsBlob)
    const extraction = extract({ turns: split.turns, speakers: split.speakers, episodeDate: null })
    await putOld(waitingPublish.chainId, 'claims', { ...turnsBlob, entities: extraction.entities, claims: extraction.claims })

    const connection = { connection: redis, prefix: config.queuePrefix }
    const turns = new Queue('turns', connection)
    const claims = new Queue('claims', connection)
    const publish = new Queue(QUEUE.publish, connection)
    await turns.add('turns', waitingTurns.data, { jobId: `turns-${waitingTurns.chainId}` })
    await claims.add('claims', delayedClaims.data, { jobId: `claims-${delayedClaims.chainId}`, delay: 3_600_000 })
    await claims.add('claims', failedClaims.data, { jobId: `claims-${failedClaims.chainId}` })
    // The old claims worker failed this one for good, as it fails a timeout.
    const old = new Worker('claims', async () => { throw new UnrecoverableError('TIMEOUT: the claims stage ran longer than 300000 ms') }, connection)
    await waitFor(async () => (await claims.getFailedCount()) === 1 || undefined, { timeoutMs: 30_000, what: 'the old claims job to fail' })
    await old.close()
    await publish.add(QUEUE.publish, waitingPublish.data, { jobId: jobId(QUEUE.publish, waitingPublish.chainId) })
    expect(await turns.getJobCounts('waiting')).toEqual({ waiting: 1 })
    expect(await claims.getJobCounts('delayed', 'failed')).toEqual({ delayed: 1, failed: 1 })

    running = await startWorkers(config, undefined, { tuning: FAST })
    const queues = createQueues(redis, config.queuePrefix)
    for (const c of chains) {
      const state = await waitFor(async () => {
        const s = await queues.publish.getJobState(jobId(QUEUE.publish, c.chainId))
        return s === 'completed' || s === 'failed' ? s : undefined
      }, { timeoutMs: 120_000, what: `the ${c.name} chain to be published` })
      expect(state, c.name).toBe('completed')
    }

    // The old queues are gone, and no stage data is left behind.
    expect(await redis.keys(`${config.queuePrefix}:turns:*`)).toEqual([])
    expect(await redis.keys(`${config.queuePrefix}:claims:*`)).toEqual([])
    expect((await redis.keys(`${config.queuePrefix}:blob:*`)).filter((k) => !k.endsWith(':published'))).toEqual([])

    // Each record once, holding what the core gives for the same post.
    const store = createFileStore({ dir: config.dataDir })
    const changes = readFileSync(join(config.dataDir, 'changes.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string })
    for (const c of chains) {
      const id = recordId(FEED, c.ep.episode.guid)
      const record = await store.get(id)
      expect(changes.filter((ch) => ch.id === id)).toHaveLength(1)
      const expected = c === waitingPublish
        ? buildRecord({ ...turnsBlob, episode: c.ep.episode, entities: extraction.entities, claims: extraction.claims, processedAt: new Date() })
        : analyzeDocument({ content: body, read: { format: 'html' }, ...analyzeInputOf({ feedEpisode: c.ep, speakers: [], stageMs: {}, transcript: { source: 'content:encoded', url: null } }, new Date()) }).record
      expect(record?.turns.length, c.name).toBe(52)
      expect({ turns: record?.turns, claims: record?.claims, entities: record?.entities }).toEqual({ turns: expected.turns, claims: expected.claims, entities: expected.entities })
    }
    await Promise.all([turns, claims, publish, ...Object.values(queues)].map((q) => q.close()))
  }, 240_000)
})

describe('upgrading from the version that sent post bodies through the transcripts stage', () => {
  it('finishes a chain it left at transcripts (episode and body blobs) with the record the core gives', async () => {
    const base = seedEpisode()
    const ep: FeedEpisode = { ...base, key: 'key-body-at-transcripts', episode: { ...base.episode, guid: 'guid-body-at-transcripts' } }
    const episodeId = recordId(FEED, ep.episode.guid)
    const chainId = `${episodeId}-fedcba9876543210`
    const blobs = createBlobArea(redis, config.queuePrefix, 3_600, 1 << 30)
    const blob: EpisodeBlob = { feedEpisode: { ...ep, body: null }, link: null, speakers: [], allowFileUrls: false }
    await blobs.put(chainId, 'episode', blob)
    await blobs.put(chainId, 'body', ep.body)
    const queues = createQueues(redis, config.queuePrefix)
    await queues.transcripts.add(QUEUE.transcripts, { chainId, episodeId, feedId: 'feed-0123456789abcdef', feedUrl: FEED }, { jobId: jobId(QUEUE.transcripts, chainId) })

    running ??= await startWorkers(config, undefined, { tuning: FAST })
    const state = await waitFor(async () => {
      const s = await queues.publish.getJobState(jobId(QUEUE.publish, chainId))
      return s === 'completed' || s === 'failed' ? s : undefined
    }, { timeoutMs: 60_000, what: 'the chain to be published' })
    expect(state).toBe('completed')
    expect(await redis.keys(blobKey(config.queuePrefix, chainId, '*' as BlobKind))).toEqual([blobKey(config.queuePrefix, chainId, 'published')])

    const record = await createFileStore({ dir: config.dataDir }).get(episodeId)
    const expected = analyzeDocument({
      content: base.body, read: { format: 'html' },
      ...analyzeInputOf({ feedEpisode: ep, speakers: [], stageMs: {}, transcript: { source: 'content:encoded', url: null } }, new Date()),
    }).record
    expect(record?.turns).toHaveLength(52)
    expect({ turns: record?.turns, claims: record?.claims, entities: record?.entities }).toEqual({ turns: expected.turns, claims: expected.claims, entities: expected.entities })
    await closeQueues(queues)
  }, 120_000)

  it('publishes a record it left for publish as objects (before records were encoded by analysis)', async () => {
    const base = seedEpisode()
    const ep: FeedEpisode = { ...base, key: 'key-record-at-publish', episode: { ...base.episode, guid: 'guid-record-at-publish' } }
    const episodeId = recordId(FEED, ep.episode.guid)
    const chainId = `${episodeId}-0f1e2d3c4b5a6978`
    const record = analyzeDocument({
      content: base.body, read: { format: 'html' },
      ...analyzeInputOf({ feedEpisode: ep, speakers: [], stageMs: {}, transcript: { source: 'content:encoded', url: null } }, new Date()),
    }).record
    await createBlobArea(redis, config.queuePrefix, 3_600, 1 << 30).put(chainId, 'analyzed', { record, itemKey: ep.key })
    const queues = createQueues(redis, config.queuePrefix)
    await queues.publish.add(QUEUE.publish, { chainId, episodeId, feedId: 'feed-0123456789abcdef', feedUrl: FEED }, { jobId: jobId(QUEUE.publish, chainId) })

    running ??= await startWorkers(config, undefined, { tuning: FAST })
    const done = await waitFor(async () => {
      const job = await queues.publish.getJob(jobId(QUEUE.publish, chainId))
      return job?.finishedOn ? job : undefined
    }, { timeoutMs: 60_000, what: 'the publish job to finish' })
    expect(done.failedReason).toBeUndefined()
    expect(done.returnvalue).toMatchObject({ recordId: episodeId, turns: 52, file: 'created' })
    expect(await createFileStore({ dir: config.dataDir }).get(episodeId)).toEqual(JSON.parse(JSON.stringify(record)))
    await closeQueues(queues)
  }, 120_000)
})
