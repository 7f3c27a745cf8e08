import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { Queue, type Job } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce, startWorkers, type RunningWorkers } from '../pipelines/runtime.js'
import type { Config } from '../src/config/index.js'
import { PodpipeError } from '../src/errors/index.js'
import { QUEUE, withTuning } from '../src/queue/index.js'
import { createStores, publishToAll, recordContentHash, webhookJobId, type RecordStore } from '../src/store/index.js'
import { verifyWebhook, type WebhookPayload } from '../src/webhook/index.js'
import { FAST, obliterate, seedFeedXml, testConfig } from './helpers/pipeline-env.js'
import { sparePort } from './helpers/redis-server.js'
import { sampleRecord } from './helpers/sample-record.js'

const SECRET = 'whsec_' + Buffer.alloc(32, 11).toString('base64')

interface Received {
  headers: IncomingMessage['headers']
  body: string
  at: number
  path: string
}

/** What the receiver does with the next notice for a record id; 200 once the script runs out. */
type Step = number | { status: number; headers?: Record<string, string> } | 'hang'

/**
 * A webhook receiver on 127.0.0.1: records every request raw (the signature covers the bytes)
 * and answers each record id's notices by its script.
 */
const startReceiver = async () => {
  const received: Received[] = []
  const scripts = new Map<string, Step[]>()
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      received.push({ headers: req.headers, body, at: Date.now(), path: req.url ?? '' })
      const id = (() => {
        try {
          return (JSON.parse(body) as WebhookPayload).data.id
        } catch {
          return ''
        }
      })()
      const step = scripts.get(id)?.shift() ?? 200
      if (step === 'hang') return
      const { status, headers = {} } = typeof step === 'number' ? { status: step } : step
      res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(status < 300 ? 'ok' : `nope ${status}\nline two`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    script: (id: string, steps: Step[]) => void scripts.set(id, steps),
    forRecord: (id: string) => received.filter((r) => r.body.includes(`"id":"${id}"`)),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}

const until = async <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await delay(25)
  }
}

const webhookEnv = (url: string, extra: Record<string, string> = {}) => ({
  PODPIPE_STORES: 'file,webhook', PODPIPE_WEBHOOK_URL: url, PODPIPE_WEBHOOK_SECRET: SECRET, PODPIPE_WEBHOOK_TIMEOUT_MS: '500', ...extra,
})

const finished = (queue: Queue, id: string) =>
  until(`job ${id} to finish`, async () => {
    // State first, then the job: read the other way round, a job that finishes in between
    // comes back 'completed' with the returnvalue it had before (null).
    const state = await queue.getJobState(id)
    if (state !== 'completed' && state !== 'failed') return undefined
    return { job: (await queue.getJob(id)) as Job, state }
  })

