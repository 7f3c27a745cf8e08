/**
 * The episode record: the one source of truth for the output contract (design.md).
 * TypeScript types are inferred from these schemas and the published JSON Schema
 * (schema/episode-record.schema.json) is generated from them, so the two cannot drift.
 * Field names are stable within a major version; new fields must be optional.
 */
import { z } from 'zod'

export const SCHEMA_VERSION = '1.5.0'

export const TRANSCRIPT_FORMATS = ['html', 'text', 'vtt', 'srt', 'json', 'ttml', 'sbv', 'csv'] as const
export const TranscriptFormat = z.enum(TRANSCRIPT_FORMATS)
export type TranscriptFormat = z.infer<typeof TranscriptFormat>

// NORP (OntoNotes' nationalities, religious and political groups): "Chinese", "Australians", the
// people of a country, apart from the country itself, as news NER schemes keep them.
export const ENTITY_TYPES = ['PERSON', 'ORG', 'GPE', 'LAW', 'TECH', 'EVENT', 'NORP'] as const
export const EntityType = z.enum(ENTITY_TYPES)
export type EntityType = z.infer<typeof EntityType>

export const CLAIM_KINDS = ['factual', 'predictive', 'prescriptive'] as const
export const ClaimKind = z.enum(CLAIM_KINDS)
export type ClaimKind = z.infer<typeof ClaimKind>

export const TOPICS = [
  'export-controls', 'trade', 'critical-minerals', 'semiconductors', 'diplomacy', 'defense',
  'finance', 'industry', 'domestic-politics', 'space', 'other',
] as const
export const Topic = z.enum(TOPICS)
export type Topic = z.infer<typeof Topic>

export const SECTION_KINDS = ['show-notes', 'article', 'promo', 'other'] as const
export const SectionKind = z.enum(SECTION_KINDS)
export type SectionKind = z.infer<typeof SectionKind>

const seconds = z.number().nonnegative()
const offset = z.number().int().nonnegative()

/**
 * z.object with its keys in sorted order, which is the order canonical JSON writes them in
 * (src/store/content-hash.ts). Parsing builds each object key by key in its schema's order, so
 * every object of a record from EpisodeRecord.parse already has its keys where canonical JSON
 * wants them, and the native JSON.stringify writes the record's canonical text (the record file
 * and its content hash) in about half the time of the key-sorting writer (recordHashAndFile).
 * The published JSON Schema lists properties in the same order.
 */
const object = <T extends z.ZodRawShape>(shape: T): z.ZodObject<T> =>
  z.object(Object.fromEntries(Object.keys(shape).sort().map((key) => [key, shape[key]])) as T)

export const Episode = object({
  guid: z.string(),
  title: z.string().nullable(),
  feedUrl: z.string().nullable(),
  link: z.string().nullable(),
  publishedAt: z.string().nullable().describe('ISO 8601; null when the feed date could not be read'),
  audioUrl: z.string().nullable(),
  durationSeconds: z.number().nonnegative().nullable(),
  language: z.string().nullable().describe('BCP 47, lower case, from the feed; when the feed gives none, the language most of the turns are spoken in'),
})
export type Episode = z.infer<typeof Episode>

export const Transcript = object({
  source: z.enum(['content:encoded', 'description', 'podcast:transcript', 'file', 'none']),
  format: TranscriptFormat.nullable(),
  url: z.string().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  wordCount: z.number().int().nonnegative(),
})
export type Transcript = z.infer<typeof Transcript>

export const Speaker = object({
  id: z.string().min(1).describe('lowercase surname, or "unknown"'),
  name: z.string().nullable(),
  role: z.enum(['host', 'guest', 'unknown']),
  nameSource: z.enum(['self-introduction', 'called-on', 'roster']).optional()
    .describe('set when the name is inferred rather than written as the label: from "I\'m Jane Doe…", from a chair calling on the speaker, or from initials resolved against a roster the document gives'),
  turnCount: z.number().int().nonnegative(),
  wordCount: z.number().int().nonnegative(),
})
export type Speaker = z.infer<typeof Speaker>

