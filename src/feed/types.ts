import type { Episode, TranscriptFormat } from '../record/schema.js'

export interface FeedPerson {
  name: string
  /** lower-cased podcast:person role; `host` when the tag has none */
  role: string
  group: string
  href?: string
}

export interface TranscriptLink {
  url: string
  /** the MIME type as written in the feed */
  type: string
  /** what the type (or, failing that, the URL's extension) maps to; null when unknown */
  format: TranscriptFormat | null
  language?: string
  rel?: string
}

/** One item of a feed, mapped and normalised, before any transcript is fetched. */
export interface FeedEpisode {
  /** identity within the feed: guid, else enclosure URL, else link, else title + date */
  key: string
  episode: Episode
  transcripts: TranscriptLink[]
  /** content:encoded, else description: the post body, HTML */
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
  people: FeedPerson[]
  episodes: FeedEpisode[]
  warnings: { code: string; message: string }[]
}