describe('the webhook store, its queue and its worker, against a receiver on 127.0.0.1', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let config: Config
  let stores: RecordStore[]
  let workers: RunningWorkers
  let queue: Queue

  beforeAll(async () => {
    receiver = await startReceiver()
    config = testConfig(webhookEnv(receiver.url))
    stores = await createStores(config, { tuning: withTuning(FAST) })
    workers = await startWorkers(config, [QUEUE.webhook], { tuning: FAST })
    queue = new Queue(QUEUE.webhook, { connection: { host: '127.0.0.1', port: 6379 }, prefix: config.queuePrefix })
  })

  afterAll(async () => {
    await workers?.close()
    await Promise.allSettled(stores.map((s) => s.close()))
    await queue?.close()
    await receiver?.close()
    await obliterate(config)
  })

  it('runs a worker for the webhook queue only where the URL is set', async () => {
    expect(workers.workers.map((w) => w.name)).toEqual(['webhook'])
    const elsewhere = await startWorkers(testConfig(), [QUEUE.publish, QUEUE.webhook], { tuning: FAST })
    try {
      expect(elsewhere.workers.map((w) => w.name)).toEqual(['publish'])
    } finally {
      await elsewhere.close()
    }
  })

  it('POSTs a notice a receiver can verify with the shared secret (Standard Webhooks)', async () => {
    const record = sampleRecord({ guid: 'signed' })
    const hash = recordContentHash(record)
    expect(await publishToAll(stores, record)).toEqual({ file: 'created', webhook: 'created' })
    const { job, state } = await finished(queue, webhookJobId(record.id, hash))
    expect(state).toBe('completed')
    expect(job.returnvalue).toMatchObject({ recordId: record.id, change: 'created', status: 200 })

    const [hit, ...more] = receiver.forRecord(record.id)
    expect(more).toEqual([])
    expect(hit?.path).toBe('/hook')
    expect(hit?.headers['content-type']).toBe('application/json')
    expect(hit?.headers['webhook-id']).toBe(`webhook-${record.id}-${hash}`)
    expect(verifyWebhook({ headers: hit?.headers ?? {}, body: hit?.body ?? '', secret: SECRET })).toEqual({ ok: true })
    // Any change to the bytes, or another secret, and it no longer verifies.
    expect(verifyWebhook({ headers: hit?.headers ?? {}, body: (hit?.body ?? '').replace('created', 'updated'), secret: SECRET }).ok).toBe(false)
    expect(verifyWebhook({ headers: hit?.headers ?? {}, body: hit?.body ?? '', secret: 'whsec_' + Buffer.alloc(32, 12).toString('base64') }).ok).toBe(false)

    const payload = JSON.parse(hit?.body ?? '{}') as WebhookPayload
    expect(payload).toEqual({
      type: 'record.created',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { id: record.id, hash, schemaVersion: record.schemaVersion, change: 'created' },
    })
  })

  it('sends nothing for an unchanged republish, one notice for concurrent ones, and "updated" for a change', async () => {
    const record = sampleRecord({ guid: 'republished' })
    expect(await publishToAll(stores, record)).toEqual({ file: 'created', webhook: 'created' })
    await finished(queue, webhookJobId(record.id, recordContentHash(record)))
    // Another run of the same content: only processedAt differs.
    const rerun = sampleRecord({ guid: 'republished', processedAt: new Date(Date.now() + 60_000), stageMs: { split: 3 } })
    expect(await publishToAll(stores, rerun)).toEqual({ file: 'unchanged', webhook: 'unchanged' })

    const webhook = stores.find((s) => s.name === 'webhook') as RecordStore
    const twin = sampleRecord({ guid: 'concurrent' })
    const results = await Promise.all(Array.from({ length: 5 }, () => webhook.put(twin)))
    expect(new Set(results)).toEqual(new Set(['created']))
    await finished(queue, webhookJobId(twin.id, recordContentHash(twin)))

    const edited = sampleRecord({ guid: 'republished', title: 'A corrected title' })
    expect(await publishToAll(stores, edited)).toEqual({ file: 'updated', webhook: 'updated' })
    await finished(queue, webhookJobId(edited.id, recordContentHash(edited)))
    expect(await webhook.heldHash?.(edited.id)).toBe(recordContentHash(edited))

    await delay(300)
    const changes = receiver.forRecord(record.id).map((r) => (JSON.parse(r.body) as WebhookPayload).data)
    expect(changes).toEqual([
      expect.objectContaining({ change: 'created', hash: recordContentHash(record) }),
      expect.objectContaining({ change: 'updated', hash: recordContentHash(edited) }),
    ])
    expect(receiver.forRecord(twin.id)).toHaveLength(1)
  })

  it('announces a record only once every store that holds records has taken it', async () => {
    const record = sampleRecord({ guid: 'held-back' })
    let up = false
    const flaky: RecordStore = {
      name: 'flaky',
      put: async () => {
        if (!up) throw new PodpipeError('STORE_FAILED', 'flaky store: down', { permanent: false })
        return 'created'
      },
      get: async () => undefined,
      ping: async () => {},
      close: async () => {},
    }
    const withFlaky = [...stores, flaky]
    const err = await publishToAll(withFlaky, record).catch((e: unknown) => e)
    expect((err as Error).message).toMatch(/publish failed for flaky \(flaky: flaky store: down\); file created, webhook waits for the retry$/)
    expect(await queue.getJob(webhookJobId(record.id, recordContentHash(record)))).toBeUndefined()

    up = true
    expect(await publishToAll(withFlaky, record)).toEqual({ file: 'unchanged', flaky: 'created', webhook: 'created' })
    expect((await finished(queue, webhookJobId(record.id, recordContentHash(record)))).state).toBe('completed')
  })

  it('retries after a 500 and then delivers, under the same webhook-id', async () => {
    const record = sampleRecord({ guid: 'flaky' })
    receiver.script(record.id, [500, 503])
    await publishToAll(stores, record)
    const { job, state } = await finished(queue, webhookJobId(record.id, recordContentHash(record)))
    expect(state).toBe('completed')
    const hits = receiver.forRecord(record.id)
    expect(hits).toHaveLength(3)
    expect(new Set(hits.map((h) => h.headers['webhook-id']))).toEqual(new Set([job.id]))
    for (const hit of hits) expect(verifyWebhook({ headers: hit.headers, body: hit.body, secret: SECRET }).ok).toBe(true)
  })

  it('fails for good, after one attempt, on a 4xx other than 408 and 429', async () => {
    const record = sampleRecord({ guid: 'refused' })
    receiver.script(record.id, [410])
    await publishToAll(stores, record)
    const { job, state } = await finished(queue, webhookJobId(record.id, recordContentHash(record)))
    expect(state).toBe('failed')
    expect(job.failedReason).toBe('HTTP_STATUS: webhook receiver answered 410: nope 410 line two')
    expect(job.attemptsMade).toBe(1)
    expect(receiver.forRecord(record.id)).toHaveLength(1)
  })

  it('waits as long as a 429 Retry-After asks, then delivers', async () => {
    const record = sampleRecord({ guid: 'busy' })
    receiver.script(record.id, [{ status: 429, headers: { 'retry-after': '1' } }])
    await publishToAll(stores, record)
    expect((await finished(queue, webhookJobId(record.id, recordContentHash(record)))).state).toBe('completed')
    const [first, second] = receiver.forRecord(record.id)
    // The backoff alone would be 30 ms (FAST).
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950)
  })

  it('retries a receiver that does not answer within PODPIPE_WEBHOOK_TIMEOUT_MS', async () => {
    const record = sampleRecord({ guid: 'slow' })
    receiver.script(record.id, ['hang'])
    await publishToAll(stores, record)
    expect((await finished(queue, webhookJobId(record.id, recordContentHash(record)))).state).toBe('completed')
    expect(receiver.forRecord(record.id)).toHaveLength(2)
  })

  it('does not follow a redirect: the job fails for good and the target is never asked', async () => {
    const record = sampleRecord({ guid: 'moved' })
    receiver.script(record.id, [{ status: 308, headers: { location: '/elsewhere' } }])
    await publishToAll(stores, record)
    const { job, state } = await finished(queue, webhookJobId(record.id, recordContentHash(record)))
    expect(state).toBe('failed')
    expect(job.failedReason).toContain('answered 308; redirects are not followed')
    expect(receiver.received.filter((r) => r.path === '/elsewhere')).toEqual([])
  })
})

