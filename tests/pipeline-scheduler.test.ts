import { Queue } from 'bullmq'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readFeedsFile, startScheduler, type RunningScheduler } from '../pipelines/scheduler.js'
import { feedIdOf } from '../src/queue/index.js'
import { obliterate, testConfig } from './helpers/pipeline-env.js'
import { waitFor } from './helpers/quiescence.js'

const config = testConfig()
const feedsFile = join(config.dataDir, 'feeds.json')

afterAll(async () => {
  await obliterate(config)
})

describe('several schedulers at once', () => {
  it('add one poll job per feed per cron tick', async () => {
    // Every second, so the test sees several ticks in a few seconds; node-cron takes 6 fields.
    writeFileSync(feedsFile, JSON.stringify([
      { url: 'feeds/a.xml', cron: '* * * * * *' },
      { url: 'https://example.com/b.xml', cron: '* * * * * *', speakers: ['Jordan Schneider'] },
    ]))
    const cfg = { ...config, feedsFile }
    const ticks: string[] = []
    const schedulers: RunningScheduler[] = await Promise.all([1, 2, 3].map(() =>
      startScheduler(cfg, { onTick: (_feed, slot, id) => ticks.push(`${slot} ${id}`) })))
    const slots = () => new Set(ticks.map((t) => t.split(' ')[0]))
    try {
      await waitFor(() => (slots().size >= 4 ? true : undefined), { timeoutMs: 15_000, what: 'four cron slots' })
    } finally {
      await Promise.all(schedulers.map((s) => s.close()))
    }
    const queue = new Queue('feeds', { connection: { url: config.redisUrl }, prefix: config.queuePrefix })
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])
    await queue.close()

    const firedSlots = slots()
    // Each scheduler fired for each feed in (nearly) every slot, yet each slot holds one job per feed.
    expect(ticks.length).toBeGreaterThan(2 * firedSlots.size)
    expect(jobs).toHaveLength(2 * firedSlots.size)
    const ids = jobs.map((j) => j.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const slot of firedSlots) {
      for (const url of [join(config.dataDir, 'feeds/a.xml'), 'https://example.com/b.xml']) {
        expect(ids).toContain(`poll-${feedIdOf(url)}-${slot}`)
      }
    }
    const b = jobs.find((j) => j.data.feedUrl === 'https://example.com/b.xml')
    expect(b?.data.speakers).toEqual(['Jordan Schneider'])
  }, 30_000)
})

describe('start-up poll', () => {
  it('polls each feed once at start for its latest slot, however many schedulers start', async () => {
    const cfg = { ...config, queuePrefix: `${config.queuePrefix}-start`, feedsFile }
    writeFileSync(feedsFile, JSON.stringify([{ url: 'https://example.com/c.xml', cron: '0 3 * * *' }]))
    const schedulers = await Promise.all([1, 2, 3].map(() => startScheduler(cfg)))
    await Promise.all(schedulers.map((s) => s.close()))
    const queue = new Queue('feeds', { connection: { url: config.redisUrl }, prefix: cfg.queuePrefix })
    try {
      const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])
      const lastThreeAm = new Date()
      lastThreeAm.setHours(3, 0, 0, 0)
      if (lastThreeAm.getTime() > Date.now()) lastThreeAm.setDate(lastThreeAm.getDate() - 1)
      expect(jobs.map((j) => j.id)).toEqual([`poll-${feedIdOf('https://example.com/c.xml')}-${lastThreeAm.getTime()}`])
    } finally {
      await queue.obliterate({ force: true })
      await queue.close()
    }
  })
})

describe('readFeedsFile', () => {
  it('resolves relative feed paths against the feeds file, not the cwd', async () => {
    writeFileSync(feedsFile, JSON.stringify([{ url: 'feeds/a.xml', cron: '*/5 * * * *' }]))
    const [feed] = await readFeedsFile(feedsFile)
    expect(feed?.url).toBe(join(config.dataDir, 'feeds/a.xml'))
  })

  it.each([
    { id: 'bad cron', body: [{ url: 'x.xml', cron: 'every minute' }], message: /\[0\.cron\] is not a valid cron expression/ },
    { id: 'missing url', body: [{ cron: '* * * * *' }], message: /\[0\.url\]/ },
    { id: 'not an array', body: { url: 'x' }, message: /Expected \[\{ "url", "cron"/ },
  ])('rejects a malformed feeds file with the field named ($id)', async ({ body, message }) => {
    writeFileSync(feedsFile, JSON.stringify(body))
    await expect(readFeedsFile(feedsFile)).rejects.toThrow(message)
  })
})
