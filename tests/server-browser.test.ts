// The record browser as a reader sees it: seed-fixture records published into an embedded PGlite
// store, the real server, and Debian's Chromium driven by playwright-core. One browser for the
// file; each test opens its own context. Screenshots land in reports/screenshots/ (gitignored).
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/index.js'
import type { EpisodeRecord } from '../src/record/index.js'
import { createServer, type RunningServer } from '../src/server/index.js'
import { createPgliteStore, type SqlRecordStore } from '../src/store/index.js'
import { seedRecords } from './helpers/seed-records.js'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
const SHOTS = fileURLToPath(new URL('../reports/screenshots/', import.meta.url))
const PHONE = { width: 375, height: 740 }
const DESKTOP = { width: 1280, height: 900 }

let store: SqlRecordStore
let records: EpisodeRecord[]
let server: RunningServer
let browser: Browser
let base = ''

beforeAll(async () => {
  if (!hasChromium) return
  mkdirSync(SHOTS, { recursive: true })
  // Two records (json, Nov; srt, Oct): dated, the same speakers, claims and entities in both.
  records = seedRecords().slice(0, 2)
  store = await createPgliteStore({ dir: undefined })
  for (const r of records) await store.put(r)
  const config = loadConfig({ PODPIPE_HOST: '127.0.0.1', PODPIPE_PORT: '0' })
  const queries = { sql: store.sql, schema: store.schema, engine: 'pglite', ping: async () => { await store.ping() } }
  server = await createServer({ config, queues: {}, stores: [store], redis: { ping: async () => 'PONG' }, queries }).listen()
  base = `http://127.0.0.1:${server.port}`
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await store?.close()
})

const open = async (path: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page; status: number | undefined }> => {
  // No JavaScript: the pages must work as plain HTML.
  const context = await browser.newContext({ viewport, javaScriptEnabled: false })
  const page = await context.newPage()
  const response = await page.goto(`${base}${path}`)
  return { context, page, status: response?.status() }
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true })

/** Whether the page is wider than its window (a phone reader would have to scroll sideways). */
// Page-side code as strings: this project compiles without the DOM library.
const overflows = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth')

