import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { z } from 'zod'
import { redactSecrets } from '../config/index.js'
import { isPodpipeError } from '../errors/index.js'
import {
  ChangePage, ChangesQuery, ClaimPage, ClaimsQuery, DetailQuery, EntityView, EpisodePage, EpisodesQuery, RecordIdParam, SlugParam,
  SpeakerView, TurnList, TurnsQuery, getEntity, getSpeaker, getTurns, listChanges, listEpisodes, searchClaims, type QueryDb,
} from '../query/index.js'
import { EpisodeRecord } from '../record/schema.js'
import type { ServerDeps } from './types.js'

const ApiError = z.object({
  error: z.string(),
  parameter: z.string().optional().meta({ description: 'The query or path parameter that was refused (400 only).' }),
}).meta({ id: 'Error' })

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description })
const errors = {
  400: json(ApiError, 'A parameter is not valid; `parameter` names it.'),
  503: json(ApiError, 'The database cannot answer now (down, or the query took longer than the query timeout).'),
}
const notFound = { 404: json(ApiError, 'No such record, entity or speaker.') }

const routes = {
  episodes: createRoute({
    method: 'get', path: '/api/episodes', tags: ['episodes'], summary: 'Episodes, newest first, as summaries',
    request: { query: EpisodesQuery }, responses: { 200: json(EpisodePage, 'One page of episodes.'), ...errors },
  }),
  episode: createRoute({
    method: 'get', path: '/api/episodes/{id}', tags: ['episodes'], summary: 'The whole record of one episode',
    request: { params: z.object({ id: RecordIdParam }) }, responses: { 200: json(EpisodeRecord, 'The record, from the first store that holds it.'), ...errors, ...notFound },
  }),
  turns: createRoute({
    method: 'get', path: '/api/episodes/{id}/turns', tags: ['episodes'], summary: 'The turns of one episode, optionally of one speaker',
    request: { params: z.object({ id: RecordIdParam }), query: TurnsQuery }, responses: { 200: json(TurnList, 'The turns in order.'), ...errors, ...notFound },
  }),
  changes: createRoute({
    method: 'get', path: '/api/changes', tags: ['sync'], summary: 'Every record created or updated, in commit order',
    description: 'Keep nextCursor and pass it as after next time: each change is listed exactly once, across restarts and concurrent publishers.',
    request: { query: ChangesQuery }, responses: { 200: json(ChangePage, 'The changes after the cursor.'), ...errors },
  }),
  claims: createRoute({
    method: 'get', path: '/api/claims', tags: ['claims'], summary: 'Claims across episodes',
    request: { query: ClaimsQuery }, responses: { 200: json(ClaimPage, 'One page of claims, each with its episode, turn and offsets.'), ...errors },
  }),
  entity: createRoute({
    method: 'get', path: '/api/entities/{id}', tags: ['entities'], summary: 'One entity across episodes',
    request: { params: z.object({ id: SlugParam }), query: DetailQuery }, responses: { 200: json(EntityView, 'The entity.'), ...errors, ...notFound },
  }),
  speaker: createRoute({
    method: 'get', path: '/api/speakers/{id}', tags: ['speakers'], summary: "One speaker's episodes and claims over time",
    request: { params: z.object({ id: SlugParam }), query: DetailQuery }, responses: { 200: json(SpeakerView, 'The speaker.'), ...errors, ...notFound },
  }),
}

type ErrorBody = z.infer<typeof ApiError>
const fail = <S extends 400 | 404 | 503>(c: Context, status: S, body: ErrorBody) => c.json(body, status)

/**
 * Runs `answer` on the query engine. A query's failure becomes a response: a bad cursor is the
 * client's (400, naming it); a database that cannot answer, or none configured, is a 503 whose
 * message names the engine, never a password.
 */
const run = async <R>(c: Context, queries: QueryDb | undefined, answer: (db: QueryDb) => Promise<R>) => {
  if (queries === undefined) {
    return fail(c, 503, { error: 'no queryable store: the query API needs the file store (PGlite) or DATABASE_URL (PostgreSQL)' })
  }
  try {
    return await answer(queries)
  } catch (err) {
    if (isPodpipeError(err) && err.code === 'MALFORMED' && err.input === 'cursor') return fail(c, 400, { error: err.message, parameter: 'cursor' })
    if (isPodpipeError(err) && err.code === 'STORE_FAILED') return fail(c, 503, { error: redactSecrets(err.message) })
    throw err
  }
}

export interface QueryApiDeps extends Pick<ServerDeps, 'stores'> {
  /** Where queries run; without it every query route answers 503 naming what to configure. */
  queries: QueryDb | undefined
}

/**
 * The read API over the query layer, described by the OpenAPI 3.1 document it serves at
 * /api/openapi.json, generated from the same zod schemas that validate each request. A bad
 * parameter is a 400 whose body names it: `{ "error": "…", "parameter": "limit" }`.
 *
 * @example
 * app.route('/', queryApi({ stores, queries }))
 */
export const queryApi = ({ stores, queries }: QueryApiDeps): OpenAPIHono => {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (result.success) return undefined
      const issue = result.error.issues[0]
      const parameter = String(issue?.path[0] ?? result.target)
      return c.json({ error: `${parameter}: ${issue?.message ?? 'not valid'}`, parameter } satisfies ErrorBody, 400)
    },
  })
  app.openapi(routes.episodes, (c) => run(c, queries, async (db) => c.json(await listEpisodes(db, c.req.valid('query')), 200)))
  app.openapi(routes.turns, (c) => run(c, queries, async (db) => {
    const { id } = c.req.valid('param')
    const turns = await getTurns(db, id, c.req.valid('query'))
    return turns ? c.json(turns, 200) : fail(c, 404, { error: `no published record ${id}` })
  }))
  app.openapi(routes.changes, (c) => run(c, queries, async (db) => c.json(await listChanges(db, c.req.valid('query')), 200)))
  app.openapi(routes.claims, (c) => run(c, queries, async (db) => c.json(await searchClaims(db, c.req.valid('query')), 200)))
  app.openapi(routes.entity, (c) => run(c, queries, async (db) => {
    const { id } = c.req.valid('param')
    const entity = await getEntity(db, id, c.req.valid('query'))
    return entity ? c.json(entity, 200) : fail(c, 404, { error: `no record mentions entity ${id}` })
  }))
  app.openapi(routes.speaker, (c) => run(c, queries, async (db) => {
    const { id } = c.req.valid('param')
    const speaker = await getSpeaker(db, id, c.req.valid('query'))
    return speaker ? c.json(speaker, 200) : fail(c, 404, { error: `no record has speaker ${id}` })
  }))
  // The whole record comes from the stores, in PODPIPE_STORES order, as before the query layer:
  // the file store has it the moment it is published, before PGlite has caught up.
  app.openapi(routes.episode, async (c) => {
    const { id } = c.req.valid('param')
    let problem: string | undefined
    for (const store of stores) {
      if (!store.get) continue
      try {
        const record = await store.get(id)
        if (record) return c.json(record, 200, { 'x-podpipe-store': store.name })
      } catch (err) {
        // One unreachable store must not hide a record another store has, and a 404 would claim
        // a record the unreachable store may hold: without a hit, the failure is the answer.
        problem ??= `${store.name} store: ${redactSecrets(err instanceof Error ? err.message : String(err))}`
      }
    }
    return problem ? fail(c, 503, { error: problem }) : fail(c, 404, { error: `no published record ${id}` })
  })
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'podpipe query API', version: '1', description: 'Episode records, claims, entities and speakers across episodes, and the change feed.' },
  })
  return app
}
