import type { MiddlewareHandler } from 'hono'
import { basicAuth } from 'hono/basic-auth'
import { bearerAuth } from 'hono/bearer-auth'
import type { DashboardAuth } from '../config/index.js'

const REALM = 'podpipe'

/** Liveness probes come from orchestrators that hold no credentials. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(['/healthz'])

/**
 * Guards every path except PUBLIC_PATHS with the configured scheme; lets everything through when
 * none is configured (loopback only, which createServer enforces).
 */
export const authGuard = (auth: DashboardAuth | undefined): MiddlewareHandler => {
  const check: MiddlewareHandler | undefined = auth === undefined ? undefined
    : 'token' in auth ? bearerAuth({ token: auth.token, realm: REALM })
    : basicAuth({ username: auth.user, password: auth.password, realm: REALM })
  return async function guard(c, next) {
    if (check === undefined || PUBLIC_PATHS.has(c.req.path)) return next()
    return check(c, next)
  }
}
