import type { Episode, TranscriptFormat, Warning } from '../record/schema.js'

export interface FeedPerson {
  name: string
  /** lower-cased podcast:person role; `host` when the tag has none (the spec's default) */
  role: string
  /** lower-cased podcast:person group; `cast` when the tag has none */
  group: string
  href?: string
}

export interface TranscriptLink {
  /** absolute URL, or a path when the feed itself was read from a relative path */
  url: string
  /** the MIME type as written in the feed */
  type: string
  /** what the type (or, failing that, the URL's extension) maps to; null when unknown */
  format: TranscriptFormat | null
  /** BCP 47, lower case; absent when the tag has none (the spec then means the channel's) */
  language?: string
  /** lower case; `captions` marks a timed captions file */
  rel?: string
}

/** One item of a feed, mapped and normalised, before any transcript is fetched. */
export interface FeedEpisode {
  /** identity within the feed: guid, else enclosure URL, else link, else title + date */
  key: string
  /** `episode.guid` equals `key` */
  episode: Episode
  transcripts: TranscriptLink[]
  /**
   * content:encoded, else description: the post body, HTML with exactly one XML layer
   * decoded. For Atom, `content` counts as content:encoded and `summary` as description.
   */
  body: string | null
  bodySource: 'content:encoded' | 'description' | null
  /** channel hosts merged with the item's people (formats.md §1.4) */
  people: FeedPerson[]
}

export interface ParsedFeed {
  format: 'rss' | 'atom'
  title: string | null
  link: string | null
  language: string | null
  /** channel-level podcast:person tags */
  people: FeedPerson[]
  episodes: FeedEpisode[]
  /** item-level problems (no identity, duplicate, unreadable date, transcript without url), and ITEMS_SKIPPED */
  warnings: Warning[]
  /** Items past `maxItems`, not read; absent when none were left out. */
  skippedItems?: number
}

export interface ParseFeedOptions {
  /** where the feed was read from: names the feed in errors and resolves relative URLs */
  feedUrl: string
  /** read at most this many items, in document order (all by default) */
  maxItems?: number
  /** How the user sets `maxItems`, named in the ITEMS_SKIPPED warning. @defaultValue 'maxItems' */
  maxItemsSetting?: string
}
