import type { RssFeed } from 'feedsmith'
import { buildEpisodes, type ItemDraft } from './build-episodes.js'
import { normalizeLanguage } from './language.js'
import { mapPeople } from './people.js'
import { resolveUrl } from './resolve-url.js'
import type { ParsedFeed } from './types.js'

type Item = RssFeed.Item<string>

const draftOf = (item: Item): ItemDraft => ({
  guid: item.guid?.value,
  title: item.title,
  link: item.link,
  enclosureUrl: item.enclosures?.find((e) => e.url)?.url,
  date: item.pubDate ?? item.dc?.dates?.[0],
  duration: item.itunes?.duration,
  // RSS has no item <language>; dc:language is how an item says it differs from the channel.
  language: item.dc?.languages?.[0],
  transcripts: item.podcast?.transcripts,
  people: item.podcast?.persons,
  content: item.content?.encoded,
  description: item.description,
})

/** Maps a feedsmith RSS tree (namespaces already matched on URI) into a ParsedFeed. */
export const mapRssFeed = (feed: RssFeed.Feed<string>, feedUrl: string): ParsedFeed => {
  const language = normalizeLanguage(feed.language ?? feed.dc?.languages?.[0])
  const people = mapPeople(feed.podcast?.persons)
  const { episodes, warnings } = buildEpisodes((feed.items ?? []).map(draftOf), { feedUrl, language, people })
  return {
    format: 'rss',
    title: feed.title?.trim() || null,
    link: resolveUrl(feed.link, feedUrl),
    language,
    people,
    episodes,
    warnings,
  }
}
