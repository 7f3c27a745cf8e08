import type { Warning } from '../record/schema.js'
import { parseFeedDate } from './dates.js'
import { parseDuration } from './duration.js'
import { episodeKey } from './episode-key.js'
import { normalizeLanguage } from './language.js'
import { mapPeople, mergePeople, type RawPerson } from './people.js'
import { resolveUrl } from './resolve-url.js'
import { transcriptFormat } from './transcripts.js'
import type { FeedEpisode, FeedPerson, TranscriptLink } from './types.js'

export interface RawTranscript {
  url?: string
  type?: string
  language?: string
  rel?: string
}

/** One item as the format mappers (RSS, Atom) read it, before normalising. */
export interface ItemDraft {
  guid?: string
  title?: string
  link?: string
  enclosureUrl?: string
  date?: string
  duration?: string | number
  language?: string
  transcripts?: readonly RawTranscript[]
  people?: readonly RawPerson[]
  content?: string
  description?: string
}

export interface ChannelContext {
  feedUrl: string
  language: string | null
  people: readonly FeedPerson[]
}

const text = (value: string | undefined): string | null => value?.trim() || null

const mapTranscripts = (
  raw: readonly RawTranscript[], ctx: ChannelContext, where: string, warnings: Warning[],
): TranscriptLink[] =>
  raw.flatMap((t): TranscriptLink[] => {
    const url = resolveUrl(t.url, ctx.feedUrl)
    if (!url) {
      warnings.push({ code: 'TRANSCRIPT_WITHOUT_URL', message: `${where}: podcast:transcript has no url; skipped` })
      return []
    }
    const type = t.type?.trim() ?? ''
    const link: TranscriptLink = { url, type, format: transcriptFormat(type, url) }
    const language = normalizeLanguage(t.language)
    if (language) link.language = language
    const rel = t.rel?.trim().toLowerCase()
    if (rel) link.rel = rel
    return [link]
  })

const mapItem = (draft: ItemDraft, index: number, ctx: ChannelContext, warnings: Warning[]): FeedEpisode | null => {
  const title = text(draft.title)
  const link = resolveUrl(draft.link, ctx.feedUrl)
  const audioUrl = resolveUrl(draft.enclosureUrl, ctx.feedUrl)
  const rawDate = text(draft.date)
  const where = `item ${index + 1}${title ? ` ("${title.slice(0, 60)}")` : ''}`
  const key = episodeKey({ guid: draft.guid, enclosureUrl: audioUrl, link, title, date: rawDate })
  if (!key) {
    warnings.push({ code: 'ITEM_WITHOUT_IDENTITY', message: `${where}: no guid, enclosure, link or title; skipped` })
    return null
  }
  const publishedAt = parseFeedDate(rawDate)
  if (rawDate && !publishedAt) {
    warnings.push({ code: 'BAD_DATE', message: `${where}: unreadable date "${rawDate.slice(0, 80)}"; publishedAt is null` })
  }
  const content = text(draft.content)
  const description = text(draft.description)
  return {
    key,
    episode: {
      guid: key,
      title,
      feedUrl: ctx.feedUrl,
      link,
      publishedAt,
      audioUrl,
      durationSeconds: parseDuration(draft.duration),
      language: normalizeLanguage(draft.language) ?? ctx.language,
    },
    transcripts: mapTranscripts(draft.transcripts ?? [], ctx, where, warnings),
    body: content ?? description,
    bodySource: content ? 'content:encoded' : description ? 'description' : null,
    people: mergePeople(ctx.people, mapPeople(draft.people)),
  }
}

/**
 * Normalises item drafts into episodes, keyed and de-duplicated within the feed (the first
 * occurrence wins, as when a feed swaps an early-access item for the public one).
 * Item-level problems become warnings; nothing here throws.
 */
export const buildEpisodes = (
  drafts: readonly ItemDraft[], ctx: ChannelContext,
): { episodes: FeedEpisode[]; warnings: Warning[] } => {
  const warnings: Warning[] = []
  const seen = new Set<string>()
  const episodes: FeedEpisode[] = []
  drafts.forEach((draft, index) => {
    const episode = mapItem(draft, index, ctx, warnings)
    if (!episode) return
    if (seen.has(episode.key)) {
      warnings.push({ code: 'DUPLICATE_EPISODE', message: `item ${index + 1}: duplicate key "${episode.key}"; kept the first` })
      return
    }
    seen.add(episode.key)
    episodes.push(episode)
  })
  return { episodes, warnings }
}
