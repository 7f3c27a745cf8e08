import type { AtomFeed } from 'feedsmith'
import { buildEpisodes, type ItemDraft } from './build-episodes.js'
import { normalizeLanguage } from './language.js'
import { resolveUrl } from './resolve-url.js'
import type { ParsedFeed } from './types.js'

type Entry = AtomFeed.Entry<string>
type Link = AtomFeed.Link<string>

/** Atom's `alternate` link is the default when `rel` is absent (RFC 4287 §4.2.7.2). */
const alternateOf = (links: readonly Link[] | undefined): string | undefined =>
  links?.find((l) => (l.rel ?? 'alternate') === 'alternate' && l.href)?.href

const draftOf = (entry: Entry): ItemDraft => ({
  guid: entry.id,
  title: entry.title?.value,
  link: alternateOf(entry.links),
  // Atom podcast feeds carry the audio as <link rel="enclosure"> (formats.md §2.2).
  enclosureUrl: entry.links?.find((l) => l.rel === 'enclosure' && l.href)?.href,
  date: entry.published ?? entry.updated,
  duration: entry.itunes?.duration,
  language: entry.dc?.languages?.[0],
  content: entry.content?.value,
  description: entry.summary?.value,
})

/**
 * Maps a feedsmith Atom tree into a ParsedFeed. feedsmith does not read the podcast
 * namespace inside Atom entries, so Atom episodes carry no transcripts or people.
 */
export const mapAtomFeed = (feed: AtomFeed.Feed<string>, feedUrl: string): ParsedFeed => {
  const language = normalizeLanguage(feed.dc?.languages?.[0])
  const { episodes, warnings } = buildEpisodes((feed.entries ?? []).map(draftOf), { feedUrl, language, people: [] })
  return {
    format: 'atom',
    title: feed.title?.value?.trim() || null,
    link: resolveUrl(alternateOf(feed.links), feedUrl),
    language,
    people: [],
    episodes,
    warnings,
  }
}
