import { analyzeDocument } from '../analyze/index.js'
import type { EpisodeRecord } from '../record/index.js'
import { encodeRecord } from '../store/record-encodings.js'
import { mergeHints, type SpeakerHint } from '../turns/index.js'
import type { FeedEpisode } from '../feed/index.js'
import type { AnalyzedBlob, RecordHead, SourceBlob } from './blob-types.js'

/** Feed people first (they carry roles), then feeds.json names the feed did not list. */
export const speakerHints = (ep: FeedEpisode, names: readonly string[]): SpeakerHint[] => mergeHints(
  ep.people.map((p) => ({ name: p.name, ...(p.role === 'host' || p.role === 'guest' ? { role: p.role } : {}) })),
  names,
)

/** The core's input for a chain's document: what the feed says of the episode, and the document. */
export const analyzeInputOf = (source: Omit<SourceBlob, 'content' | 'read'>, now: Date) => ({
  episode: source.feedEpisode.episode,
  transcript: source.transcript,
  speakers: speakerHints(source.feedEpisode, source.speakers),
  // An item with an enclosure, or a transcript file, is an episode with audio.
  hasAudio: Boolean(source.feedEpisode.episode.audioUrl) || source.transcript.source === 'podcast:transcript',
  stageMs: source.stageMs,
  now,
})

/**
 * One chain's document through the core: the same analyzeDocument `podpipe analyze` runs.
 * Pure, so it runs in whichever thread the analyze stage picks.
 */
export const analyzeSource = (source: SourceBlob, now: Date): EpisodeRecord =>
  analyzeDocument({ content: source.content, read: source.read, ...analyzeInputOf(source, now) }).record

/** What publish reports and remembers of the record. */
export const recordHead = ({ turns, transcript: { source, url, sha256 } }: EpisodeRecord): RecordHead =>
  ({ turns: turns.length, transcript: { source, url, sha256 } })

/** What an analysed chain hands to publish: the record encoded for the stores, and what publish remembers. */
export const analyzedBlob = (source: Pick<SourceBlob, 'feedEpisode' | 'validators'>, record: EpisodeRecord): AnalyzedBlob => ({
  encoded: encodeRecord(record),
  head: recordHead(record),
  itemKey: source.feedEpisode.key,
  ...(source.validators ? { validators: source.validators } : {}),
})
