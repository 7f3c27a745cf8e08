import type { FeedEpisode, TranscriptLink } from '../feed/index.js'
import type { Paragraph } from '../transcript/index.js'
import type { HttpCache } from '../queue/index.js'
import type { Entity, Claim, Section, Speaker, Transcript, Turn, Warning } from '../record/index.js'

/**
 * What each stage leaves in the blob area for the stages after it. Each blob carries forward
 * what publish needs from earlier ones, so a consumer can delete its input as soon as its own
 * output is handed on.
 */
export interface EpisodeBlob {
  /** With `body` null: the post body is the separate 'body' blob. */
  feedEpisode: FeedEpisode
  link: TranscriptLink | null
  /** Names from feeds.json, merged with the feed's podcast:person tags at the turns stage. */
  speakers: string[]
  /** A feed read from disk may name transcripts on disk; a remote feed may not (SSRF). */
  allowFileUrls: boolean
}

export interface Carried {
  transcript: Transcript
  /**
   * The ETag / Last-Modified of the `podcast:transcript` fetch. Publish remembers them with the
   * transcript's sha256 only once the record is stored, so a chain that fails never makes a later
   * recheck believe its version was published.
   */
  validators?: HttpCache
  warnings: Warning[]
  stageMs: Record<string, number>
}

export interface TranscriptBlob extends Carried {
  paragraphs: Paragraph[]
}

export interface TurnsBlob extends Carried {
  speakers: Speaker[]
  turns: Turn[]
  sections: Section[]
}

export interface ClaimsBlob extends TurnsBlob {
  entities: Entity[]
  claims: Claim[]
}

export const isLocalSource = (url: string): boolean => !/^https?:\/\//i.test(url)