export const Turn = object({
  index: z.number().int().nonnegative(),
  speakerId: z.string().min(1),
  text: z.string().describe('the paragraphs joined by "\\n\\n"; claim and mention offsets index into it'),
  paragraphs: z.array(z.string()),
  start: seconds.optional(),
  end: seconds.optional(),
  wordCount: z.number().int().nonnegative(),
  language: z.string().optional().describe('ISO 639-1 where known, "und" when undetermined; extraction applies its English rules only to "en" turns'),
})
export type Turn = z.infer<typeof Turn>

export const Section = object({
  kind: SectionKind,
  language: z.string().describe('ISO 639-1 where known, "und" when undetermined'),
  text: z.string(),
})
export type Section = z.infer<typeof Section>

export const Mention = object({
  turn: z.number().int().nonnegative(),
  start: offset,
  end: offset,
  text: z.string(),
})
export type Mention = z.infer<typeof Mention>

export const Entity = object({
  id: z.string().min(1),
  name: z.string(),
  type: EntityType,
  aliases: z.array(z.string()),
  wikidataId: z.string().regex(/^Q\d+$/).optional(),
  countryId: z.string().min(1).optional().describe('for a NORP entity naming a country\'s people ("Chinese"): the id of the country\'s GPE entity, which the record also holds'),
  mentions: z.array(Mention),
})
export type Entity = z.infer<typeof Entity>

export const Quantity = object({
  kind: z.enum(['percent', 'money', 'date', 'measure', 'count']),
  value: z.union([z.number(), z.string()]).describe('a number, or an ISO 8601 date for kind "date"'),
  unit: z.string().nullable(),
  text: z.string(),
})
export type Quantity = z.infer<typeof Quantity>

export const Claim = object({
  id: z.string().min(1),
  turn: z.number().int().nonnegative(),
  speakerId: z.string().min(1),
  text: z.string(),
  start: offset,
  end: offset,
  kind: ClaimKind,
  hedged: z.boolean(),
  topics: z.array(Topic),
  quantities: z.array(Quantity),
  entityIds: z.array(z.string()),
  confidence: z.number().min(0).max(1),
  checkworthiness: z.number().min(0).max(1).optional()
    .describe('how likely fact-checkers are to check this claim (a model learned from CLEF-2019 CheckThat! debates); rank claims by it'),
  checkworthy: z.boolean().optional().describe('checkworthiness above the threshold calibrated on held-out debates'),
})
export type Claim = z.infer<typeof Claim>

export const Warning = object({
  code: z.string(),
  message: z.string(),
})
export type Warning = z.infer<typeof Warning>

export const Provenance = object({
  pipelineVersion: z.string(),
  processedAt: z.string(),
  stageMs: z.record(z.string(), z.number().nonnegative()),
  warnings: z.array(Warning).optional(),
})
export type Provenance = z.infer<typeof Provenance>

export const EpisodeRecord = object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string().regex(/^[a-z0-9-]+$/).describe('stable: derived from feed URL + episode guid'),
  episode: Episode,
  transcript: Transcript,
  speakers: z.array(Speaker),
  turns: z.array(Turn),
  sections: z.array(Section),
  entities: z.array(Entity),
  claims: z.array(Claim),
  provenance: Provenance,
})
export type EpisodeRecord = z.infer<typeof EpisodeRecord>

/** The published JSON Schema of the record, generated from the schemas above. */
export const episodeRecordJsonSchema = (): Record<string, unknown> => ({
  $id: `https://podpipe.dev/schema/episode-record-${SCHEMA_VERSION}.json`,
  title: 'podpipe episode record',
  ...z.toJSONSchema(EpisodeRecord, { target: 'draft-2020-12' }),
})
