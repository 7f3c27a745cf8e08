/**
 * Feed parsing. We use feedsmith rather than configuring fast-xml-parser ourselves: on the
 * four corpus feeds it maps what we need correctly. It matches namespaces by URI (both the
 * current and the old GitHub podcast-namespace URI), keeps guids as strings ("0123" stays
 * "0123"), keeps attributes, always returns podcast:transcript and podcast:person as arrays,
 * and decodes exactly one entity layer per text field (CDATA kept literal), so
 * double-escaped HTML comes out escaped once. Its fast-xml-parser runs with
 * `processEntities: false` and `parseTagValue: false`, so DTD entities are never expanded.
 * We still refuse documents that declare entities, plus HTML pages, empty and truncated
 * documents, before they reach it.
 */
import { parseFeed as parseAnyFeed, type AnyFeed } from 'feedsmith'
import { PodpipeError } from '../errors/index.js'
import { mapAtomFeed } from './map-atom.js'
import { mapRssFeed } from './map-rss.js'
import type { ParseFeedOptions, ParsedFeed } from './types.js'

// A comment may not run past its first `-->`: with `[\s\S]*?` a feed that opens with a comment
// made the failed match retry through every later `-->` of the document, tens of ms a large feed.
const HTML_PAGE = /^(?:<\?xml[^>]*\?>\s*)?(?:<!--(?:(?!-->)[\s\S])*-->\s*)*<(?:!doctype\s+html|html[\s>])/i
const ENTITY_DECLARATION = /<!ENTITY/i
const FIRST_ELEMENT = /<[A-Za-z_]/

/** The DOCTYPE and declarations before the root element: the only place entities are declared. */
const prologOf = (xml: string): string => {
  const start = xml.search(FIRST_ELEMENT)
  return start < 0 ? xml : xml.slice(0, start)
}
const RSS_END = /<\/(?:[\w.-]+:)?rss\s*>/i
const ATOM_END = /<\/(?:[\w.-]+:)?feed\s*>/i
/** Where the root's end tag is looked for first: only comments and blanks may follow it. */
const TAIL_CHARS = 65_536

/** Whether the document holds the root's end tag, read from the end: it is there in a whole feed. */
const hasEnd = (text: string, end: RegExp): boolean => end.test(text.slice(-TAIL_CHARS)) || (text.length > TAIL_CHARS && end.test(text))

/** Strips a BOM and anything blank before the first tag, which breaks many parsers. */
const clean = (xml: string): string => xml.replace(/^\uFEFF/, '').trimStart()

const describe = (err: unknown): string => (err instanceof Error ? err.cause instanceof Error ? err.cause.message : err.message : String(err))

const readTree = (xml: string, feedUrl: string, maxItems: number | undefined): AnyFeed<string> => {
  try {
    return parseAnyFeed<string>(xml, maxItems === undefined ? {} : { maxItems })
  } catch (err) {
    if (err instanceof Error && err.name === 'DetectError') {
      throw new PodpipeError('NOT_A_FEED', 'is not an RSS or Atom feed (no <rss> or <feed> root element)', { input: feedUrl, cause: err })
    }
    throw new PodpipeError('MALFORMED', `is not well-formed XML: ${describe(err)}`, { input: feedUrl, cause: err })
  }
}

// Item tags and where they cannot be: CDATA (post bodies quote HTML freely) and comments.
const ITEM_TAG = { rss: /<!\[CDATA\[|<!--|<(?:[\w.-]+:)?item[\s/>]/gi, atom: /<!\[CDATA\[|<!--|<(?:[\w.-]+:)?entry[\s/>]/gi } as const
const CLOSE: Readonly<Record<string, string>> = { '<![CDATA[': ']]>', '<!--': '-->' }

/**
 * Items in the document, counted on the text in one pass (jumping over CDATA and comments): the
 * parser stops mapping at `maxItems` and does not say how many it left out.
 */
const countItems = (text: string, format: keyof typeof ITEM_TAG): number => {
  const tags = new RegExp(ITEM_TAG[format])
  let count = 0
  for (let found = tags.exec(text); found !== null; found = tags.exec(text)) {
    // The `i` flag also finds `<![cdata[`, which XML does not open: neither item nor CDATA.
    if (!found[0].startsWith('<!')) count++
    const close = CLOSE[found[0]]
    const end = close === undefined ? -1 : text.indexOf(close, tags.lastIndex)
    if (end >= 0) tags.lastIndex = end + close!.length
  }
  return count
}

/** A feed cut at `maxItems` says so: dropped work is never silent. */
const withCapWarning = (feed: ParsedFeed, text: string, format: keyof typeof ITEM_TAG, options: ParseFeedOptions): ParsedFeed => {
  const { maxItems, feedUrl } = options
  if (maxItems === undefined) return feed
  const total = countItems(text, format)
  if (total <= maxItems) return feed
  const message = `${feedUrl}: ${total - maxItems} of ${total} items not read; only the first ${maxItems} are (${options.maxItemsSetting ?? 'maxItems'})`
  return { ...feed, skippedItems: total - maxItems, warnings: [...feed.warnings, { code: 'ITEMS_SKIPPED', message }] }
}

/**
 * Parses an RSS 2.0 (iTunes, Podcasting 2.0) or Atom feed into episodes. Pure and
 * synchronous. Throws PodpipeError NOT_A_FEED or MALFORMED (permanent) when the document
 * as a whole cannot be read; problems with single items come back as `warnings`.
 * @example
 * const feed = parseFeed(xml, { feedUrl: 'https://example.com/feed.xml' })
 * feed.episodes[0]?.transcripts // [{ url, type, format: 'srt', … }]
 */
export const parseFeed = (xml: string, options: ParseFeedOptions): ParsedFeed => {
  const { feedUrl, maxItems } = options
  const text = clean(xml)
  if (text === '') throw new PodpipeError('NOT_A_FEED', 'is empty, not a feed', { input: feedUrl })
  if (HTML_PAGE.test(text)) throw new PodpipeError('NOT_A_FEED', 'is an HTML page, not a feed', { input: feedUrl })
  if (ENTITY_DECLARATION.test(prologOf(text))) {
    // Feeds have no use for DTD entities; declaring them is how entity-expansion bombs start.
    throw new PodpipeError('MALFORMED', 'declares DTD entities (<!ENTITY>), which feeds never need; refused as a possible entity-expansion attack', { input: feedUrl })
  }
  const tree = readTree(text, feedUrl, maxItems)
  switch (tree.format) {
    case 'rss':
      if (!hasEnd(text, RSS_END)) throw new PodpipeError('MALFORMED', 'ends before </rss>: the feed is truncated', { input: feedUrl })
      return withCapWarning(mapRssFeed(tree.feed, feedUrl), text, 'rss', options)
    case 'atom':
      if (!hasEnd(text, ATOM_END)) throw new PodpipeError('MALFORMED', 'ends before </feed>: the feed is truncated', { input: feedUrl })
      return withCapWarning(mapAtomFeed(tree.feed, feedUrl), text, 'atom', options)
    default:
      throw new PodpipeError('NOT_A_FEED', `is a ${tree.format.toUpperCase()} feed; only RSS and Atom are read`, { input: feedUrl })
  }
}