describe('a webhook receiver that is down', () => {
  it('never stops the file store: publish succeeds and the notices wait, retried, in their own queue', async () => {
    const down = `http://127.0.0.1:${await sparePort()}/hook`
    const config = testConfig(webhookEnv(down))
    const stores = await createStores(config, { tuning: withTuning({ ...FAST, attempts: 3 }) })
    const queue = new Queue(QUEUE.webhook, { connection: { host: '127.0.0.1', port: 6379 }, prefix: config.queuePrefix })
    const workers = await startWorkers(config, [QUEUE.webhook], { tuning: FAST })
    try {
      const record = sampleRecord({ guid: 'nobody-home' })
      expect(await publishToAll(stores, record)).toEqual({ file: 'created', webhook: 'created' })
      expect(existsSync(join(config.dataDir, 'records', `${record.id}.json`))).toBe(true)
      const { job, state } = await finished(queue, webhookJobId(record.id, recordContentHash(record)))
      expect(state).toBe('failed')
      expect(job.attemptsMade).toBe(3)
      expect(job.failedReason).toMatch(/^FETCH_FAILED: could not reach the webhook receiver \(ECONNREFUSED\)/)
    } finally {
      await workers.close()
      await Promise.allSettled(stores.map((s) => s.close()))
      await queue.close()
      await obliterate(config)
    }
  })

  it('lets the whole pipeline publish the seed feed while its notices wait for a worker', async () => {
    const feedPath = join(mkdtempSync(join(tmpdir(), 'podpipe-feed-')), 'seed-feed.xml')
    writeFileSync(feedPath, seedFeedXml())
    const config = testConfig(webhookEnv(`http://127.0.0.1:${await sparePort()}/hook`))
    const queue = new Queue(QUEUE.webhook, { connection: { host: '127.0.0.1', port: 6379 }, prefix: config.queuePrefix })
    try {
      // ingest runs the pipeline's workers only; the notices are left for `podpipe start` or `worker`.
      const result = await ingestOnce(config, feedPath, () => {}, { tuning: FAST })
      expect(result.failures).toEqual([])
      expect(result.published).toBe(3)
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 3 })
    } finally {
      await queue.close()
      await obliterate(config)
    }
  }, 120_000)
})
