import { EpisodeRecord, SCHEMA_VERSION } from './schema.js'
import type { Entity, Claim, Episode, Section, Speaker, Transcript, Turn, Warning } from './schema.js'
import { recordId } from './record-id.js'
import { PIPELINE_VERSION } from './version.js'

export interface RecordParts {
  episode: Episode
  transcript: Transcript
  speakers: Speaker[]
  turns: Turn[]
  sections: Section[]
  entities: Entity[]
  claims: Claim[]
  stageMs: Record<string, number>
  warnings: Warning[]
  /** When the record was built; passed in so the builder stays pure. */
  processedAt: Date
}

/**
 * Assembles and validates one episode record. Validation here is the contract check:
 * a record that does not match the published schema never reaches a store.
 *
 * @example
 * const record = buildRecord({ episode, transcript, ...split, ...extraction, stageMs, warnings: [], processedAt: new Date() })
 */
export const buildRecord = (parts: RecordParts): EpisodeRecord =>
  EpisodeRecord.parse({
    schemaVersion: SCHEMA_VERSION,
    id: recordId(parts.episode.feedUrl, parts.episode.guid),
    episode: parts.episode,
    transcript: parts.transcript,
    speakers: parts.speakers,
    turns: parts.turns,
    sections: parts.sections,
    entities: parts.entities,
    claims: parts.claims,
    provenance: {
      pipelineVersion: PIPELINE_VERSION,
      processedAt: parts.processedAt.toISOString(),
      stageMs: parts.stageMs,
      ...(parts.warnings.length > 0 ? { warnings: parts.warnings } : {}),
    },
  })
