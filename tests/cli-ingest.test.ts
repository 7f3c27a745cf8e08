// `podpipe ingest FEED` as a user runs it: a real process on the real Redis, records on disk,
// a summary on stderr, and the exit code telling whether any episode failed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EpisodeRecord } from '../src/record/index.js'
import { runPodpipe } from './helpers/cli.js'
import { obliterate, rss, SEED_FEED, SMALL_VTT, testConfig } from './helpers/pipeline-env.js'

const config = testConfig()

const podpipe = (args: string[], env: Record<string, string>) => runPodpipe(args, { env, killAfterMs: 170_000 })

const env = {
  REDIS_URL: config.redisUrl,
  PODPIPE_QUEUE_PREFIX: config.queuePrefix,
  PODPIPE_DATA_DIR: config.dataDir,
  PODPIPE_STORES: 'file',
  LOG_LEVEL: 'silent',
}

afterAll(async () => {
  await obliterate(config)
})

describe('podpipe ingest', () => {
  it('publishes every episode of the seed feed and exits 0', async () => {
    const run = await podpipe(['ingest', SEED_FEED, '--timeout', '120'], env)
    expect(run.stderr).toMatch(/3 episodes, 0 unchanged, 3 published, 0 failed/)
    expect(run.code).toBe(0)
    const records = readdirSync(join(config.dataDir, 'records')).map((f) =>
      EpisodeRecord.parse(JSON.parse(readFileSync(join(config.dataDir, 'records', f), 'utf8'))))
    expect(records.map((r) => r.turns.length).sort((a, b) => a - b)).toEqual([0, 0, 52])
  }, 150_000)

  it('does no work the second time: every episode is unchanged', async () => {
    const run = await podpipe(['ingest', SEED_FEED, '--timeout', '60'], env)
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/3 episodes, 3 unchanged, 0 published, 0 failed/)
  }, 90_000)

  it('exits 1 and names the failed episode and its reason when one episode fails', async () => {
    writeFileSync(join(config.dataDir, 'good.vtt'), SMALL_VTT)
    const feed = join(config.dataDir, 'mixed.xml')
    writeFileSync(feed, rss([
      { guid: 'good', title: 'Good', transcript: { url: 'good.vtt', type: 'text/vtt' } },
      { guid: 'missing', title: 'Missing transcript', transcript: { url: 'missing.vtt', type: 'text/vtt' } },
    ]))
    const run = await podpipe(['ingest', feed, '--timeout', '120'], env)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/2 episodes, 0 unchanged, 1 published, 1 failed/)
    expect(run.stderr).toMatch(/failed ep-[0-9a-f]+ at transcripts after 1 attempt\(s\): .*missing\.vtt/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  }, 150_000)

  it('refuses a feed that is not there with one clear line', async () => {
    const missing = join(config.dataDir, 'nope.xml')
    expect(existsSync(missing)).toBe(false)
    const run = await podpipe(['ingest', missing, '--timeout', '60'], env)
    expect(run.code).not.toBe(0)
    expect(run.stderr).toMatch(/nope\.xml/)
    // Named once: the reason from the poll job already names the feed.
    expect(run.stderr.split(missing).length - 1).toBe(1)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  }, 90_000)
})
