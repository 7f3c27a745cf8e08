/**
 * Where the read commands (export, claims) get their answers: the query layer on the configured
 * engine, or, when a running server owns the embedded PGlite database, that server's HTTP API,
 * which answers from the very same query layer.
 */
import type { Config } from '../config/index.js'
import { PodpipeError } from '../errors/index.js'
import {
  ChangePage, ClaimPage, getRecord, listChanges, openQueryDb, pgliteDir, searchClaims,
  type ChangesQuery, type ClaimsQuery,
} from '../query/index.js'
import { EpisodeRecord } from '../record/schema.js'
import { pgliteOwner } from '../store/postgres/index.js'

export interface QuerySource {
  /** What answers, for messages: the engine, or the server's URL. */
  readonly via: string
  changes(q: ChangesQuery): Promise<ChangePage>
  /** The whole record, or undefined when none has this id. */
  record(id: string): Promise<EpisodeRecord | undefined>
  claims(q: ClaimsQuery): Promise<ClaimPage>
  close(): Promise<void>
}

/** The configured server's address, as a client reaches it (a wildcard bind is reached on loopback). */
export const serverUrl = (config: Pick<Config, 'host' | 'port'>): string => {
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '[::1]' : config.host
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${config.port}`
}

const authHeader = (auth: Config['auth']): Record<string, string> =>
  auth === undefined ? {}
    : 'token' in auth ? { authorization: `Bearer ${auth.token}` }
    : { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` }

/** Query parameters as the API reads them: strings, absent when undefined. */
const search = (q: object): string => {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v))
  return params.toString()
}

/**
 * The query API of a running podpipe server as a QuerySource. A server that cannot be reached, or
 * refuses, fails with one line naming the URL and what it said.
 */
export const httpSource = (base: string, auth: Config['auth'], why = ''): QuerySource => {
  const root = base.replace(/\/+$/, '')
  const get = async (path: string, allow404 = false): Promise<unknown> => {
    let res: Response
    try {
      res = await fetch(`${root}${path}`, { headers: { accept: 'application/json', ...authHeader(auth) } })
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause
      throw new PodpipeError('STORE_FAILED', `${why}cannot reach the podpipe server at ${root} (${cause?.code ?? cause?.message ?? String(err)}); ` +
        'start it (podpipe serve), or pass --api with its address')
    }
    if (allow404 && res.status === 404) return undefined
    if (!res.ok) {
      const body = await res.text()
      let reason = body.slice(0, 300)
      try {
        reason = (JSON.parse(body) as { error?: string }).error ?? reason
      } catch { /* not JSON: the text itself */ }
      throw new PodpipeError('STORE_FAILED', `the podpipe server at ${root} answered ${res.status} to ${path.split('?')[0]}: ${reason}`)
    }
    return res.json()
  }
  return {
    via: root,
    changes: async (q) => ChangePage.parse(await get(`/api/changes?${search(q)}`)),
    record: async (id) => {
      const body = await get(`/api/episodes/${encodeURIComponent(id)}`, true)
      return body === undefined ? undefined : EpisodeRecord.parse(body)
    },
    claims: async (q) => ClaimPage.parse(await get(`/api/claims?${search(q)}`)),
    close: async () => undefined,
  }
}

/**
 * Opens what the read commands read. `api` given: that server. Otherwise the query layer on the
 * configured engine: PostgreSQL with DATABASE_URL, else the embedded PGlite under the data dir,
 * caught up with the file store first so nothing published is missed; but when a live process
 * (`podpipe start` or `serve`) holds that directory, PGlite cannot be opened a second time, and
 * the server at PODPIPE_HOST:PODPIPE_PORT answers instead.
 *
 * @example
 * const source = await openQuerySource(loadConfig(), {})
 * const page = await source.claims(ClaimsQuery.parse({ speaker: 'mcguire' }))
 */
export const openQuerySource = async (config: Config, { api }: { api?: string }): Promise<QuerySource> => {
  if (api !== undefined) return httpSource(api, config.auth)
  const usesPglite = !(config.stores.includes('postgres') && config.databaseUrl) && config.stores.includes('file')
  const owner = usesPglite ? await pgliteOwner(pgliteDir(config.dataDir)) : undefined
  if (owner !== undefined) {
    return httpSource(serverUrl(config), config.auth, `process ${owner} holds the embedded database under ${config.dataDir}, so this reads through its server, but `)
  }
  const db = await openQueryDb(config)
  if (db === undefined) {
    throw new PodpipeError('CONFIG', 'nothing to read from: set DATABASE_URL (PostgreSQL) or keep file in PODPIPE_STORES (the embedded PGlite), or pass --api URL', { input: 'PODPIPE_STORES' })
  }
  try {
    await db.catchUp()
  } catch (err) {
    await db.close()
    throw err
  }
  return {
    via: db.engine,
    changes: (q) => listChanges(db, q),
    record: (id) => getRecord(db, id),
    claims: (q) => searchClaims(db, q),
    close: () => db.close(),
  }
}
