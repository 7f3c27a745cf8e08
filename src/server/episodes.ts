import { Hono } from 'hono'
import { redactSecrets } from '../config/index.js'
import type { ServerDeps } from './types.js'

const RECORD_ID = /^ep-[0-9a-f]{24}$/

/**
 * GET /api/episodes/:id: the published record, from the first configured store that holds it
 * (stores are listed in PODPIPE_STORES order). Record ids are stable (`recordId(feedUrl, guid)`),
 * so a consumer that knows the feed and the guid can compute one; the file store's change log
 * and the stream announce them too. Querying across records is PostgreSQL's job (SQL).
 */
export const episodeRoutes = ({ stores }: Pick<ServerDeps, 'stores'>): Hono => {
  const app = new Hono()
  app.get('/api/episodes/:id', async (c) => {
    const id = c.req.param('id')
    if (!RECORD_ID.test(id)) return c.json({ error: `"${id.slice(0, 100)}" is not a record id (ep- and 24 hex digits)` }, 400)
    let failure: string | undefined
    for (const store of stores) {
      if (!store.get) continue
      try {
        const record = await store.get(id)
        if (record) return c.json(record, 200, { 'x-podpipe-store': store.name })
      } catch (err) {
        // One unreachable store must not hide a record another store has, and a 404 would claim
        // a record the unreachable store may hold: without a hit, the failure is the answer.
        failure ??= `${store.name} store: ${redactSecrets(err instanceof Error ? err.message : String(err))}`
      }
    }
    return failure ? c.json({ error: failure }, 503) : c.json({ error: `no published record ${id}` }, 404)
  })
  return app
}
