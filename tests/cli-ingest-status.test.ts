// `podpipe ingest` reports what really happened to each episode, as a user sees it: a real
// process on the real Redis. "Unchanged" is checked in the stores, an earlier failure stays a
// failure, and a wait that ends at --timeout lists the episodes still in progress and why.
import { rmSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { Queue } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorkers, type RunningWorkers } from '../pipelines/runtime.js'
import { recordId } from '../src/record/index.js'
import { runPodpipe } from './helpers/cli.js'
import { FAST, obliterate, rss, serve, SMALL_VTT, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'

const FEED_PASSWORD = 'feed-s3cret-pw'
let server: Awaited<ReturnType<typeof serve>>
const feedUrl = (name: string) => `${server.url}/${name}.xml`

beforeAll(async () => {
  server = await serve({
    '/good.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT),
    '/two.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([
      { guid: 'good', title: 'Good', transcript: { url: `${server.url}/good.vtt`, type: 'text/vtt' } },
      { guid: 'gone', title: 'Transcript 404', transcript: { url: `${server.url}/gone.vtt`, type: 'text/vtt' } },
    ])),
    '/private.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([
      { guid: 'private', title: 'Behind basic auth', transcript: { url: server.url.replace('//', `//reader:${FEED_PASSWORD}@`) + '/gone.vtt', type: 'text/vtt' } },
    ])),
    '/five.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(
      [1, 2, 3, 4, 5].map((i) => ({ guid: `item-${i}`, title: `Item ${i}`, transcript: { url: `${server.url}/good.vtt`, type: 'text/vtt' } })),
    )),
  })
})

afterAll(async () => {
  await server.close()
})

/** A deployment of its own per describe block: prefix, data dir, and the CLI's environment for it. */
const deployment = (env: Record<string, string> = {}) => {
  const config = testConfig(env)
  afterAll(async () => {
    await obliterate(config)
  })
  const cliEnv = {
    REDIS_URL: config.redisUrl, PODPIPE_QUEUE_PREFIX: config.queuePrefix, PODPIPE_DATA_DIR: config.dataDir,
    PODPIPE_STORES: 'file', PODPIPE_ALLOW_PRIVATE_ADDRESSES: '1', LOG_LEVEL: 'silent', ...env,
  }
  const ingest = (...args: string[]) => runPodpipe(['ingest', ...args], { env: cliEnv, killAfterMs: 120_000 })
  const ingestWith = (over: Record<string, string>, ...args: string[]) => runPodpipe(['ingest', ...args], { env: { ...cliEnv, ...over }, killAfterMs: 120_000 })
  return { config, ingest, ingestWith }
}

describe('an episode whose transcript 404s, ingested twice', () => {
  const { config, ingest } = deployment()

  it('fails it the first time and exits 1', async () => {
    const run = await ingest(feedUrl('two'), '--timeout', '90')
    expect(run.stderr).toMatch(/2 episodes, 0 unchanged, 1 published, 1 failed, 0 in progress/)
    expect(run.code).toBe(1)
  }, 120_000)

  it('still reports it failed the second time, with the earlier reason, and exits 1', async () => {
    const run = await ingest(feedUrl('two'), '--timeout', '90')
    expect(run.stderr).toMatch(/2 episodes, 1 unchanged, 0 published, 1 failed, 0 in progress/)
    const gone = recordId(feedUrl('two'), 'gone')
    expect(run.stderr).toMatch(new RegExp(`failed ${gone} at transcripts after 1 attempt\\(s\\), in an earlier run \\(--force tries again\\): HTTP_STATUS: .*/gone\\.vtt: HTTP 404`))
    expect(run.stderr).toContain(`unchanged ${recordId(feedUrl('two'), 'good')} (the stores hold its current record)`)
    expect(run.code).toBe(1)
  }, 120_000)

  it('checks "unchanged" in the stores: a record deleted from disk is published again', async () => {
    const good = recordId(feedUrl('two'), 'good')
    const file = join(config.dataDir, 'records', `${good}.json`)
    rmSync(file)
    const run = await ingest(feedUrl('two'), '--timeout', '90')
    expect(run.stderr).toMatch(/2 episodes, 0 unchanged, 1 published, 1 failed, 0 in progress/)
    expect(run.stderr).toContain(`published ${good}`)
    expect(existsSync(file)).toBe(true)
  }, 120_000)
})

describe('a failure reason that quotes a URL with a password', () => {
  const { ingest } = deployment()

  it('is printed without the password', async () => {
    const run = await ingest(feedUrl('private'), '--timeout', '90')
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/failed ep-[0-9a-f]+ at transcripts after 1 attempt\(s\): HTTP_STATUS: http:\/\/reader:\[REDACTED\]@127\.0\.0\.1:\d+\/gone\.vtt: HTTP 404/)
    expect(run.stdout + run.stderr).not.toContain(FEED_PASSWORD)
  }, 120_000)
})

