import type { Claim, Entity, EntityType, Quantity, Speaker, Turn } from '../record/schema.js'
import type { Gazetteer } from './gazetteer.js'
import type { ModelName } from './model-names.js'
import type { ClaimExplanation, EntityMention, Sentence, Token } from './types.js'

/** The document every component reads and returns a new version of (spaCy's Doc, but immutable). */
export interface Doc {
  turns: readonly Turn[]
  speakers: readonly Speaker[]
  /** Who speaks before and after each turn (by turn index): decides who an addressed name means. */
  neighbours: ReadonlyMap<number, { previous: string | null; next: string | null }>
  episodeDate: string | null
  gazetteer: Gazetteer
  claimThreshold: number
  /** Whether the claims stage explains every sentence (ExtractOptions.explain). */
  explain: boolean
  sentences: Sentence[]
  /** Per turn, its tokens. */
  tokens: Token[][]
  /**
   * Token objects the tokens stage overwrites turn after turn (see `tokenizeTurn`): extraction runs
   * one turn at a time and keeps nothing of a turn's tokens, so one set serves the whole episode.
   */
  tokenPool: Token[]
  /** Per turn, 1 where a token already belongs to a mention. */
  covered: Uint8Array[]
  mentions: EntityMention[]
  /** Name and type of entities found outside the gazetteer (roster, proper nouns), by id. */
  found: Map<string, { name: string; type: EntityType; strength?: number }>
  /** Products named by a model code so far in the episode, by code ("H20"): later bare codes name them. */
  models: ReadonlyMap<string, ModelName>
  /** Last words of the people named in full so far ("Rice" of "Susan Rice"): "Rice said" names her. */
  surnames: ReadonlySet<string>
  /** Per sentence (same index as `sentences`), its quantities. */
  quantities: Quantity[][]
  claims: Claim[]
  explanations: ClaimExplanation[]
}

export interface Component {
  name: string
  run: (doc: Doc) => Doc
}

export type { Entity }
