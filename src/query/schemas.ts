/**
 * The query layer's contract, as zod schemas: what each query takes (parsed from strings, as they
 * come from a URL or a command line) and what it returns. The HTTP API validates with these and
 * its OpenAPI document is generated from them, so the three can never disagree.
 */
import { z } from 'zod'
import { CLAIM_KINDS, Claim, ENTITY_TYPES, TOPICS, Turn } from '../record/schema.js'

/** The largest page any query returns; larger `limit`s are refused (HTTP 400), never silently cut. */
export const MAX_PAGE = 200
/** Over how many of an entity's newest episodes its co-mentions are counted. */
export const CO_MENTION_EPISODES = 1000
export const DEFAULT_PAGE = 50

const limit = z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE)
  .meta({ description: `Page size, 1 to ${MAX_PAGE}.` })
const cursor = z.string().min(1).max(512).optional()
  .meta({ description: 'Opaque position from the previous page\'s nextCursor; absent for the first page.' })
// A date (2025-10-01) or a date-time with offset; kept as ISO text.
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((s) => new Date(s).toISOString())
const since = instant.optional().meta({ description: 'Only episodes published at or after this date or date-time (ISO 8601).' })
const until = instant.optional().meta({ description: 'Only episodes published before this date or date-time (ISO 8601).' })
/** Speaker and entity ids are slugs in the record (`mcguire`, `mofcom`). */
const slug = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,127}$/, 'expected an id: lowercase letters, digits, - _ .')
const bool = z.enum(['true', 'false']).transform((s) => s === 'true')

export const RecordIdParam = z.string().regex(/^ep-[0-9a-f]{24}$/, 'expected a record id: ep- and 24 hex digits')
  .meta({ description: 'Record id, `ep-` and 24 hex digits.' })
export const SlugParam = slug

export const EpisodesQuery = z.object({
  feed: z.url().max(2048).optional().meta({ description: 'Only this feed (its URL, as in episode.feedUrl).' }),
  since,
  until,
  speaker: slug.optional().meta({ description: 'Only episodes where this speaker id speaks.' }),
  entity: slug.optional().meta({ description: 'Only episodes that mention this entity id.' }),
  limit,
  cursor,
})
export type EpisodesQuery = z.output<typeof EpisodesQuery>

export const TurnsQuery = z.object({
  speaker: slug.optional().meta({ description: 'Only this speaker\'s turns.' }),
})
export type TurnsQuery = z.output<typeof TurnsQuery>

export const ChangesQuery = z.object({
  after: z.string().regex(/^\d{1,18}$/, 'expected a change cursor: the nextCursor of an earlier call, or 0').default('0')
    .meta({ description: 'Changes after this cursor (0 or absent: from the beginning).' }),
  latest: bool.optional()
    .meta({ description: 'true: only the changes that are their record\'s newest, so each record is listed once, at its latest version (what an export wants); a record changed again later moves to that change.' }),
  limit,
})
export type ChangesQuery = z.output<typeof ChangesQuery>

export const CLAIM_ORDERS = ['newest', 'checkworthiness'] as const
export const ClaimsQuery = z.object({
  speaker: slug.optional().meta({ description: 'Only claims made by this speaker id.' }),
  entity: slug.optional().meta({ description: 'Only claims about this entity id.' }),
  topic: z.enum(TOPICS).optional().meta({ description: 'Only claims on this topic.' }),
  kind: z.enum(CLAIM_KINDS).optional(),
  hedged: bool.optional().meta({ description: 'true: only hedged claims; false: only unhedged ones.' }),
  checkworthy: bool.optional().meta({ description: 'true: only claims marked check-worthy; false: only those marked not.' }),
  since,
  until,
  q: z.string().trim().min(1).max(200).optional()
    .meta({ description: 'Full-text search over the claim text (PostgreSQL websearch syntax: words, "phrases", or, -not).' }),
  order: z.enum(CLAIM_ORDERS).default('newest')
    .meta({ description: 'newest: newest episode first, claims in transcript order; checkworthiness: most check-worthy first (unscored last).' }),
  limit,
  cursor,
})
export type ClaimsQuery = z.output<typeof ClaimsQuery>

export const DetailQuery = z.object({
  limit: limit.meta({ description: `How many episodes (and claims) to list, 1 to ${MAX_PAGE}.` }),
})
export type DetailQuery = z.output<typeof DetailQuery>