describe('a store that cannot be read when ingest checks it', () => {
  const { ingest, ingestWith } = deployment({ PODPIPE_MAX_ITEMS_PER_FEED: '1' })

  it('is a failure naming the store, not "unchanged"', async () => {
    expect((await ingest(feedUrl('five'), '--timeout', '90')).code).toBe(0)
    // The same deployment, now also writing to a PostgreSQL nobody listens for (port 1).
    const run = await ingestWith({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test', PODPIPE_STORES: 'file,postgres' }, feedUrl('five'), '--timeout', '90')
    expect(run.stderr).toMatch(/1 episodes, 0 unchanged, 0 published, 1 failed, 0 in progress/)
    expect(run.stderr).toContain(`failed ${recordId(feedUrl('five'), 'item-1')}: could not check the stores: DATABASE_URL: postgres store: cannot connect`)
    expect(run.code).toBe(1)
  }, 120_000)
})

describe('a feed longer than PODPIPE_MAX_ITEMS_PER_FEED', () => {
  const { ingest } = deployment({ PODPIPE_MAX_ITEMS_PER_FEED: '2' })

  it('says how many items it left out', async () => {
    const run = await ingest(feedUrl('five'), '--timeout', '90')
    expect(run.stderr).toMatch(/2 episodes, 0 unchanged, 2 published, 0 failed, 0 in progress/)
    expect(run.stderr).toContain(`podpipe: warning: ${feedUrl('five')}: 3 of 5 items not read; only the first 2 are (PODPIPE_MAX_ITEMS_PER_FEED=2)`)
    expect(run.code).toBe(0)
  }, 120_000)
})

describe('ingest --no-workers that stops waiting at its timeout', () => {
  describe('with no worker for the later stages', () => {
    const { config, ingest } = deployment()
    let feedsOnly: RunningWorkers

    beforeAll(async () => {
      feedsOnly = await startWorkers(config, ['feeds'], { tuning: FAST })
    })

    afterAll(async () => {
      await feedsOnly.close()
    })

    it('lists every episode as in progress, names the queue no worker takes, and exits 1', async () => {
      // A notice after 1 s without movement, well inside the 8 s the wait may take.
      const run = await ingest(feedUrl('two'), '--no-workers', '--timeout', '8', '--stall-notice', '1')
      expect(run.code).toBe(1)
      // Said while it waits, too, not only at the end.
      expect(run.stderr).toMatch(/no episode has moved on for 1 s: no worker is taking jobs from the transcripts queue; .*still waiting \(at most 8 s in all\)/)
      expect(run.stderr).toMatch(/2 episodes, 0 unchanged, 0 published, 0 failed, 2 in progress/)
      expect(run.stderr).toContain(`in progress ${recordId(feedUrl('two'), 'good')} at transcripts (waiting)`)
      expect(run.stderr).toMatch(/stopped waiting after 8 s with 2 episode\(s\) not done: no worker is taking jobs from the transcripts queue; are workers running/)
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }, 60_000)

    it('leaves work that a later ingest with workers completes', async () => {
      const run = await ingest(feedUrl('two'), '--timeout', '90')
      expect(run.stderr).toMatch(/2 episodes, 0 unchanged, 1 published, 1 failed, 0 in progress/)
      // Failed in this run: its chain was waiting when the poll found it.
      expect(run.stderr).toMatch(new RegExp(`failed ${recordId(feedUrl('two'), 'gone')} at transcripts after 1 attempt\\(s\\): HTTP_STATUS`))
      expect(existsSync(join(config.dataDir, 'records', `${recordId(feedUrl('two'), 'good')}.json`))).toBe(true)
      expect(run.code).toBe(1)
    }, 120_000)
  })

  describe('while the database is down', () => {
    // Nothing listens on port 1: every connection is refused at once.
    const d = deployment({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test', PODPIPE_STORES: 'file,postgres' })
    let workers: RunningWorkers

    beforeAll(async () => {
      // Slow retries, so the publish jobs are still being retried when ingest stops waiting.
      workers = await startWorkers(d.config, undefined, { tuning: { ...FAST, backoffMs: 30_000 } })
    })

    afterAll(async () => {
      await workers.close()
    })

    it('names the failing store as the cause, not missing workers', async () => {
      // With PostgreSQL the poll reads what the database remembers of the feed's items, so the
      // poll is the job retried while the database is down; the second run finds it so.
      await d.ingest(feedUrl('two'), '--no-workers', '--timeout', '1')
      const feeds = new Queue('feeds', { connection: { url: d.config.redisUrl }, prefix: d.config.queuePrefix })
      try {
        await waitFor(async () => ((await feeds.getDelayed()).some((j) => j.failedReason) ? true : undefined), { timeoutMs: 90_000, what: 'a failed poll attempt' })
      } finally {
        await feeds.close()
      }
      const run = await d.ingest(feedUrl('two'), '--no-workers', '--timeout', '1')
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/gave up waiting for the poll job \S+: 1 job\(s\) are being retried because a store is failing; 1 with: feeds: STORE_FAILED: .*postgres store: cannot connect/)
      expect(run.stderr).not.toMatch(/are workers running/)
    }, 150_000)
  })
})
