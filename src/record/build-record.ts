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

/** Records that passed the schema in buildRecord and have been frozen since, so they still match it. */
const validated = new WeakSet<object>()

const deepFreeze = (value: unknown): void => {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return
  Object.freeze(value)
  for (const child of Object.values(value)) deepFreeze(child)
}

/**
 * Whether this very object came out of buildRecord. Such a record is deeply frozen, so it
 * cannot have changed since it was validated and a store may skip checking it again; a copy
 * or a record from anywhere else (a spread, JSON, another process) is not one.
 */
export const isValidatedRecord = (record: unknown): boolean =>
  typeof record === 'object' && record !== null && validated.has(record)

/**
 * Records buildRecord parsed in this thread: each of their objects came out of the schema's parse,
 * which writes keys in the schema's sorted order (schema.ts). A sealed one is frozen, so it keeps
 * them; an unsealed one is printed or encoded as it is, and encodeRecord already takes only a
 * record as buildRecord returned it. A record sealTransferred took in is not one: it was parsed
 * elsewhere, perhaps by a version whose schema listed its keys in another order.
 */
const parsedHere = new WeakSet<object>()

/** Whether every object of this record has its keys in sorted order, as buildRecord's parse left them. */
export const hasSchemaKeyOrder = (record: unknown): boolean =>
  typeof record === 'object' && record !== null && parsedHere.has(record)

/**
 * Seals a record that buildRecord validated elsewhere (the analysis thread) and that reached this
 * thread through a lossless encoding, V8's serialization, so it is still the value that passed the
 * schema: the stores then skip a second check, as for a record sealed by buildRecord itself. Only
 * for records of this schema and pipeline version, whose check ran this very schema: any other is
 * returned as it is, for the stores to check.
 */
export const sealTransferred = (record: EpisodeRecord): EpisodeRecord => {
  if (record.schemaVersion !== SCHEMA_VERSION || record.provenance.pipelineVersion !== PIPELINE_VERSION) return record
  deepFreeze(record)
  validated.add(record)
  return record
}

export interface BuildOptions {
  /**
   * Deep-freeze the record and mark it validated, so the stores skip a second schema check and
   * share one content hash. Off only where the record never reaches a store (`podpipe analyze`
   * prints it), since freezing walks every object. @defaultValue true
   */
  seal?: boolean
}

/** The language most of the words are spoken in, when the feed does not say: null without turn languages. */
const spokenLanguage = (turns: readonly Turn[]): string | null => {
  const words = new Map<string, number>()
  for (const turn of turns) if (turn.language && turn.language !== 'und') words.set(turn.language, (words.get(turn.language) ?? 0) + turn.wordCount)
  let best: string | null = null
  for (const [language, n] of words) if (best === null || n > words.get(best)!) best = language
  return best
}

/**
 * Assembles and validates one episode record. Validation here is the contract check:
 * a record that does not match the published schema never reaches a store. The result is
 * deeply frozen unless `seal: false` (assigning to it throws): change a copy instead.
 *
 * @example
 * const record = buildRecord({ episode, transcript, ...split, ...extraction, stageMs, warnings: [], processedAt: new Date() })
 */
export const buildRecord = (parts: RecordParts, { seal = true }: BuildOptions = {}): EpisodeRecord => {
  const record = EpisodeRecord.parse({
    schemaVersion: SCHEMA_VERSION,
    id: recordId(parts.episode.feedUrl, parts.episode.guid),
    episode: parts.episode.language === null ? { ...parts.episode, language: spokenLanguage(parts.turns) } : parts.episode,
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
  parsedHere.add(record)
  if (seal) {
    deepFreeze(record)
    validated.add(record)
  }
  return record
}
