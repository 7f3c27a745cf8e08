import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { describe, expect, it } from 'vitest'
import { authGuard } from './auth.js'

const appWith = (auth: Parameters<typeof authGuard>[0]) => {
  const app = new Hono()
  app.use(authGuard(auth))
  app.get('/healthz', (c) => c.text('ok'))
  app.get('/metrics', (c) => c.text('metrics'))
  app.onError((err, c) => (err instanceof HTTPException ? err.getResponse() : c.text('error', 500)))
  return app
}
const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` })

describe('authGuard', () => {
  it('lets everything through when no credentials are configured (loopback only)', async () => {
    expect((await appWith(undefined).request('/metrics')).status).toBe(200)
  })

  it.each([
    ['no header', {}, 401],
    ['a wrong password', basic('ops', 'nope nope'), 401],
    ['a wrong user', basic('root', 'correct horse'), 401],
    ['a bearer token instead', { authorization: 'Bearer correct horse' }, 401],
    ['the right user and password', basic('ops', 'correct horse'), 200],
  ])('basic auth with %s → %i', async (_case, headers, status) => {
    const res = await appWith({ user: 'ops', password: 'correct horse' }).request('/metrics', { headers })
    expect(res.status).toBe(status)
    if (status === 401) expect(res.headers.get('www-authenticate')).toBe('Basic realm="podpipe"')
  })

  it.each([
    ['no header', {}, 401],
    ['another token', { authorization: 'Bearer 0000000000000000' }, 401],
    ['basic credentials instead', basic('ops', 'tok_0123456789abcdef'), 400],
    ['the token', { authorization: 'Bearer tok_0123456789abcdef' }, 200],
  ])('bearer auth with %s → %i', async (_case, headers, status) => {
    const res = await appWith({ token: 'tok_0123456789abcdef' }).request('/metrics', { headers })
    expect(res.status).toBe(status)
  })

  it('never guards /healthz, which orchestrators probe without credentials', async () => {
    expect((await appWith({ token: 'tok_0123456789abcdef' }).request('/healthz')).status).toBe(200)
    expect((await appWith({ user: 'ops', password: 'correct horse' }).request('/healthz')).status).toBe(200)
  })
})
