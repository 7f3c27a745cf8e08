import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { pgliteDir } from '../src/query/open-query-db.js'
import { createFeedState } from '../src/queue/feed-state.js'
import { feedIdOf } from '../src/queue/jobs.js'
import { createPgliteStore } from '../src/store/postgres/index.js'
import { runPodpipe } from './helpers/cli.js'
import { obliterate, uniquePrefix } from './helpers/pipeline-env.js'

// The embedded default: no DATABASE_URL, the registry in PGlite under the data dir.
const dataDir = mkdtempSync(join(tmpdir(), 'podpipe-feeds-cli-'))
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const prefix = uniquePrefix()
const env = { PODPIPE_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', REDIS_URL, PODPIPE_QUEUE_PREFIX: prefix }
const podpipe = (...args: string[]) => runPodpipe(args, { env, killAfterMs: 120_000 })

afterAll(() => obliterate({ redisUrl: REDIS_URL, queuePrefix: prefix }))

const OPML = `<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>
  <outline text="Policy"><outline type="rss" text="A" xmlUrl="https://a.example/feed.xml"/>
    <outline text="More"><outline type="rss" text="B" xmlUrl="https://b.example/rss"/></outline></outline>
</body></opml>`

describe('podpipe feeds', () => {
  it('adds, imports JSON and OPML idempotently, lists and removes', async () => {
    const json = join(dataDir, 'feeds.json')
    writeFileSync(json, JSON.stringify([
      { url: 'https://a.example/feed.xml', cron: '*/15 * * * *', speakers: ['Jordan Schneider'] },
      { url: 'local/feed.xml', cron: '0 * * * *' },
    ]))
    const opml = join(dataDir, 'subs.opml')
    writeFileSync(opml, OPML)

    const added = await podpipe('feeds', 'add', 'https://c.example/podcast', '--speakers', 'Chris Miller, Chris McGuire')
    expect(added.stderr).toBe('')
    expect(added).toMatchObject({ code: 0, stdout: 'https://c.example/podcast: added\n' })
    expect((await podpipe('feeds', 'add', 'https://c.example/podcast')).stdout).toBe('https://c.example/podcast: already in the registry, unchanged\n')
    expect((await podpipe('feeds', 'import', json)).stdout).toBe(`${json}: 2 feeds added, 0 updated, 0 unchanged\n`)
    expect((await podpipe('feeds', 'import', opml)).stdout).toBe(`${opml}: 1 feed added, 0 updated, 1 unchanged\n`)
    expect((await podpipe('feeds', 'import', json)).stdout).toBe(`${json}: 0 feeds added, 0 updated, 2 unchanged\n`)

    const listed = JSON.parse((await podpipe('feeds', 'list', '--format', 'json')).stdout) as { url: string; id: string; speakers: string[]; intervalS: number; fixedInterval: boolean }[]
    expect(listed.map((f) => [f.url, f.speakers, f.intervalS, f.fixedInterval]).sort()).toEqual([
      [join(dataDir, 'local/feed.xml'), [], 3600, true],
      ['https://a.example/feed.xml', ['Jordan Schneider'], 900, true],
      ['https://b.example/rss', [], 86_400, false],
      ['https://c.example/podcast', ['Chris Miller', 'Chris McGuire'], 86_400, false],
    ].sort())
    const table = (await podpipe('feeds', 'list')).stdout.split('\n')
    expect(table[0]).toMatch(/^id\s+every\s+next poll\s+last poll\s+last\s+url$/)
    expect(table.find((l) => l.endsWith('https://a.example/feed.xml'))).toMatch(new RegExp(`^${feedIdOf('https://a.example/feed.xml')}\\s+15m\\s`))

    expect((await podpipe('feeds', 'remove', feedIdOf('https://b.example/rss'))).stdout).toBe(`${feedIdOf('https://b.example/rss')}: removed\n`)
    const gone = await podpipe('feeds', 'remove', 'https://b.example/rss')
    expect(gone).toMatchObject({ code: 2, stderr: 'podpipe: https://b.example/rss: no such feed in the registry (podpipe feeds list shows the URLs and ids)\n' })
  }, 240_000)

  it('forgets what Redis remembers of a removed feed, so added again it is read afresh', async () => {
    const [kept, removed] = ['https://keep.example/feed.xml', 'https://drop.example/feed.xml'].map((url) => ({ url, id: feedIdOf(url) })) as [{ url: string; id: string }, { url: string; id: string }]
    for (const { url } of [kept, removed]) expect((await podpipe('feeds', 'add', url)).code).toBe(0)
    const redis = new Redis(REDIS_URL)
    try {
      const state = createFeedState(redis, prefix)
      for (const { id } of [kept, removed]) {
        await state.markSeen(id, [['ep-1', 'h1']])
        await state.saveTranscript(id, 'ep-1', { url: 'https://x.example/t.vtt', sha256: 'a'.repeat(64) })
        await state.saveHttpCache(id, { etag: '"v1"' })
        await state.saveRecheckList(id, [{ key: 'ep-1' }])
      }
      const remembered = async (id: string) => [
        (await state.seen(id, ['ep-1']))[0],
        (await state.transcripts(id, ['ep-1'], ['https://x.example/t.vtt']))[0]?.sha256,
        (await state.httpCache(id)).etag,
        (await state.recheckList(id)).length,
      ]
      const run = await podpipe('feeds', 'remove', removed.url)
      expect(run).toMatchObject({ code: 0, stdout: `${removed.url}: removed\n`, stderr: '' })
      expect(await remembered(removed.id)).toEqual([undefined, undefined, undefined, 0])
      expect(await remembered(kept.id)).toEqual(['h1', 'a'.repeat(64), '"v1"', 1])
    } finally {
      redis.disconnect()
    }
  }, 120_000)

  it('removes a feed while Redis is down, and says what it could not forget', async () => {
    const url = 'https://offline.example/feed.xml'
    expect((await podpipe('feeds', 'add', url)).code).toBe(0)
    const run = await runPodpipe(['feeds', 'remove', url], { env: { ...env, REDIS_URL: 'redis://127.0.0.1:1' }, killAfterMs: 60_000 })
    expect(run).toMatchObject({ code: 0, stdout: `${url}: removed\n` })
    expect(run.stderr).toContain(`podpipe: ${url}: removed, but what Redis remembers of its episodes was not cleared (REDIS_URL: cannot reach Redis at redis://127.0.0.1:1`)
    expect((await podpipe('feeds', 'list', '--format', 'json')).stdout).not.toContain(url)
  }, 120_000)

  it.each([
    { id: 'a scheme that is not polled', args: ['add', 'ftp://x.example/feed'], message: 'podpipe: ftp://x.example/feed: scheme ftp: is not polled (an http or https URL, or a local file)\n' },
    { id: 'a list that is neither format', args: ['import', 'README.md'], message: 'is neither a JSON feeds file' },
    { id: 'a missing list', args: ['import', 'nowhere.opml'], message: 'nowhere.opml: cannot read the feed list: ENOENT\n' },
  ])('fails with one line naming the input: $id', async ({ args, message }) => {
    const run = await podpipe('feeds', ...args)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
  }, 60_000)

  it('refuses a poll-batch worker where the registry is the embedded database', async () => {
    const run = await runPodpipe(['worker', '--queues', 'polls'], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--queues polls: poll batches read and write the feed registry')
  }, 60_000)

  it('says which process holds the embedded database', async () => {
    const held = await createPgliteStore({ dir: pgliteDir(dataDir) })
    try {
      const run = await podpipe('feeds', 'list')
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`podpipe process ${process.pid} (podpipe start or serve) holds it`)
      expect(run.stderr).toContain('set DATABASE_URL')
    } finally {
      await held.close()
    }
  }, 120_000)
})
