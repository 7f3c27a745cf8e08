import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import type { AddressInfo } from 'node:net'
import type { Logger } from 'pino'
import { PodpipeError } from '../errors/index.js'
import { isLoopbackHost, redactSecrets } from '../config/index.js'
import { authGuard } from './auth.js'
import { mountDashboard } from './dashboard.js'
import { healthRoutes } from './health.js'
import { queryApi } from './query-api.js'
import { browserPages, notFoundPage } from './pages/index.js'
import { createJobMetrics, observeJobEvents } from './job-events.js'
import { createMetricsRegistry } from './metrics.js'
import type { RunningServer, ServerDeps } from './types.js'

export interface PodpipeServer {
  app: Hono
  listen(): Promise<RunningServer>
}

/**
 * The HTTP face of a deployment: the record browser at / (src/server/pages), bull-board at config.dashboardPath (/queues by default; read-only unless config.dashboardWrite),
 * /healthz, /readyz, /metrics and the query API under /api (described at /api/openapi.json). listen() also follows every queue's events for the job-outcome
 * metrics (one blocking Redis connection per queue). Refuses to build an app reachable from the
 * network without credentials, even when handed a Config that loadConfig never checked.
 * @example
 * const { listen } = createServer({ config, queues, stores, redis })
 * const { port, close } = await listen()
 */
export const createServer = ({ logger, ...deps }: ServerDeps & { logger?: Logger }): PodpipeServer => {
  const { config, queues } = deps
  if (!isLoopbackHost(config.host) && config.auth === undefined) {
    throw new PodpipeError(
      'CONFIG',
      `refusing to serve the dashboard on ${config.host} without credentials: ` +
        'set PODPIPE_DASHBOARD_USER and PODPIPE_DASHBOARD_PASSWORD, or PODPIPE_DASHBOARD_TOKEN, or bind to 127.0.0.1',
      { input: 'PODPIPE_HOST' },
    )
  }

  // Both /queues and /queues/ reach the dashboard: people type either.
  const app = new Hono({ strict: false })
  // nosniff, frame-ancestors by X-Frame-Options (a write-mode dashboard must not be framed), no referrer.
  app.use(secureHeaders())
  app.use(authGuard(config.auth))
  // Basic auth rides along on any request the browser makes, so a cross-site form post could act
  // as the signed-in user; Hono's csrf rejects those by Origin.
  app.use(csrf())
  app.route('/', healthRoutes(deps))
  app.route('/', queryApi({ stores: deps.stores, queries: deps.queries }))

  const registry = createMetricsRegistry(queues)
  const jobMetrics = createJobMetrics(registry)
  app.get('/metrics', async (c) => {
    try {
      return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType })
    } catch (err) {
      logger?.warn({ err }, 'metrics scrape failed')
      return c.text(`metrics unavailable: ${redactSecrets(err instanceof Error ? err.message : String(err))}\n`, 503)
    }
  })

  mountDashboard(app, queues, { basePath: config.dashboardPath, readOnly: !config.dashboardWrite })
  // The record browser owns / and the page paths; mounted after the dashboard, which keeps its own.
  app.route('/', browserPages({ queries: deps.queries }))
  // Unknown API paths answer JSON like the rest of /api; any other unknown path is a page.
  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: 'not found' }, 404) : c.html(notFoundPage(`Nothing lives at ${c.req.path}.`), 404)))

  app.onError((err, c) => {
    // Auth and CSRF middleware reject by throwing their response.
    if (err instanceof HTTPException) return err.getResponse()
    logger?.error({ err, path: c.req.path }, 'request failed')
    return c.json({ error: 'internal error' }, 500)
  })

  const listen = async (): Promise<RunningServer> => {
    const running = await listenOn(app, config.host, config.port)
    try {
      const events = await observeJobEvents(queues, jobMetrics, logger)
      return {
        port: running.port,
        close: async () => {
          await running.close()
          await events.close()
        },
      }
    } catch (err) {
      await running.close()
      throw err
    }
  }
  return { app, listen }
}

const listenOn = (app: Hono, host: string, port: number): Promise<RunningServer> =>
  new Promise((resolve, reject) => {
    const server = createAdaptorServer({ fetch: app.fetch })
    server.once('error', reject)
    server.listen(port, host.replace(/^\[(.*)\]$/, '$1'), () => {
      server.off('error', reject)
      const close = () =>
        new Promise<void>((done, fail) => {
          server.close((err) => (err ? fail(err) : done()))
          // Browsers keep dashboard connections alive; without this close() waits for them to time out.
          if ('closeAllConnections' in server) server.closeAllConnections()
        })
      resolve({ port: (server.address() as AddressInfo).port, close })
    })
  })
