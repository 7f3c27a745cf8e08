import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isPodpipeError, type PodpipeError } from '../errors/index.js'
import { parseFeed } from './parse-feed.js'
import { selectTranscript } from './transcripts.js'

const CORPUS = '/work/shared/corpus/formats'
const read = (name: string) => parseFeed(readFileSync(`${CORPUS}/${name}`, 'utf8'), { feedUrl: `https://feeds.example/${name}` })

describe('parseFeed on the real corpus feeds', () => {
  it('feed-podcasting20-2021.xml: old namespace URI, 47 application/srt transcripts, escaped HTML decoded once', () => {
    const feed = read('feed-podcasting20-2021.xml')
    expect(feed.format).toBe('rss')
    expect(feed.episodes).toHaveLength(56)
    const links = feed.episodes.flatMap((e) => e.transcripts)
    expect(links).toHaveLength(47)
    expect(new Set(links.map((t) => `${t.type}→${t.format}`))).toEqual(new Set(['application/srt→srt']))
    // 18 person tags, two of them blank (`<podcast:person href="" …/>`, `<podcast:person/>`): dropped.
    expect(feed.episodes.map((e) => e.people.length).slice(0, 7)).toEqual([3, 3, 2, 3, 2, 3, 0])
    expect(feed.episodes.reduce((n, e) => n + e.people.length, 0)).toBe(16)
    expect(feed.episodes[0]?.people[0]).toEqual({ name: 'Adam Curry', role: 'host', group: 'cast', href: 'http://curry.com' })
    expect(feed.episodes[5]?.key).toBe('Copy - PC2052')
    const first = feed.episodes[0]
    expect(first?.bodySource).toBe('description')
    // `&lt;p&gt;Adam &amp;amp; Dave` in the file: one layer off gives HTML that still says &amp;.
    expect(first?.body).toContain('<p>Adam &amp; Dave discuss')
    expect(first?.body).not.toContain('&lt;p&gt;')
    expect(first?.episode.publishedAt).toBe('2021-10-08T18:55:32.000Z')
    expect(feed.warnings).toEqual([])
  })

  it('feed-themnshow-2024.xml: x-subrip and vtt, language="EN" lower-cased, channel host merged into every item', () => {
    const feed = read('feed-themnshow-2024.xml')
    expect(feed.episodes).toHaveLength(54)
    const links = feed.episodes.flatMap((e) => e.transcripts)
    expect(links).toHaveLength(56)
    expect(links.filter((t) => t.format === 'srt')).toHaveLength(54)
    expect(links.filter((t) => t.format === 'vtt')).toHaveLength(2)
    expect(new Set(links.map((t) => t.language))).toEqual(new Set(['en']))
    expect(feed.people).toEqual([{ name: 'Mike Neumann', role: 'host', group: 'cast', href: 'https://mikeneumann.net' }])
    for (const ep of feed.episodes) expect(ep.people[0]?.name).toBe('Mike Neumann')
    expect(feed.episodes[0]?.people.map((p) => `${p.name}/${p.role}`)).toEqual(['Mike Neumann/host', 'Dr. Timothy M. Jurgensen/guest'])
    // item 5 offers SRT and VTT captions: VTT wins.
    expect(selectTranscript(feed.episodes[4]!)?.format).toBe('vtt')
    expect(feed.episodes[0]?.episode.durationSeconds).toBeNull()
    expect(feed.episodes[1]?.episode.durationSeconds).toBe(4209)
  })

  it('feed-dk-podcast.xml: numeric guids stay strings, the empty guid falls back to the enclosure, MM:SS durations', () => {
    const feed = read('feed-dk-podcast.xml')
    expect(feed.episodes).toHaveLength(59)
    expect(feed.language).toBe('de')
    expect(feed.episodes[0]?.key).toBe('61170826')
    expect(typeof feed.episodes[0]?.episode.guid).toBe('string')
    expect(feed.episodes[0]?.episode.durationSeconds).toBe(7 * 60)
    expect(feed.episodes[41]?.key).toBe('https://radiodownloaddw-a.akamaihd.net/Events/podcasts/de/2288_DKpodcast_lgn_de/6CE7E3FA_2-podcast-2288-60620840.mp3')
    expect(feed.episodes[40]?.episode.durationSeconds).toBe(13 * 60 + 54)
    expect(feed.episodes[0]?.body).toContain('Hörverstehen')
    expect(feed.episodes.every((e) => e.transcripts.length === 0 && e.people.length === 0)).toBe(true)
  })

  it('pc20-spec-example-feed.xml: new namespace URI, item host replaces channel people, Spanish captions skipped', () => {
    const feed = read('pc20-spec-example-feed.xml')
    expect(feed.episodes).toHaveLength(3)
    expect(feed.language).toBe('en-us')
    const ep3 = feed.episodes[0]!
    expect(ep3.key).toBe('https://example.com/ep0003')
    expect(ep3.transcripts.map((t) => [t.format, t.language ?? null, t.rel ?? null])).toEqual([
      ['text', null, null],
      ['vtt', 'es', 'captions'],
    ])
    expect(selectTranscript(ep3)?.url).toBe('https://example.com/ep3/transcript.txt')
    expect(ep3.people.map((p) => `${p.name}/${p.role}/${p.group}`)).toEqual([
      'Adam Curry/host/cast', 'Dave Jones/guest/cast', 'Becky Smith/cover art designer/visuals',
    ])
    expect(feed.episodes.flatMap((e) => e.transcripts)).toHaveLength(4)
  })
})

