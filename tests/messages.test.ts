// Messages name each path or URL once and say how to get past a refusal.
import { describe, expect, it } from 'vitest'
import { PodpipeError, withInput } from '../src/errors/index.js'
import { fetchResource } from '../src/feed/index.js'
import { createStores } from '../src/store/index.js'
import { sparePort } from './helpers/redis-server.js'

describe('messages', () => {
  it.each(['http://127.0.0.1:9/feed.xml', 'http://localhost:9/feed.xml'])('a refused private address names the variable that allows it: %s', async (url) => {
    await expect(fetchResource(url, { timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'FORBIDDEN_ADDRESS',
      message: expect.stringMatching(/^http:\/\/(127\.0\.0\.1|localhost):9\/feed\.xml: .*refused.*set PODPIPE_ALLOW_PRIVATE_ADDRESSES=1/),
    })
  })

  it('a PostgreSQL that is down is named by its variable, not by a schema that reads like the program name', async () => {
    const port = await sparePort()
    const stores = createStores({ stores: ['postgres'], databaseUrl: `postgres://postgres@127.0.0.1:${port}/test`, dataDir: '/tmp', redisUrl: 'redis://127.0.0.1:6379', queuePrefix: 'x' })
    await expect(stores).rejects.toThrow(/^DATABASE_URL: postgres store: cannot connect to run migrations for schema podpipe: .*ECONNREFUSED/)
  })

  it.each([
    { id: 'adds the input', input: 'a.vtt', message: 'empty', expected: 'a.vtt: empty' },
    { id: 'once only', input: 'a.vtt', message: 'a.vtt: not valid UTF-8', expected: 'a.vtt: not valid UTF-8' },
    { id: 'a longer name is another input', input: 'a.vtt', message: 'a.vtt.bak: empty', expected: 'a.vtt: a.vtt.bak: empty' },
    { id: 'no input', input: undefined, message: 'empty', expected: 'empty' },
  ])('withInput $id', ({ input, message, expected }) => {
    expect(withInput(input, message)).toBe(expected)
    expect(new PodpipeError('MALFORMED', message, input ? { input } : {}).message).toBe(expected)
  })
})
