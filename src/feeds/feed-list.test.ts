import { describe, expect, it } from 'vitest'
import { parseFeedList, parseOpml } from './feed-list.js'

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Podcast subscriptions</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="One" xmlUrl="https://one.example/feed.xml" htmlUrl="https://one.example/"/>
      <outline text="Deeper">
        <outline type="rss" text="Two &amp; Co" xmlurl="https://two.example/rss?a=1&amp;b=2"/>
      </outline>
    </outline>
    <outline type="rss" text="Three" xmlUrl=" https://three.example/feed "/>
    <outline type="rss" text="One again" xmlUrl="https://one.example/feed.xml"/>
    <outline text="A folder with no feeds"/>
  </body>
</opml>`

describe('parseOpml', () => {
  it('finds every xmlUrl in nested outlines, in order, each once, with entities decoded', () => {
    expect(parseOpml(OPML, 'subs.opml')).toEqual([
      { url: 'https://one.example/feed.xml' },
      { url: 'https://two.example/rss?a=1&b=2' },
      { url: 'https://three.example/feed' },
    ])
  })

  it('reads a single outline (no array) and an empty body', () => {
    expect(parseOpml('<opml><body><outline xmlUrl="https://x.example/f"/></body></opml>', 'x.opml')).toEqual([{ url: 'https://x.example/f' }])
    expect(parseOpml('<opml version="1.0"><head/><body/></opml>', 'x.opml')).toEqual([])
  })

  it.each([
    { id: 'not XML at all', text: '<opml><body><outline xmlUrl="a"></body>', message: /^bad\.opml: is not well-formed OPML/ },
    { id: 'XML but not OPML', text: '<rss><channel/></rss>', message: /^bad\.opml: is XML but not OPML/ },
  ])('names the file when $id', ({ text, message }) => {
    expect(() => parseOpml(text, 'bad.opml')).toThrow(message)
  })
})

describe('parseFeedList', () => {
  it('reads a JSON feeds file: paths relative to the file, cron as a fixed interval', () => {
    const text = JSON.stringify([
      { url: 'feeds/a.xml', cron: '*/15 * * * *', speakers: ['Jordan Schneider'] },
      { url: 'https://b.example/rss', cron: '0 3 * * *', options: { force: true } },
    ])
    expect(parseFeedList(text, '/srv/podpipe/feeds.json')).toEqual([
      { url: '/srv/podpipe/feeds/a.xml', speakers: ['Jordan Schneider'], intervalS: 900 },
      { url: 'https://b.example/rss', options: { force: true }, intervalS: 86_400 },
    ])
  })

  it('tells OPML from JSON by content, a byte-order mark and blank lines first included', () => {
    expect(parseFeedList(`\uFEFF\n  ${OPML}`, 'subs.xml')).toHaveLength(3)
  })

  it.each([
    { id: 'neither format', text: 'https://a.example/feed.xml\n', message: /^list\.txt: is neither a JSON feeds file/ },
    { id: 'a bad cron', text: '[{"url":"x.xml","cron":"hourly"}]', message: /^list\.txt: invalid feeds file: \[0\.cron\]/ },
    { id: 'broken JSON', text: '[{"url":', message: /^list\.txt: cannot read the feeds file/ },
    { id: 'a missing url', text: '[{"cron":"* * * * *"}]', message: /^list\.txt: invalid feeds file: \[0\.url\]/ },
    { id: 'an object, not an array', text: '{"url":"x"}', message: /Expected \[\{ "url", "cron"/ },
  ])('fails with one line naming the input: $id', ({ text, message }) => {
    expect(() => parseFeedList(text, 'list.txt')).toThrow(message)
  })
})