const rss = (items: string, channel = '', ns = 'xmlns:podcast="https://podcastindex.org/namespace/1.0"') =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" ${ns} xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>T</title><language>en</language>${channel}${items}</channel></rss>`

const failure = (fn: () => unknown): PodpipeError => {
  try {
    fn()
  } catch (err) {
    if (isPodpipeError(err)) return err
    throw err
  }
  throw new Error('expected parseFeed to throw')
}

describe('parseFeed mapping rules', () => {
  it('matches the podcast namespace by URI, whatever the prefix', () => {
    const feed = parseFeed(rss('<item><guid>a</guid><pc:transcript url="https://x/a.srt" type="text/srt"/><pc:person>Ann</pc:person></item>', '', 'xmlns:pc="https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"'), { feedUrl: 'https://x/f.xml' })
    expect(feed.episodes[0]?.transcripts[0]?.format).toBe('srt')
    expect(feed.episodes[0]?.people).toEqual([{ name: 'Ann', role: 'host', group: 'cast' }])
  })

  it('keys by guid, then enclosure without query, then link, then title + date; first duplicate wins', () => {
    const feed = parseFeed(rss([
      '<item><guid> 0123 </guid><title>A</title></item>',
      '<item><guid>0123</guid><title>A again</title></item>',
      '<item><title>B</title><enclosure url="https://cdn.x/b.mp3?token=1" type="audio/mpeg" length="1"/></item>',
      '<item><title>C</title><link>https://x/c</link></item>',
      '<item><title>D</title><pubDate>Sat, 2 Jul 2022 10:00:00 GMT</pubDate></item>',
      '<item><description>nothing to key on</description></item>',
    ].join('')), { feedUrl: 'https://x/f.xml' })
    expect(feed.episodes.map((e) => e.key)).toEqual(['0123', 'https://cdn.x/b.mp3', 'https://x/c', 'D Sat, 2 Jul 2022 10:00:00 GMT'])
    expect(feed.episodes[0]?.episode.title).toBe('A')
    expect(feed.episodes[1]?.episode.audioUrl).toBe('https://cdn.x/b.mp3?token=1')
    expect(feed.warnings.map((w) => w.code)).toEqual(['DUPLICATE_EPISODE', 'ITEM_WITHOUT_IDENTITY'])
  })

  it('prefers content:encoded over description, keeps CDATA literal and decodes one entity layer', () => {
    const feed = parseFeed(rss([
      '<item><guid>1</guid><description>short</description><content:encoded><![CDATA[<p>Tom &amp; Jerry</p>]]></content:encoded></item>',
      '<item><guid>2</guid><description>&lt;p&gt;R&amp;amp;D &amp;#39;24&lt;/p&gt;</description></item>',
    ].join('')), { feedUrl: 'https://x/f.xml' })
    expect(feed.episodes[0]).toMatchObject({ body: '<p>Tom &amp; Jerry</p>', bodySource: 'content:encoded' })
    expect(feed.episodes[1]).toMatchObject({ body: '<p>R&amp;D &#39;24</p>', bodySource: 'description' })
  })

  it('resolves relative transcript, enclosure and link URLs against the feed URL or path', () => {
    const item = '<item><guid>1</guid><link>ep1.html</link><enclosure url="../audio/ep1.mp3" type="audio/mpeg" length="1"/><podcast:transcript url="../seed/seed.json" type="application/json"/></item>'
    const web = parseFeed(rss(item), { feedUrl: 'https://x.example/feeds/f.xml' })
    expect(web.episodes[0]?.transcripts[0]?.url).toBe('https://x.example/seed/seed.json')
    expect(web.episodes[0]?.episode.audioUrl).toBe('https://x.example/audio/ep1.mp3')
    expect(web.episodes[0]?.episode.link).toBe('https://x.example/feeds/ep1.html')
    const local = parseFeed(rss(item), { feedUrl: 'fixtures/feeds/f.xml' })
    expect(local.episodes[0]?.transcripts[0]?.url).toBe('fixtures/seed/seed.json')
  })

  it('maps transcript types, falling back to the URL extension, and warns on a transcript without url', () => {
    const feed = parseFeed(rss(`<item><guid>1</guid>${[
      '<podcast:transcript url="https://x/a" type="application/x-subrip"/>',
      '<podcast:transcript url="https://x/b.txt" type="plain/txt"/>',
      '<podcast:transcript url="https://x/c" type="audio/weird"/>',
      '<podcast:transcript type="text/vtt"/>',
    ].join('')}</item>`), { feedUrl: 'https://x/f.xml' })
    expect(feed.episodes[0]?.transcripts.map((t) => t.format)).toEqual(['srt', 'text', null])
    expect(feed.warnings.map((w) => w.code)).toEqual(['TRANSCRIPT_WITHOUT_URL'])
  })

  it('turns an unreadable date into null plus a warning, never now', () => {
    const feed = parseFeed(rss('<item><guid>1</guid><pubDate>sometime soon</pubDate></item>'), { feedUrl: 'https://x/f.xml' })
    expect(feed.episodes[0]?.episode.publishedAt).toBeNull()
    expect(feed.warnings[0]?.code).toBe('BAD_DATE')
  })

  it('uses an item dc:language over the channel language', () => {
    const xml = rss('<item><guid>1</guid><dc:language>ZH</dc:language></item><item><guid>2</guid></item>')
      .replace('<rss ', '<rss xmlns:dc="http://purl.org/dc/elements/1.1/" ')
    const feed = parseFeed(xml, { feedUrl: 'https://x/f.xml' })
    expect(feed.episodes.map((e) => e.episode.language)).toEqual(['zh', 'en'])
  })

  it('honours maxItems, and says how many items it left out', () => {
    // An <item> quoted inside a post body is no item.
    const quoted = '<item><guid>3</guid><content:encoded><![CDATA[<item> is an RSS tag]]></content:encoded></item>'
    const xml = rss(`<item><guid>1</guid></item><item><guid>2</guid></item>${quoted}<item><guid>4</guid></item>`)
    const feed = parseFeed(xml, { feedUrl: 'https://x/f.xml', maxItems: 2, maxItemsSetting: 'PODPIPE_MAX_ITEMS_PER_FEED=2' })
    expect(feed.episodes.map((e) => e.key)).toEqual(['1', '2'])
    expect(feed.skippedItems).toBe(2)
    expect(feed.warnings).toContainEqual({ code: 'ITEMS_SKIPPED', message: 'https://x/f.xml: 2 of 4 items not read; only the first 2 are (PODPIPE_MAX_ITEMS_PER_FEED=2)' })
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>${[1, 2, 3].map((i) => `<entry><id>urn:${i}</id><title>${i}</title></entry>`).join('')}</feed>`
    expect(parseFeed(atom, { feedUrl: 'https://x/a.xml', maxItems: 1 }).skippedItems).toBe(2)
    const whole = parseFeed(xml, { feedUrl: 'https://x/f.xml', maxItems: 4 })
    expect(whole.skippedItems).toBeUndefined()
    expect(whole.warnings.map((w) => w.code)).not.toContain('ITEMS_SKIPPED')
  })

  it('counts no item inside a comment or CDATA', () => {
    const items = '<item><guid>1</guid></item><!-- <item><guid>old</guid></item> --><item><guid>2</guid></item>'
      + '<item><guid>3</guid><description><![CDATA[<item> -->]]></description></item>'
    const feed = parseFeed(rss(items), { feedUrl: 'https://x/f.xml', maxItems: 1 })
    expect(feed.skippedItems).toBe(2)
  })

  it('finds the end tag of a feed followed by a long comment, and a truncated long feed', () => {
    const long = rss('<item><guid>1</guid></item>') + `\n<!-- ${'cache note '.repeat(10_000)} -->\n`
    expect(parseFeed(long, { feedUrl: 'https://x/f.xml' }).episodes).toHaveLength(1)
    const cut = rss(`<item><guid>1</guid><description>${'words '.repeat(20_000)}</description></item>`).replace(/<\/channel>[\s\S]*$/, '')
    expect(failure(() => parseFeed(cut, { feedUrl: 'https://x/f.xml' })).message).toMatch(/truncated/)
  })

  it('reads Atom with enclosures from <link rel="enclosure">', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><link href="https://x/"/>
      <entry><id>urn:ep:1</id><title>One</title><updated>2024-03-01T12:00:00Z</updated>
      <link rel="alternate" href="https://x/1"/><link rel="enclosure" href="https://x/1.mp3" type="audio/mpeg" length="5"/>
      <content type="html">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>`
    const feed = parseFeed(xml, { feedUrl: 'https://x/atom.xml' })
    expect(feed.format).toBe('atom')
    expect(feed.title).toBe('A')
    expect(feed.episodes[0]).toMatchObject({
      key: 'urn:ep:1',
      body: '<p>Hi</p>',
      bodySource: 'content:encoded',
      episode: { title: 'One', link: 'https://x/1', audioUrl: 'https://x/1.mp3', publishedAt: '2024-03-01T12:00:00.000Z' },
    })
  })

  it('reads Substack-style CDATA padding, numeric titles and an RSS 0.91 DOCTYPE without entities', () => {
    const xml = rss('<item><guid>1</guid><title>\n<![CDATA[ 1865 ]]>\n</title><description><![CDATA[ <p>About <!ENTITY> in XML</p> ]]></description></item>')
      .replace('<language>en</language>', '<language><![CDATA[ EN ]]></language>')
      .replace('<rss ', '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss ')
    const feed = parseFeed(xml, { feedUrl: 'https://x/f.xml' })
    expect(feed.language).toBe('en')
    expect(feed.episodes[0]?.episode.title).toBe('1865')
    expect(feed.episodes[0]?.body).toBe('<p>About <!ENTITY> in XML</p>')
  })

  it('tolerates a BOM and whitespace before the declaration', () => {
    const feed = parseFeed(`\uFEFF\n  ${rss('<item><guid>1</guid></item>')}`, { feedUrl: 'https://x/f.xml' })
    expect(feed.episodes).toHaveLength(1)
  })
})

