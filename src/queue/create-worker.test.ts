import { UnrecoverableError } from 'bullmq'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { PodpipeError } from '../errors/index.js'
import { runJob, toJobError } from './create-worker.js'
import { QUEUE } from './names.js'

describe('toJobError: the one retry decision', () => {
  it.each([
    { id: 'malformed transcript', err: new PodpipeError('MALFORMED', 'bad vtt', { input: 't.vtt' }), retry: false },
    { id: 'HTTP 404', err: new PodpipeError('HTTP_STATUS', 'HTTP 404', { input: 'http://x/t.vtt' }), retry: false },
    { id: 'too large', err: new PodpipeError('TOO_LARGE', 'over 20 MiB', { input: 'x' }), retry: false },
    { id: 'HTTP 503', err: new PodpipeError('HTTP_STATUS', 'HTTP 503', { input: 'x', permanent: false }), retry: true },
    { id: 'timeout', err: new PodpipeError('TIMEOUT', 'no answer', { input: 'x', permanent: false }), retry: true },
    { id: 'store down', err: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), retry: true },
    { id: 'plain error crossing a process boundary', err: Object.assign(new Error('x'), { name: 'PodpipeError', permanent: true, code: 'MALFORMED' }), retry: false },
    { id: 'a thrown string', err: 'boom', retry: true },
  ])('$id → retry: $retry', ({ err, retry }) => {
    const out = toJobError(err)
    expect(out).toBeInstanceOf(Error)
    expect(out instanceof UnrecoverableError).toBe(!retry)
  })

  it('keeps the code and the input in the failure reason', () => {
    const out = toJobError(new PodpipeError('HTTP_STATUS', 'HTTP 404 Not Found', { input: 'http://x/t.vtt' }))
    expect(out.message).toBe('HTTP_STATUS: http://x/t.vtt: HTTP 404 Not Found')
  })
})

describe('runJob', () => {
  const log = pino({ level: 'silent' })
  const data = { chainId: 'ep-1-a', episodeId: 'ep-1', feedId: 'feed-1', feedUrl: 'f.xml' }

  it('hands validated data and the attempt number to the handler', async () => {
    const seen: unknown[] = []
    const result = await runJob(QUEUE.analyze, async (d, ctx) => { seen.push(d, ctx.attempt); return { ok: true } }, { id: 'j1', data, attemptsMade: 2 }, log)
    expect(result).toEqual({ ok: true })
    expect(seen).toEqual([data, 3])
  })

  it('refuses a result too large for the job hash, for good', async () => {
    const run = runJob(QUEUE.analyze, async () => ({ text: 'x'.repeat(20_000) }), { id: 'j1', data, attemptsMade: 0 }, log)
    await expect(run).rejects.toThrow(/limit is 16384/)
    await expect(run).rejects.toBeInstanceOf(UnrecoverableError)
  })

  it('fails invalid job data for good without calling the handler', async () => {
    let called = false
    const run = runJob(QUEUE.analyze, async () => { called = true; return {} }, { id: 'j1', data: { chainId: 1 }, attemptsMade: 0 }, log)
    await expect(run).rejects.toBeInstanceOf(UnrecoverableError)
    expect(called).toBe(false)
  })
})
