/**
 * Whether the stores hold the current record of a feed item, checked rather than remembered:
 * the feed state in Redis only says an item version was handed to the pipeline, not that it
 * reached every store (a crash, a failed chain, a deleted data dir).
 */
import { selectTranscript, type FeedEpisode } from '../feed/index.js'
import { sha256Hex, type EpisodeRecord } from '../record/index.js'
import { canonicalJson, recordContentHash, type RecordStore } from '../store/index.js'

export type StoreCheck = { current: true } | { current: false; problem: string }

/**
 * What in the item differs from the record built for it, or undefined when the record is the
 * item's: the episode metadata and where the transcript came from (the link, or the post body
 * by its sha256). A changed file behind the same link is the transcript recheck's business.
 *
 * @example staleField(record, feedEpisode) // undefined, or 'transcript link'
 */
export const staleField = (record: EpisodeRecord, ep: FeedEpisode): string | undefined => {
  // buildRecord fills a language the feed does not give from the turns.
  const episode = { ...ep.episode, language: ep.episode.language ?? record.episode.language }
  if (canonicalJson(episode) !== canonicalJson(record.episode)) return 'episode metadata'
  const link = selectTranscript(ep)
  const { transcript } = record
  if (link) return transcript.source === 'podcast:transcript' && transcript.url === link.url ? undefined : 'transcript link'
  if (ep.body !== null && ep.bodySource) {
    return transcript.source === ep.bodySource && transcript.sha256 === sha256Hex(ep.body) ? undefined : 'post body'
  }
  return transcript.source === 'none' ? undefined : 'transcript'
}

/**
 * Reads the episode's record from every store (or its hash, from a store that announces records
 * rather than keeping them): current when each has it, all with one content hash, built from this
 * version of the item. A store that cannot be read rejects (STORE_FAILED).
 */
export const checkStores = async (stores: readonly RecordStore[], ep: FeedEpisode, episodeId: string): Promise<StoreCheck> => {
  const held = await Promise.all(stores.map(async (s) => {
    if (s.heldHash) return { hash: await s.heldHash(episodeId), record: undefined }
    const record = await s.get(episodeId)
    return { hash: record && recordContentHash(record), record }
  }))
  const missing = stores.filter((_, i) => held[i]?.hash === undefined).map((s) => s.name)
  if (missing.length > 0) return { current: false, problem: `not in the ${missing.join(', ')} store${missing.length > 1 ? 's' : ''}` }
  if (new Set(held.map((h) => h.hash)).size > 1) return { current: false, problem: `the ${stores.map((s) => s.name).join(', ')} stores hold different versions` }
  const record = held.find((h) => h.record)?.record
  const stale = record ? staleField(record, ep) : undefined
  return stale ? { current: false, problem: `the stores hold an older version (its ${stale} changed)` } : { current: true }
}