describe('parseFeed refuses what is not a feed', () => {
  const feedUrl = 'https://x.example/feed.xml'
  it.each([
    { id: 'empty document', xml: '', code: 'NOT_A_FEED' },
    { id: 'whitespace only', xml: ' \n\t', code: 'NOT_A_FEED' },
    { id: 'HTML page', xml: '<!DOCTYPE html><html><head><title>Oops</title></head><body><p>login</p></body></html>', code: 'NOT_A_FEED' },
    { id: 'HTML page after a declaration and comments', xml: '<?xml version="1.0"?>\n<!-- a -->\n<!-- b --><html><body><!-- c --></body></html>', code: 'NOT_A_FEED' },
    { id: 'plain XML, not a feed', xml: '<?xml version="1.0"?><note><to>x</to></note>', code: 'NOT_A_FEED' },
    { id: 'mismatched tags', xml: '<rss version="2.0"><channel><title>T</b></channel></rss>', code: 'MALFORMED' },
    { id: 'truncated document', xml: '<rss version="2.0"><channel><title>T</title><item><guid>1</guid>', code: 'MALFORMED' },
    {
      id: 'entity-expansion bomb',
      xml: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`,
      code: 'MALFORMED',
    },
    { id: '__proto__ element', xml: '<rss version="2.0"><channel><title>T</title><item><__proto__>x</__proto__></item></channel></rss>', code: 'MALFORMED' },
  ])('$id → $code naming the feed URL', ({ xml, code }) => {
    const err = failure(() => parseFeed(xml, { feedUrl }))
    expect(err.code).toBe(code)
    expect(err.permanent).toBe(true)
    expect(err.message).toContain(feedUrl)
  })
})
