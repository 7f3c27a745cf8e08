import type { ClaimKind, EntityType, Topic } from '../record/schema.js'

/** One gazetteer row. `id` is stable across releases: records and user entries refer to it. */
export interface GazetteerEntry {
  id: string
  name: string
  type: EntityType
  aliases: string[]
  wikidataId?: string
  /**
   * For an entry whose "the"-bound alias ("the House") names another body elsewhere (the Commons
   * in a Westminster debate): ids of which the episode must name one, or the entry by another
   * alias, for that alias to count.
   */
  confirmedBy?: string[]
}

export interface ExtractOptions {
  /**
   * Entries merged over the shipped gazetteer; an entry with an existing id replaces it.
   * @defaultValue []
   */
  gazetteer?: GazetteerEntry[]
  /**
   * Use the shipped gazetteer (src/nlp/data/gazetteer.json). Off, only the roster, `gazetteer`
   * and the proper-noun stage find entities: the honest figure for names nobody listed.
   * @defaultValue true
   */
  defaultGazetteer?: boolean
  /**
   * Sentences scoring at or above this claim confidence become claims.
   * @defaultValue 0.5
   */
  claimThreshold?: number
  /**
   * Components to skip by name (see `PIPELINE_NAMES`), e.g. `['proper-nouns']`.
   * @defaultValue []
   */
  disable?: string[]
  /**
   * Also return a `ClaimExplanation` for every sentence (what `podpipe analyze --explain` prints).
   * Off, `explanations` is empty: building them for every sentence costs time nobody reads.
   * @defaultValue false
   */
  explain?: boolean
}

/** A half-open character range into one turn's text. */
export interface Span {
  turn: number
  start: number
  end: number
}

export interface Sentence extends Span {
  /** Position of the sentence inside its turn, from 0. */
  index: number
}

export interface Token extends Span {
  text: string
  /** Lower-cased text, the key for lexicons and the gazetteer trie. */
  lower: string
  /** Index of the sentence that holds the token (into Doc.sentences). */
  sentence: number
  /** First word token of its sentence or its line, or first after an opening quote or colon. */
  initial: boolean
  /** First token of a line: headlines, table rows and caption lines are units of their own. */
  lineStart: boolean
}

/** A found mention. `entityId` is null when the mention could not be resolved (e.g. an ambiguous "Chris"). */
export interface EntityMention extends Span {
  text: string
  entityId: string | null
  source: 'gazetteer' | 'roster' | 'proper-noun'
  note?: string
}

export interface Feature {
  name: string
  weight: number
  detail?: string
}

/** Why a sentence was kept as a claim or rejected: printed by `podpipe analyze --explain`. */
export interface ClaimExplanation {
  /** Same id as the claim it explains (`t{turn}-s{sentence}`), also for rejected sentences. */
  id: string
  turn: number
  start: number
  end: number
  text: string
  kept: boolean
  kind: ClaimKind | null
  confidence: number
  hedges: string[]
  topics: Topic[]
  features: Feature[]
  notes: string[]
}
