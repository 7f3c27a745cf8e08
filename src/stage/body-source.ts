import type { FeedEpisode } from '../feed/index.js'
import type { SourceBlob } from './blob-types.js'

/**
 * The analyze stage's input for an episode without a `podcast:transcript` link: its post body,
 * which came with the feed, or no document at all. Nothing is fetched, so no transcripts job
 * stands between the poll and analysis (queues carry only the boundaries where I/O can fail).
 */
export const bodySource = (ep: FeedEpisode, body: string | null, speakers: string[], episodeId: string, maxBytes: number): SourceBlob => {
  const common = { feedEpisode: { ...ep, body: null }, speakers, stageMs: {} }
  if (!body || !ep.bodySource) return { ...common, content: null, read: {}, transcript: { source: 'none', url: null } }
  return {
    ...common,
    content: body,
    read: { format: 'html', maxBytes, input: `${episodeId} (${ep.bodySource})` },
    transcript: { source: ep.bodySource, url: null },
  }
}
