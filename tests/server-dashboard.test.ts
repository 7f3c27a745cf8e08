// The dashboard as an operator sees it: a real headless Chromium against the real server, BullMQ
// queues on real Redis and a job completed by a real worker. Screenshots land in /tmp.
import { existsSync } from 'node:fs'
import { Queue, UnrecoverableError, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/index.js'
import { createServer, type RunningServer } from '../src/server/index.js'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
const PREFIX = `pp-dash-${process.pid}-${Date.now()}`
const REDIS = { host: '127.0.0.1', port: 6379 }
const CREDENTIALS = { username: 'ops', password: 'correct horse' }

let redis: Redis
let queues: Record<string, Queue>
let server: RunningServer
let writable: RunningServer
let browser: Browser
let base = ''

beforeAll(async () => {
  if (!hasChromium) return
  redis = new Redis({ ...REDIS, maxRetriesPerRequest: null })
  queues = Object.fromEntries(['feeds', 'transcripts', 'publish'].map((n) => [n, new Queue(n, { connection: REDIS, prefix: PREFIX })]))
  const worker = new Worker('feeds', async (job) => ({ episodes: 3, feedId: job.data.feedId }), { connection: REDIS, prefix: PREFIX })
  const completed = new Promise<void>((resolve) => worker.once('completed', () => resolve()))
  await queues.feeds!.add('poll-feed', { feedId: 'sinica' }, { jobId: 'poll-sinica-1700000000000' })
  await completed
  await worker.close()
  // And one transcript job that failed for good, for the retry tests.
  const failing = new Worker('transcripts', async () => {
    throw new UnrecoverableError('MALFORMED: not a transcript')
  }, { connection: REDIS, prefix: PREFIX })
  const failed = new Promise<void>((resolve) => failing.once('failed', () => resolve()))
  await queues.transcripts!.add('fetch-transcript', { episodeId: 'e1' }, { jobId: 'fetch-e1' })
  await failed
  await failing.close()

  // A public address with credentials: the UI's own API calls must get through auth and the CSRF check.
  const config = loadConfig({
    PODPIPE_HOST: '0.0.0.0',
    PODPIPE_PORT: '0',
    PODPIPE_DASHBOARD_USER: CREDENTIALS.username,
    PODPIPE_DASHBOARD_PASSWORD: CREDENTIALS.password,
  })
  server = await createServer({ config, queues, stores: [], redis }).listen()
  base = `http://127.0.0.1:${server.port}`
  writable = await createServer({ config: { ...config, dashboardWrite: true }, queues, stores: [], redis }).listen()
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await writable?.close()
  for (const q of Object.values(queues ?? {})) {
    await q.obliterate({ force: true })
    await q.close()
  }
  redis?.disconnect()
})

const openPage = async () => {
  const context = await browser.newContext({ httpCredentials: CREDENTIALS, viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  // The UI links a web font from Google; the test runs offline and must not wait on it.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort())
  return { context, page }
}

// The title carries the skip reason, so a skipped run says what to install.
describe(hasChromium ? 'dashboard in Chromium' : `dashboard in Chromium (skipped: ${CHROMIUM} missing; apt-get install -y chromium)`, () => {
  it.skipIf(!hasChromium)('loads and lists every queue', async () => {
    const { context, page } = await openPage()
    try {
      const response = await page.goto(`${base}/queues`)
      expect(response?.status()).toBe(200)
      // Each name shows twice once the overview has its data from the API: in the sidebar and on its card.
      for (const name of ['feeds', 'transcripts', 'publish']) {
        await expect.poll(() => page.getByText(name, { exact: true }).count(), { timeout: 15_000 }).toBe(2)
      }
      // feeds and transcripts each hold one finished job (completed, failed); publish none.
      await expect.poll(() => page.getByText(/^1 Jobs?$/).count(), { timeout: 15_000 }).toBe(2)
      await expect.poll(() => page.getByText(/^0 Jobs?$/).count(), { timeout: 15_000 }).toBe(1)
      await page.screenshot({ path: '/tmp/podpipe-dashboard-overview.png', fullPage: true })
    } finally {
      await context.close()
    }
  })

  it.skipIf(!hasChromium)('shows the completed job of a queue', async () => {
    const { context, page } = await openPage()
    try {
      await page.goto(`${base}/queues/queue/feeds?status=completed`)
      await expect.poll(() => page.getByText('poll-sinica-1700000000000').count(), { timeout: 15_000 }).toBeGreaterThan(0)
      await expect.poll(() => page.getByText('poll-feed').count(), { timeout: 15_000 }).toBeGreaterThan(0)
      await page.screenshot({ path: '/tmp/podpipe-dashboard-completed.png', fullPage: true })
    } finally {
      await context.close()
    }
  })

  // The UI's own write calls, made from the page so the browser adds its real Origin, Sec-Fetch-Site and credentials.
  const retryFailedFromPage = async (origin: string): Promise<number> => {
    const { context, page } = await openPage()
    try {
      await page.goto(`${origin}/queues`)
      return await page.evaluate(async () => (await fetch('api/queues/transcripts/retry/failed', { method: 'PUT' })).status)
    } finally {
      await context.close()
    }
  }

  it.skipIf(!hasChromium)('refuses a retry from the read-only dashboard', async () => {
    expect(await retryFailedFromPage(base)).toBe(405)
    expect(await queues.transcripts!.getJobCounts('failed')).toEqual({ failed: 1 })
  })

  it.skipIf(!hasChromium)('retries failed jobs from the dashboard when writes are allowed, through auth and the CSRF check', async () => {
    expect(await retryFailedFromPage(`http://127.0.0.1:${writable.port}`)).toBeLessThan(300)
    expect(await queues.transcripts!.getJobCounts('failed', 'waiting')).toEqual({ failed: 0, waiting: 1 })
  })
})
