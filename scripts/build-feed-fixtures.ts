// Builds the feed fixtures from the seed post: `node --import tsx scripts/build-feed-fixtures.ts [seed.txt]`.
// fixtures/feeds/seed-feed.xml carries the post as three RSS items (article, Chinese commentary,
// podcast episode with its transcript in content:encoded); seed-transcripts-feed.xml carries
// the episode once more, pointing with relative URLs at the converted transcripts in
// fixtures/seed/ (built by scripts/build-fixtures.ts). Titles, dates, guids and media URLs are
// invented for the fixture; every text comes from the seed unchanged. Output is deterministic.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'

const SOURCE = process.argv[2] ?? '/work/shared/corpus/seed/000_66d8e60a35b94f19.txt'
const SOURCE_NAME = 'shared/corpus/seed/000_66d8e60a35b94f19.txt'
const OUT = new URL('../fixtures/feeds/', import.meta.url)

/** Line ranges of the seed (1-based, inclusive), as read by hand from the file. */
const ARTICLE = [3, 39] as const
const COMMENTARY = [41, 48] as const
const EPISODE_NOTES = [49, 50] as const
const WE_DISCUSS = 51
const DISCUSS_LIST = [52, 56] as const
const TRANSCRIPT = [57, 156] as const

const HOST = 'Jordan Schneider'
const GUESTS = ['Chris McGuire', 'Chris Miller'] as const
const SPEAKERS = [HOST, ...GUESTS]

