import type { FeedEpisode, TranscriptLink } from '../feed/index.js'
import type { ReadOptions } from '../transcript/index.js'
import type { HttpCache } from '../queue/index.js'
import type { EpisodeRecord, Transcript } from '../record/index.js'
import type { EncodedRecord } from '../store/record-encodings.js'

/** What a poll batch leaves for the feed job of a feed that changed: the body it fetched. */
export interface FeedBlob {
  body: Uint8Array
  contentType?: string
}

/**
 * What the poll leaves for the transcript stage, for an episode whose `podcast:transcript` file
 * must be fetched (the post body stays behind: that chain never reads it). Chains of older
 * versions also came here with their post body as a separate 'body' blob.
 */
export interface EpisodeBlob {
  /** With `body` null. */
  feedEpisode: FeedEpisode
  link: TranscriptLink | null
  /** Names from feeds.json, merged with the feed's podcast:person tags by analysis. */
  speakers: string[]
  /** A feed read from disk may name transcripts on disk; a remote feed may not (SSRF). */
  allowFileUrls: boolean
}

/**
 * What analyze reads: the document (as the transcript stage fetched it, or the post body the poll
 * found) and what analysis needs of the episode.
 */
export interface SourceBlob {
  /** With `body` null: the body, when it is the document, is `content`. */
  feedEpisode: FeedEpisode
  speakers: string[]
  /** The fetched file (bytes, as received), the post body (text), or null when the episode has none. */
  content: Uint8Array | string | null
  read: ReadOptions
  transcript: Pick<Transcript, 'source' | 'url'>
  /**
   * The ETag / Last-Modified of the `podcast:transcript` fetch. Publish remembers them with the
   * transcript's sha256 only once the record is stored, so a chain that fails never makes a later
   * recheck believe its version was published.
   */
  validators?: HttpCache
  stageMs: Record<string, number>
}

/** What publish reports and remembers of a record it does not decode. */
export interface RecordHead {
  turns: number
  transcript: Pick<Transcript, 'source' | 'url' | 'sha256'>
}

/** What analyze leaves for publish: the record, and what publish remembers once it is stored. */
export type AnalyzedBlob = {
  /** The feed item's key, under which a `podcast:transcript` file's memo is saved. */
  itemKey: string
  validators?: HttpCache
} & (
  /** The record as analysis encoded it (encodeRecord). */
  | { encoded: EncodedRecord; head: RecordHead }
  /** The record's objects: what older versions left, and legacy chains finished by this one. */
  | { record: EpisodeRecord }
)

export const isLocalSource = (url: string): boolean => !/^https?:\/\//i.test(url)
