import type { Queue } from 'bullmq'
import type { Config } from '../config/index.js'
import type { QueryDb } from '../query/db.js'
import type { RecordStore } from '../store/types.js'

/** The settings the server reads; a full Config fits. */
export type ServerConfig = Pick<Config, 'host' | 'port' | 'auth' | 'dashboardWrite' | 'dashboardPath'>

/** What /readyz needs from Redis: an ioredis client fits, and so does a test double in a unit test. */
export interface RedisPinger {
  ping(): Promise<string>
}

export interface ServerDeps {
  config: ServerConfig
  /** Every queue to show on the dashboard and in /metrics, keyed by queue name. */
  queues: Record<string, Queue>
  /** Pinged by /readyz; those with `get` also serve /api/episodes/:id. */
  stores: readonly (Pick<RecordStore, 'name' | 'ping'> & Partial<Pick<RecordStore, 'get'>>)[]
  redis: RedisPinger
  /**
   * Where the query API runs its SQL (src/query: PostgreSQL, or PGlite under the data dir), with
   * its readiness probe; absent, the query routes answer 503.
   */
  queries?: QueryDb & { readonly engine: string; ping(): Promise<void> }
}

export interface RunningServer {
  /** The bound port: the configured one, or the free one picked when it was 0. */
  port: number
  /** Stops accepting connections and ends idle keep-alive ones. Queues and Redis belong to the caller. */
  close(): Promise<void>
}
