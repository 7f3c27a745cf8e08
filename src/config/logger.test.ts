import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from './logger.js'
import { isLoopbackHost } from './loopback.js'
import { redactSecrets } from './redact.js'

const capture = () => {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  return { lines, destination }
}

describe('createLogger', () => {
  it('writes JSON lines with the given bindings and level', () => {
    const { lines, destination } = capture()
    const log = createLogger({ level: 'warn', bindings: { service: 'server' }, destination })
    log.info('hidden')
    log.warn({ queue: 'feeds' }, 'shown')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, service: 'server', queue: 'feeds', msg: 'shown' })
  })

  it('removes passwords from URLs, auth headers and credentials in messages and error stacks', () => {
    const { lines, destination } = capture()
    const log = createLogger({ destination })
    log.info(
      { redisUrl: 'redis://:hunter2@redis:6379', req: { headers: { authorization: 'Basic b3BzOnB3', cookie: 's=1' } }, config: { auth: { token: 'tok-123' } } },
      'connecting to postgres://app:s3cret@db:5432/podpipe with Bearer abc.def',
    )
    log.error(new Error('cannot reach postgresql://app:s3cret@db/podpipe'), 'store down')
    const text = lines.join('')
    for (const secret of ['hunter2', 's3cret', 'b3BzOnB3', 'tok-123', 'abc.def', 's=1']) expect(text).not.toContain(secret)
    expect(text).toContain('redis://:[REDACTED]@redis:6379')
    expect(text).toContain('postgres://app:[REDACTED]@db:5432/podpipe')
    expect(JSON.parse(lines[0]!).req.headers.authorization).toBe('[REDACTED]')
  })
})

describe('redactSecrets', () => {
  it.each([
    ['redis://:pw@h:6379/0', 'redis://:[REDACTED]@h:6379/0'],
    ['redis://ops:pw@h:6379', 'redis://[REDACTED]:[REDACTED]@h:6379'],
    ['rediss://ops@h:6380', 'rediss://[REDACTED]@h:6380'],
    ['cannot reach redis://:p@ss@h:6379.', 'cannot reach redis://:[REDACTED]@h:6379.'],
    ['redis://h:6379/0?password=pw&db=1', 'redis://h:6379/0?password=[REDACTED]&db=1'],
    ['postgres://user:p%40ss@h/db', 'postgres://user:[REDACTED]@h/db'],
    ['postgres://user@h/db', 'postgres://user@h/db'],
    ['https://example.org/feed.xml?x=a:b@c', 'https://example.org/feed.xml?x=a:b@c'],
    ['Authorization: Bearer abc123', 'Authorization: Bearer [REDACTED]'],
  ])('%s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected)
  })
})

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true], ['127.8.9.10', true], ['localhost', true], ['::1', true], ['[::1]', true],
    ['0.0.0.0', false], ['::', false], ['10.0.0.5', false], ['192.168.1.2', false], ['example.org', false], ['128.0.0.1', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected)
  })
})
