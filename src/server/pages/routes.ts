import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import type { z } from 'zod'
import { redactSecrets } from '../../config/index.js'
import { isPodpipeError } from '../../errors/index.js'
import {
  ClaimsQuery, DetailQuery, EpisodesQuery, RecordIdParam, SlugParam, getEntity, getRecord, getSpeaker, listEpisodes, searchClaims,
  type QueryDb,
} from '../../query/index.js'
import { claimsPage } from './claims.js'
import { episodePage, episodesPage } from './episodes.js'
import { layout, type Html } from './layout.js'
import { entityPage, speakerPage } from './people.js'

/** How many claims about an entity its page lists before linking to the claim search. */
const ENTITY_CLAIMS = 50

const problemPage = (title: string, message: Html | string): Html =>
  layout(title, html`<h1>${title}</h1><p>${message}</p><p><a href="/">Back to the episodes</a></p>`)

/** The page for a path or id nothing answers to. */
export const notFoundPage = (what: string): Html => problemPage('Not found', what)

/**
 * A form's query as the query schemas expect it: an empty field means "not set" (a browser submits
 * `speaker=` for a blank input), so it is dropped before validation.
 */
const formQuery = <S extends z.ZodType>(c: Context, schema: S): { ok: true; value: z.output<S> } | { ok: false; parameter: string; message: string } => {
  const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v.trim() !== ''))
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issue = parsed.error.issues[0]
  return { ok: false, parameter: String(issue?.path[0] ?? 'query'), message: issue?.message ?? 'not valid' }
}

export interface BrowserDeps {
  /** Where the pages' queries run; absent, every page answers 503 naming what to configure. */
  queries: QueryDb | undefined
}

/**
 * The record browser: server-rendered HTML pages over the query layer (src/query), usable without
 * JavaScript. `/` lists episodes, `/episodes/:id` shows one, `/claims` searches claims,
 * `/entities/:id` and `/speakers/:id` follow one across episodes. A bad parameter is a 400 page
 * naming it, an unknown id a 404 page, a database that cannot answer a 503 page.
 *
 * @example
 * app.route('/', browserPages({ queries }))
 */
export const browserPages = ({ queries }: BrowserDeps): Hono => {
  const app = new Hono({ strict: false })
  const run = async (c: Context, answer: (db: QueryDb) => Promise<Response>): Promise<Response> => {
    if (queries === undefined) {
      return c.html(problemPage('Unavailable', 'No queryable store: the browser needs the file store (PGlite) or DATABASE_URL (PostgreSQL).'), 503)
    }
    try {
      return await answer(queries)
    } catch (err) {
      if (isPodpipeError(err) && err.code === 'MALFORMED' && err.input === 'cursor') return c.html(problemPage('Bad request', `cursor: ${err.message}`), 400)
      if (isPodpipeError(err) && err.code === 'STORE_FAILED') return c.html(problemPage('Unavailable', redactSecrets(err.message)), 503)
      throw err
    }
  }
  const badRequest = (c: Context, bad: { parameter: string; message: string }) =>
    c.html(problemPage('Bad request', `${bad.parameter}: ${bad.message}`), 400)

  app.get('/', (c) => run(c, async (db) => {
    const q = formQuery(c, EpisodesQuery)
    return q.ok ? c.html(episodesPage(await listEpisodes(db, q.value), q.value)) : badRequest(c, q)
  }))
  app.get('/claims', (c) => run(c, async (db) => {
    const q = formQuery(c, ClaimsQuery)
    return q.ok ? c.html(claimsPage(await searchClaims(db, q.value), q.value)) : badRequest(c, q)
  }))
  app.get('/episodes/:id', (c) => run(c, async (db) => {
    const id = c.req.param('id')
    // An id of the wrong shape cannot name a record: the same 404 as an unknown one.
    const record = RecordIdParam.safeParse(id).success ? await getRecord(db, id) : undefined
    return record ? c.html(episodePage(record)) : c.html(notFoundPage(`No published episode has the id ${id}.`), 404)
  }))
  app.get('/entities/:id', (c) => run(c, async (db) => {
    const id = c.req.param('id')
    const q = formQuery(c, DetailQuery)
    if (!q.ok) return badRequest(c, q)
    const entity = SlugParam.safeParse(id).success ? await getEntity(db, id, q.value) : undefined
    if (entity === undefined) return c.html(notFoundPage(`No record mentions an entity with the id ${id}.`), 404)
    const claims = await searchClaims(db, { entity: id, order: 'newest', limit: ENTITY_CLAIMS })
    return c.html(entityPage(entity, claims))
  }))
  app.get('/speakers/:id', (c) => run(c, async (db) => {
    const id = c.req.param('id')
    const q = formQuery(c, DetailQuery)
    if (!q.ok) return badRequest(c, q)
    const speaker = SlugParam.safeParse(id).success ? await getSpeaker(db, id, q.value) : undefined
    return speaker ? c.html(speakerPage(speaker)) : c.html(notFoundPage(`No record has a speaker with the id ${id}.`), 404)
  }))
  return app
}
