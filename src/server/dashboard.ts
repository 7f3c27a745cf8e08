import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { HonoAdapter } from '@bull-board/hono'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Queue } from 'bullmq'
import type { Hono } from 'hono'

export interface DashboardOptions {
  /** The path the browser sees; bull-board builds its asset URLs from it. */
  basePath: string
  /** Write calls (retry, clean, pause, add, …) answer 405. */
  readOnly: boolean
}

/** Larger job data or return values are cut down before the dashboard sends them to the browser. */
export const MAX_SHOWN_CHARS = 4_096

/**
 * Cuts what the dashboard shows of a job's data or result. Job payloads are small by contract
 * (ids and storage URIs), so this only bites on a misbehaving producer; it keeps every open tab's
 * 5-second poll from shipping megabytes.
 */
export const trimForDisplay = (value: unknown): unknown => {
  if (value === undefined || value === null) return value
  const json = JSON.stringify(value)
  if (json === undefined || json.length <= MAX_SHOWN_CHARS) return value
  return { truncated: true, totalChars: json.length, preview: json.slice(0, MAX_SHOWN_CHARS) }
}

/** Mounts bull-board at `basePath` on `app`, one adapter per queue. */
export const mountDashboard = (app: Hono, queues: Record<string, Queue>, { basePath, readOnly }: DashboardOptions): void => {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(basePath)
  const adapters = Object.values(queues).map((queue) => {
    const adapter = new BullMQAdapter(queue, { readOnlyMode: readOnly, allowRetries: !readOnly })
    adapter.setFormatter('data', trimForDisplay)
    adapter.setFormatter('returnValue', trimForDisplay)
    return adapter
  })
  createBullBoard({
    queues: adapters,
    serverAdapter,
    options: { uiConfig: { boardTitle: 'podpipe', hideDocsLink: true } },
  })
  app.route(basePath, serverAdapter.registerPlugin())
}