const AUDIO_URL = 'http://127.0.0.1:8080/media/chinatalk-rare-earth-export-controls.mp3'
const AUDIO_BYTES = 50_112_000
const DURATION = '52:12'

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** HTML goes in CDATA (the spec's advice); `]]>` is the one sequence CDATA cannot hold. */
const cdata = (html: string): string => `<![CDATA[${html.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`

const lines = readFileSync(SOURCE, 'utf8').split('\n')
const range = ([from, to]: readonly [number, number]): string[] => lines.slice(from - 1, to)
const line = (n: number): string => lines[n - 1] ?? ''

const check = (n: number, start: string): void => {
  if (!line(n).startsWith(start)) throw new Error(`${SOURCE}: line ${n} should start with "${start}"; the seed changed`)
}
check(ARTICLE[0], 'As China prepares')
check(COMMENTARY[0], '在中国')
check(EPISODE_NOTES[0], 'China’s Ministry of Commerce')
check(WE_DISCUSS, 'We discuss')
check(TRANSCRIPT[0], 'Chris McGuire: Last night')

const paragraph = (text: string): string => `<p>${escapeXml(text)}</p>`

/** `Name: text` → `<p><strong>Name:</strong> text</p>`; the seed's colon-less label stays colon-less. */
const transcriptParagraph = (text: string): string => {
  const speaker = SPEAKERS.find((name) => text.startsWith(`${name}:`) || text.startsWith(`${name} `))
  if (!speaker) return paragraph(text)
  const colon = text.startsWith(`${speaker}:`)
  const rest = text.slice(speaker.length + (colon ? 1 : 0)).trimStart()
  return `<p><strong>${escapeXml(speaker)}${colon ? ':' : ''}</strong> ${escapeXml(rest)}</p>`
}

const articleHtml = range(ARTICLE).map(paragraph).join('\n')
const commentaryHtml = range(COMMENTARY).map(paragraph).join('\n')
const episodeHtml = [
  ...range(EPISODE_NOTES).map(paragraph),
  paragraph(line(WE_DISCUSS)),
  `<ul>\n${range(DISCUSS_LIST).map((t) => `<li>${escapeXml(t)}</li>`).join('\n')}\n</ul>`,
  ...range(TRANSCRIPT).map(transcriptParagraph),
].join('\n')

const people = [
  `<podcast:person role="host" group="cast">${HOST}</podcast:person>`,
  ...GUESTS.map((g) => `<podcast:person role="guest" group="cast">${g}</podcast:person>`),
]

const EPISODE_TITLE = 'China’s new rare earth export controls, with Chris McGuire and Chris Miller'
const EPISODE_SUMMARY = line(EPISODE_NOTES[0])

const header = (title: string, description: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<!-- Derived from ${SOURCE_NAME} by scripts/build-feed-fixtures.ts; titles, dates, guids and media URLs are invented. -->
<rss version="2.0"
  xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
  xmlns:podcast="https://podcastindex.org/namespace/1.0"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeXml(title)}</title>
    <link>https://www.chinatalk.media/</link>
    <description>${escapeXml(description)}</description>
    <language>en</language>
    <generator>podpipe scripts/build-feed-fixtures.ts</generator>
    <itunes:author>ChinaTalk</itunes:author>
    <itunes:explicit>false</itunes:explicit>`

const footer = `  </channel>
</rss>
`

const episodeItem = (guid: string, extra: string[]): string => `    <item>
      <title>${escapeXml(EPISODE_TITLE)}</title>
      <guid isPermaLink="false">${guid}</guid>
      <link>https://www.chinatalk.media/p/seed-rare-earth-export-controls</link>
      <pubDate>Sat, 11 Oct 2025 14:00:00 GMT</pubDate>
      <description>${escapeXml(EPISODE_SUMMARY)}</description>
      <enclosure url="${AUDIO_URL}" length="${AUDIO_BYTES}" type="audio/mpeg"/>
      <itunes:duration>${DURATION}</itunes:duration>
      <itunes:episodeType>full</itunes:episodeType>
      ${[...people, ...extra].join('\n      ')}
    </item>
`

const seedFeed = [
  header('ChinaTalk (podpipe seed fixture)', 'The seed post as a feed: an article, a Chinese commentary and a podcast episode.'),
  `    <item>
      <title>Who writes the rules of outer space? China, the US and space law</title>
      <guid isPermaLink="false">seed-space-law-article</guid>
      <link>https://www.chinatalk.media/p/seed-space-law</link>
      <pubDate>Thu, 9 Oct 2025 13:00:00 GMT</pubDate>
      <dc:creator>Ari</dc:creator>
      <description>${escapeXml(line(ARTICLE[0]))}</description>
      <content:encoded>${cdata(articleHtml)}</content:encoded>
    </item>
    <item>
      <title>${escapeXml('中国企业老板：一个新兴的高危职业')}</title>
      <guid isPermaLink="false">seed-china-bosses-commentary</guid>
      <link>https://www.chinatalk.media/p/seed-china-bosses</link>
      <pubDate>Fri, 10 Oct 2025 08:00:00 GMT</pubDate>
      <dc:language>zh</dc:language>
      <content:encoded>${cdata(commentaryHtml)}</content:encoded>
    </item>
`,
  episodeItem('seed-rare-earths-episode', [`<content:encoded>${cdata(episodeHtml)}</content:encoded>`]).replace(/\n$/, ''),
  '',
  footer,
].join('\n').replace(/\n\n {2}<\/channel>/, '\n  </channel>')

/** Relative to this feed's own location, so the feed works from a checkout or a file: URL. */
const TRANSCRIPTS = [
  { url: '../seed/seed.json', type: 'application/json' },
  { url: '../seed/seed.vtt', type: 'text/vtt' },
  { url: '../seed/seed.srt', type: 'application/x-subrip' },
  { url: '../seed/seed.html', type: 'text/html' },
  { url: '../seed/seed.txt', type: 'text/plain' },
]

const transcriptsFeed = [
  header('ChinaTalk transcripts (podpipe seed fixture)', 'The seed episode with its transcript as podcast:transcript files.'),
  episodeItem('seed-rare-earths-episode', TRANSCRIPTS.map((t) => `<podcast:transcript url="${t.url}" type="${t.type}" language="en"/>`)).replace(/\n$/, ''),
  footer,
].join('\n')

mkdirSync(OUT, { recursive: true })
writeFileSync(new URL('seed-feed.xml', OUT), seedFeed)
writeFileSync(new URL('seed-transcripts-feed.xml', OUT), transcriptsFeed)
console.log(`wrote ${new URL('seed-feed.xml', OUT).pathname} and seed-transcripts-feed.xml from ${SOURCE}`)