describe(hasChromium ? 'record browser in Chromium' : `record browser in Chromium (skipped: ${CHROMIUM} missing; apt-get install -y chromium)`, () => {
  it.skipIf(!hasChromium)('lists the episodes newest first, with their speakers', async () => {
    const { context, page, status } = await open('/')
    try {
      expect(status).toBe(200)
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Episodes')
      const titles = await page.locator('ul.episodes > li > a').allTextContents()
      expect(titles).toEqual(records.map((r) => r.episode.title))
      expect(await page.getByRole('link', { name: 'Chris McGuire' }).count()).toBe(2)
      await shot(page, 'episodes')
    } finally {
      await context.close()
    }
  })

  it.skipIf(!hasChromium)('searches claims from the home page and follows a hit to its mark in the transcript', async () => {
    const { context, page } = await open('/')
    try {
      await page.getByRole('searchbox', { name: 'Search claims' }).fill('rare earth')
      await page.keyboard.press('Enter')
      await page.waitForURL(/\/claims\?q=rare\+earth/)
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Claims')
      const hits = page.locator('a.claim-link')
      expect(await hits.count()).toBeGreaterThan(0)
      const first = (await hits.first().textContent()) ?? ''
      expect(first.toLowerCase()).toMatch(/rare.earth/)
      await shot(page, 'claims')

      await hits.first().click()
      await page.waitForURL(/\/episodes\/ep-[0-9a-f]{24}#claim-/)
      const target = page.locator('mark:target')
      expect(await target.count()).toBe(1)
      expect(await target.textContent()).toContain(first)
      // Scrolled to: the mark is inside the window.
      const box = await target.boundingBox()
      expect(box).not.toBeNull()
      expect(box!.y).toBeGreaterThanOrEqual(0)
      expect(box!.y).toBeLessThan(DESKTOP.height)
      await page.screenshot({ path: `${SHOTS}claim-target.png` })
    } finally {
      await context.close()
    }
  })

  it.skipIf(!hasChromium)('shows an episode: turns with speakers and times, claims marked with their kind, sections folded, entities linked', async () => {
    const record = records[0]!
    const { context, page, status } = await open(`/episodes/${record.id}`)
    try {
      expect(status).toBe(200)
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(record.episode.title)
      expect(await page.locator('section.turn').count()).toBe(record.turns.length)
      const first = record.turns[0]!
      const name = record.speakers.find((s) => s.id === first.speakerId)!.name!
      expect(await page.locator('section.turn').first().locator('.who').textContent()).toBe(name)
      const marks = page.locator('mark.claim')
      expect(await marks.count()).toBeGreaterThan(0)
      const claim = record.claims[0]!
      const mark = page.locator(`[id="claim-${claim.id}"]`)
      expect(await mark.isVisible()).toBe(true)
      expect(await mark.textContent()).toContain(claim.kind)
      // Show notes and the like stay folded until asked for.
      for (const d of await page.locator('details').all()) expect(await d.getAttribute('open')).toBeNull()
      const entity = record.entities[0]!
      expect(await page.locator(`a[href="/entities/${entity.id}"]`).count()).toBeGreaterThan(0)
      await shot(page, 'episode')
    } finally {
      await context.close()
    }
  })

  it.skipIf(!hasChromium)('shows an entity across episodes, its claims linking into the transcripts', async () => {
    const { context, page, status } = await open('/entities/china')
    try {
      expect(status).toBe(200)
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('China')
      for (const r of records) expect(await page.getByRole('link', { name: r.episode.title! }).count()).toBeGreaterThan(0)
      await shot(page, 'entity')
      // An episode link lands on the entity's first mention in that transcript.
      await page.getByRole('link', { name: records[1]!.episode.title! }).first().click()
      await page.waitForURL(/#mention-china$/)
      expect((await page.locator('a:target').textContent())?.toLowerCase()).toMatch(/^chin/)
      await page.goBack()
      const link = page.locator('a.claim-link').first()
      const text = (await link.textContent()) ?? ''
      await link.click()
      await page.waitForURL(/#claim-/)
      expect(await page.locator('mark:target').textContent()).toContain(text)
    } finally {
      await context.close()
    }
  })

  it.skipIf(!hasChromium)("shows a speaker's episodes and claims over time", async () => {
    const { context, page, status } = await open('/speakers/mcguire')
    try {
      expect(status).toBe(200)
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Chris McGuire')
      expect(await page.getByRole('table').locator('tbody tr').count()).toBeGreaterThan(0)
      expect(await page.locator('a.claim-link').count()).toBeGreaterThan(0)
      await shot(page, 'speaker')
    } finally {
      await context.close()
    }
  })

  it.skipIf(!hasChromium)('answers an unknown id with a 404 page', async () => {
    const { context, page, status } = await open(`/episodes/ep-${'0'.repeat(24)}`)
    try {
      expect(status).toBe(404)
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found')
      await shot(page, 'not-found')
    } finally {
      await context.close()
    }
  })

  it.skipIf(!hasChromium)('pages on through episodes and claims by their next links', async () => {
    const { context, page } = await open('/?limit=1')
    try {
      expect(await page.locator('ul.episodes > li > a').allTextContents()).toEqual([records[0]!.episode.title])
      await page.getByRole('link', { name: 'Older episodes' }).click()
      expect(await page.locator('ul.episodes > li > a').allTextContents()).toEqual([records[1]!.episode.title])
      expect(await page.getByRole('link', { name: 'Older episodes' }).count()).toBe(0)

      await page.goto(`${base}/claims?speaker=miller&limit=5`)
      const hrefs = async () => Promise.all((await page.locator('a.claim-link').all()).map((a) => a.getAttribute('href')))
      const first = await hrefs()
      expect(first).toHaveLength(5)
      await page.getByRole('link', { name: 'More claims' }).click()
      const second = await hrefs()
      expect(second).toHaveLength(5)
      expect(second.filter((href) => first.includes(href))).toEqual([])
      // The search is kept across pages: still only Miller's claims.
      expect(new Set(await page.locator('ul.claims small a').allTextContents())).toEqual(new Set(['miller']))
    } finally {
      await context.close()
    }
  })

  it.skipIf(!hasChromium)('names a bad parameter in a 400 page, and takes blank form fields as unset', async () => {
    const bad = await fetch(`${base}/claims?kind=opinion`)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/<p>kind: /)
    expect((await fetch(`${base}/?speaker=&entity=`)).status).toBe(200)
    const blank = await fetch(`${base}/claims?q=&speaker=&kind=prescriptive`)
    expect(blank.status).toBe(200)
    expect(await blank.text()).toContain('<option selected>prescriptive</option>')
    const topic = await (await fetch(`${base}/claims?topic=critical-minerals&kind=`)).text()
    expect(topic).toContain('<option selected>critical-minerals</option>')
    expect(topic).toMatch(/<a class="claim-link"/)
  })

  it.skipIf(!hasChromium)('fits a phone-width window', async () => {
    for (const [name, path] of [['episodes', '/'], ['episode', `/episodes/${records[0]!.id}`], ['claims', '/claims?q=export'], ['speaker', '/speakers/mcguire']] as const) {
      const { context, page, status } = await open(path, PHONE)
      try {
        expect(status).toBe(200)
        expect(await overflows(page), `${path} scrolls sideways at ${PHONE.width}px`).toBe(false)
        await shot(page, `phone-${name}`)
      } finally {
        await context.close()
      }
    }
  })

  it.skipIf(!hasChromium)('is keyboard-navigable: the first Tab is the skip link, then the site and episode links', async () => {
    const { context, page } = await open('/')
    try {
      const focused = () => page.evaluate<{ tag: string; text: string; outline: string }>(`(() => {
        const el = document.activeElement
        return { tag: el?.tagName ?? '', text: el?.textContent?.trim() ?? '', outline: el ? getComputedStyle(el).outlineStyle : '' }
      })()`)
      await page.keyboard.press('Tab')
      expect(await focused()).toEqual({ tag: 'A', text: 'Skip to content', outline: 'solid' })
      await page.keyboard.press('Enter')
      expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('main')
      // From the main content, Tab walks the search forms and then reaches the first episode.
      const seen: string[] = []
      for (let i = 0; i < 12 && !seen.includes(records[0]!.episode.title!); i++) {
        await page.keyboard.press('Tab')
        seen.push((await focused()).text)
      }
      expect(seen).toContain('Search')
      expect(seen).toContain(records[0]!.episode.title)
      expect((await focused()).outline).toBe('solid')
    } finally {
      await context.close()
    }
  })
})