// Results.

const page = <T extends z.ZodType>(item: T) => z.object({
  items: z.array(item),
  nextCursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page; null on the last page.' }),
})

export const EpisodeSummary = z.object({
  id: z.string(),
  feedUrl: z.string().nullable(),
  guid: z.string(),
  title: z.string().nullable(),
  publishedAt: z.string().nullable(),
  contentHash: z.string(),
  updatedAt: z.string(),
  speakers: z.array(z.object({ id: z.string(), name: z.string().nullable(), role: z.string(), turnCount: z.number().int() })),
  turnCount: z.number().int(),
  claimCount: z.number().int(),
}).meta({ id: 'EpisodeSummary' })
export type EpisodeSummary = z.infer<typeof EpisodeSummary>
export const EpisodePage = page(EpisodeSummary).meta({ id: 'EpisodePage' })
export type EpisodePage = z.infer<typeof EpisodePage>

export const TurnList = z.object({ episodeId: z.string(), turns: z.array(Turn) }).meta({ id: 'TurnList' })
export type TurnList = z.infer<typeof TurnList>

export const ChangeEntry = z.object({
  cursor: z.string().meta({ description: 'This change\'s position; pass the last one seen as after.' }),
  at: z.string(),
  id: z.string().meta({ description: 'Record id.' }),
  hash: z.string().meta({ description: 'Content hash of the record as of this change.' }),
  version: z.number().int().meta({ description: '1 when created, +1 per content change of this record.' }),
  change: z.enum(['created', 'updated']),
}).meta({ id: 'ChangeEntry' })
export type ChangeEntry = z.infer<typeof ChangeEntry>
export const ChangePage = z.object({
  items: z.array(ChangeEntry),
  nextCursor: z.string().meta({ description: 'Pass as after next time; equal to after when nothing new.' }),
}).meta({ id: 'ChangePage' })
export type ChangePage = z.infer<typeof ChangePage>

export const ClaimHit = Claim.extend({
  episode: z.object({ id: z.string(), title: z.string().nullable(), publishedAt: z.string().nullable(), feedUrl: z.string().nullable() }),
  speakerName: z.string().nullable(),
}).meta({ id: 'ClaimHit', description: 'A claim with its episode; turn, start and end point into that episode\'s turn text.' })
export type ClaimHit = z.infer<typeof ClaimHit>
export const ClaimPage = page(ClaimHit).meta({ id: 'ClaimPage' })
export type ClaimPage = z.infer<typeof ClaimPage>

const EpisodeRef = z.object({ id: z.string(), title: z.string().nullable(), publishedAt: z.string().nullable() })

export const EntityView = z.object({
  id: z.string(),
  name: z.string().meta({ description: 'The name most records give it.' }),
  type: z.enum(ENTITY_TYPES),
  aliases: z.array(z.string()),
  wikidataId: z.string().nullable(),
  episodeCount: z.number().int(),
  mentionCount: z.number().int(),
  episodes: z.array(EpisodeRef.extend({ mentions: z.number().int() })).meta({ description: 'Newest first, at most limit.' }),
  coMentioned: z.array(z.object({ id: z.string(), name: z.string(), episodes: z.number().int() }))
    .meta({ description: `The entities most often mentioned in the same episodes (counted over its newest ${CO_MENTION_EPISODES.toLocaleString('en-US')}), most first (at most 20).` }),
}).meta({ id: 'EntityView' })
export type EntityView = z.infer<typeof EntityView>

export const SpeakerView = z.object({
  id: z.string(),
  name: z.string().nullable(),
  episodeCount: z.number().int(),
  claimCount: z.number().int(),
  episodes: z.array(EpisodeRef.extend({ role: z.string(), turnCount: z.number().int(), wordCount: z.number().int(), claims: z.number().int() }))
    .meta({ description: 'Newest first, at most limit.' }),
  claimsByMonth: z.array(z.object({ month: z.string().meta({ description: 'YYYY-MM, or "undated".' }), kind: z.enum(CLAIM_KINDS), claims: z.number().int() }))
    .meta({ description: 'Claims per month of publication and kind, oldest first.' }),
  recentClaims: z.array(ClaimHit).meta({ description: 'The newest claims, at most limit.' }),
}).meta({ id: 'SpeakerView' })
export type SpeakerView = z.infer<typeof SpeakerView>
