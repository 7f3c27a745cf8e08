import { connect, createServer, type Server, type Socket } from 'node:net'
import pg from 'pg'
import { sparePort } from './redis-server.js'

export const PG_HOST = '127.0.0.1'
export const PG_PORT = 5432

export interface Upstream {
  host: string
  port: number
}

interface Trap {
  text: Buffer
  /** Forward the matching message before cutting: the server gets it, the client never hears back. */
  after: boolean
  left: number
}

/**
 * A TCP proxy in front of the real PostgreSQL that a test controls: it cuts connections (all
 * at once, or the one carrying a given statement), stops listening (the server is down),
 * listens again, and moves to another upstream (a failover). Each connection is a real pg
 * session, so the faults are the ones a network or a server restart causes.
 */
export interface PgProxy {
  readonly port: number
  /** A DATABASE_URL that goes through the proxy. */
  readonly url: string
  /** Sessions open through the proxy now, and the most that were open at once. */
  readonly connections: number
  readonly peakConnections: number
  /** Client ports PostgreSQL sees for the proxied sessions (pg_stat_activity.client_port). */
  backendClientPorts(): number[]
  /** Cuts every proxied connection, both sides, as a crashed server or a cut cable would. */
  dropAll(): void
  /**
   * Cuts the connection the next `times` client messages containing `text` travel on, before
   * they reach the server or (after: true) just after. Resolves when all of them were cut.
   */
  dropOn(text: string, options?: { after?: boolean; times?: number }): Promise<void>
  /** Where new connections go from now on; open ones are left alone. */
  setUpstream(upstream: Upstream): void
  /** Stops accepting: connecting is refused until open(). Open connections are cut too. */
  close(): Promise<void>
  /** Listens again on the same port. */
  open(): Promise<void>
}

export const startPgProxy = async (options: { port?: number; upstream?: Upstream; listen?: boolean } = {}): Promise<PgProxy> => {
  const port = options.port ?? (await sparePort())
  let upstream = options.upstream ?? { host: PG_HOST, port: PG_PORT }
  const pairs = new Set<[Socket, Socket]>()
  let peak = 0
  const traps: { trap: Trap; done: () => void }[] = []
  let server: Server | undefined

  const cut = (pair: [Socket, Socket]) => {
    for (const s of pair) s.destroy()
    pairs.delete(pair)
  }

  const onConnection = (client: Socket) => {
    const server = connect(upstream.port, upstream.host)
    const pair: [Socket, Socket] = [client, server]
    pairs.add(pair)
    peak = Math.max(peak, pairs.size)
    // Set when a message was let through to a client that is already gone: the server side
    // stays up until the server answered, so that message really ran (a COMMIT committed).
    let draining = false
    client.on('error', () => { if (!draining) cut(pair) })
    client.on('close', () => { if (!draining) cut(pair) })
    server.on('error', () => cut(pair))
    server.on('close', () => cut(pair))
    client.on('data', (chunk: Buffer) => {
      const hit = traps.find(({ trap }) => trap.left > 0 && chunk.includes(trap.text))
      if (!hit) {
        server.write(chunk)
        return
      }
      hit.trap.left -= 1
      if (hit.trap.left === 0) {
        traps.splice(traps.indexOf(hit), 1)
        hit.done()
      }
      if (!hit.trap.after) return cut(pair)
      draining = true
      client.destroy()
      server.write(chunk)
    })
    server.on('data', (chunk: Buffer) => (draining ? cut(pair) : client.write(chunk)))
  }

  const open = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer(onConnection)
      s.once('error', reject)
      s.listen(port, PG_HOST, () => {
        server = s
        resolve()
      })
    })

  const proxy: PgProxy = {
    port,
    url: `postgres://postgres@${PG_HOST}:${port}/test`,
    get connections() {
      return pairs.size
    },
    get peakConnections() {
      return peak
    },
    backendClientPorts: () => [...pairs].flatMap(([, s]) => (s.localPort ? [s.localPort] : [])),
    dropAll: () => {
      for (const pair of [...pairs]) cut(pair)
    },
    dropOn: (text, { after = false, times = 1 } = {}) =>
      new Promise<void>((resolve) => traps.push({ trap: { text: Buffer.from(text), after, left: times }, done: resolve })),
    setUpstream: (next) => {
      upstream = next
    },
    close: async () => {
      const s = server
      server = undefined
      proxy.dropAll()
      if (s) await new Promise((r) => s.close(r))
    },
    open,
  }
  if (options.listen ?? true) await open()
  return proxy
}

/** A plain client on the real server, for test setup, checks and clean-up. */
export const withAdmin = async <T>(fn: (db: pg.Client) => Promise<T>): Promise<T> => {
  const db = new pg.Client({ host: PG_HOST, port: PG_PORT, user: 'postgres', database: 'test' })
  db.on('error', () => {})
  await db.connect()
  try {
    return await fn(db)
  } finally {
    await db.end()
  }
}

/** Ends the server sessions behind the proxy with pg_terminate_backend, as an admin or an idle timeout would. */
export const terminateBackends = (proxy: PgProxy): Promise<number> =>
  withAdmin(async (db) => {
    const ports = proxy.backendClientPorts()
    if (ports.length === 0) return 0
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity
        WHERE client_addr = '127.0.0.1' AND client_port = ANY($1::int[])`, [ports])
    return Number(rows[0]?.n ?? 0)
  })
