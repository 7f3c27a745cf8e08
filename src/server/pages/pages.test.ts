import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../config/index.js'
import type { Claim, EpisodeRecord } from '../../record/schema.js'
import { createServer } from '../create-server.js'
import { episodePage } from './episodes.js'
import { highlightTurn, nonOverlapping } from './highlight.js'
import { clock } from './layout.js'

const claim = (id: string, start: number, end: number, text: string, extra: Partial<Claim> = {}): Claim => ({
  id, turn: 0, speakerId: 'mcguire', text: text.slice(start, end), start, end, kind: 'factual', hedged: false,
  topics: [], quantities: [], entityIds: [], confidence: 0.9, ...extra,
})

const render = async (h: unknown): Promise<string> => String(await h)

describe('highlightTurn', () => {
  it('escapes the record text around, inside and beside the marks', async () => {
    const text = '<script>alert(1)</script> & "quotes" <img src=x onerror=alert(2)>'
    const out = await render(highlightTurn(text, [claim('c1', 28, 36, text)], []))
    expect(out).not.toMatch(/<script|<img/)
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark id="claim-c1" class="claim factual">&quot;quotes&quot;<small class="tag">factual</small></mark> &lt;img src=x onerror=alert(2)&gt;')
  })

  it('marks each claim with its kind, hedging and check-worthiness, and links mentions inside and outside claims', async () => {
    const text = 'China banned exports. Taiwan may respond.'
    const out = await render(highlightTurn(text, [
      claim('c1', 0, 21, text),
      claim('c2', 22, 41, text, { kind: 'predictive', hedged: true, checkworthiness: 0.456 }),
    ], [{ start: 0, end: 5, entityId: 'china', first: true }, { start: 22, end: 28, entityId: 'taiwan' }]))
    expect(out).toBe('<mark id="claim-c1" class="claim factual"><a href="/entities/china" id="mention-china">China</a> banned exports.<small class="tag">factual</small></mark> '
      + '<mark id="claim-c2" class="claim predictive"><a href="/entities/taiwan">Taiwan</a> may respond.<small class="tag">predictive · hedged · check-worthiness 0.46</small></mark>')
  })

  it('keeps an anchor for a claim that overlaps another, and for one whose offsets fall outside the text', async () => {
    const text = 'One long claim that contains a shorter one.'
    const out = await render(highlightTurn(text, [claim('long', 0, 43, text), claim('inner', 15, 42, text), claim('bad', 40, 90, text)], []))
    expect(out.match(/<mark /g)).toHaveLength(1)
    expect(out).toContain('<span id="claim-inner"></span><span id="claim-bad"></span><mark id="claim-long"')
  })

  it("keeps the anchor of an entity's first mention at the turn's start when the mention cannot be a link", async () => {
    const text = 'Rare earth magnets matter.'
    const out = await render(highlightTurn(text, [claim('c1', 5, 26, text)], [{ start: 0, end: 10, entityId: 'rare-earths', first: true }]))
    expect(out).toBe('<span id="mention-rare-earths"></span>Rare <mark id="claim-c1" class="claim factual">earth magnets matter.<small class="tag">factual</small></mark>')
  })

  it('encodes entity ids in links', async () => {
    const out = await render(highlightTurn('Acme Inc', [], [{ start: 0, end: 8, entityId: 'a"b/c' }]))
    expect(out).toContain('href="/entities/a%22b%2Fc"')
  })
})

describe('nonOverlapping', () => {
  it('keeps spans in order, dropping overlaps, empty spans and spans past the end', () => {
    const { kept, dropped } = nonOverlapping([{ start: 5, end: 9 }, { start: 0, end: 6 }, { start: 9, end: 9 }, { start: 9, end: 12 }, { start: 11, end: 20 }], 12)
    expect(kept).toEqual([{ start: 0, end: 6 }, { start: 9, end: 12 }])
    expect(dropped).toHaveLength(3)
  })
})

describe('clock', () => {
  it.each([[0, '0:00'], [61.9, '1:01'], [3725, '1:02:05']])('%s s → %s', (s, shown) => expect(clock(s)).toBe(shown))
})

describe('episodePage', () => {
  const record = {
    id: 'ep-0123456789abcdef01234567',
    episode: { guid: 'g', title: '<b>Bold</b> title', feedUrl: null, link: 'javascript:alert(1)', publishedAt: null },
    speakers: [{ id: 'x', name: '<i>Evil</i>', role: 'guest' }],
    turns: [
      { index: 0, speakerId: 'x', text: 'Hello <u>there</u>', paragraphs: [], start: 65, wordCount: 2, language: 'en' },
      { index: 1, speakerId: 'x', text: '你好', paragraphs: [], wordCount: 1, language: 'zh' },
    ],
    sections: [{ kind: 'show-notes', language: 'en', text: '<a href="https://evil">notes</a>' }],
    entities: [],
    claims: [],
  } as unknown as EpisodeRecord

  it('escapes every piece of record text and links only http(s) URLs', async () => {
    const out = await render(episodePage(record))
    expect(out).toContain('<h1>&lt;b&gt;Bold&lt;/b&gt; title</h1>')
    expect(out).toContain('&lt;i&gt;Evil&lt;/i&gt;')
    expect(out).toContain('Hello &lt;u&gt;there&lt;/u&gt;')
    expect(out).toContain('<details><summary>Show notes</summary><div class="text">&lt;a href=&quot;https://evil&quot;&gt;notes&lt;/a&gt;</div></details>')
    expect(out).not.toContain('javascript:')
    expect(out).toContain('<a href="#turn-0">1:05</a>')
    // Only the Chinese turn is marked as another language; the untimed turn shows no time.
    expect(out).toContain('<div class="text" lang="zh">你好</div>')
    expect(out.match(/ lang="/g)).toHaveLength(2)
    expect(out.match(/href="#turn-/g)).toHaveLength(1)
  })
})

describe('pages behind the server', () => {
  const config = loadConfig({ PODPIPE_HOST: '0.0.0.0', PODPIPE_PORT: '0', PODPIPE_DASHBOARD_USER: 'ops', PODPIPE_DASHBOARD_PASSWORD: 'correct horse' })
  const { app } = createServer({ config, queues: {}, stores: [], redis: { ping: async () => 'PONG' } })
  const basic = { Authorization: `Basic ${Buffer.from('ops:correct horse').toString('base64')}` }

  it('asks for the same credentials as the dashboard off loopback', async () => {
    for (const path of ['/', '/claims?q=x', '/episodes/ep-0123456789abcdef01234567', '/entities/china', '/speakers/mcguire']) {
      expect((await app.request(path)).status, path).toBe(401)
    }
  })

  it('answers a 503 page naming what to configure when there is no queryable store, and a 404 page for an unknown path', async () => {
    const res = await app.request('/', { headers: basic })
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('DATABASE_URL')
    const missing = await app.request('/no/such/page', { headers: basic })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toMatch(/text\/html/)
    expect((await app.request('/api/nothing', { headers: basic })).headers.get('content-type')).toMatch(/json/)
  })
})
