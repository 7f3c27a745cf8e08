import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce, type IngestResult } from '../pipelines/runtime.js'
import { FAST, REPO, obliterate, rss, seedHtml, serve, testConfig } from './helpers/pipeline-env.js'

const MAX_TRANSCRIPT = 200_000
const config = testConfig({ PODPIPE_TRANSCRIPT_MAX_BYTES: String(MAX_TRANSCRIPT) })
const vtt = readFileSync(`${REPO}fixtures/seed/seed.vtt`)
let server: Awaited<ReturnType<typeof serve>>
let result: IngestResult

beforeAll(async () => {
  server = await serve({
    '/good.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/vtt' }).end(vtt),
    '/broken.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/vtt' }).end('WEBVTT\n\n00:00:01.000 --> garbage\n<v Jordan Schneider>'),
    '/flaky.vtt': (_req, res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('try later'),
    // A host that answers a transcript link with its sign-in page, status 200.
    '/members.vtt': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Sign in</title></head><body><p>Members only: please sign in to read this transcript.</p></body></html>'),
    '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([
      { guid: 'good', title: 'Good', transcript: { url: `${server.url}/good.vtt`, type: 'text/vtt' } },
      { guid: 'broken', title: 'Broken transcript', transcript: { url: `${server.url}/broken.vtt`, type: 'text/vtt' } },
      { guid: 'missing', title: '404 transcript', transcript: { url: `${server.url}/missing.vtt`, type: 'text/vtt' } },
      { guid: 'oversized', title: 'Oversized body', body: seedHtml(49, 156).repeat(Math.ceil((MAX_TRANSCRIPT * 1.5) / 60_000)) },
      { guid: 'flaky', title: 'Transcript host down', transcript: { url: `${server.url}/flaky.vtt`, type: 'text/vtt' } },
      { guid: 'members', title: 'Sign-in page', transcript: { url: `${server.url}/members.vtt`, type: 'text/vtt' } },
    ])),
  })
  // Two chains a look, fewer than the feed's six: a chain behind a retrying one is still read in turn.
  result = await ingestOnce(config, `${server.url}/feed.xml`, () => {}, { tuning: FAST, maxChainReads: 2 })
}, 60_000)

afterAll(async () => {
  await server.close()
  await obliterate(config)
})

const failure = (guidHint: string) => result.failures.find((f) => f.reason.includes(guidHint))

describe('a feed with malformed episodes', () => {
  it('publishes the good episode and fails each bad one, without stopping the rest', () => {
    expect(result.found).toBe(6)
    expect(result.published).toBe(1)
    expect(result.failed).toBe(5)
  })

  it('fails a transcript link answered with a web page at once, rather than publishing the page', () => {
    const f = failure('/members.vtt')
    expect(f?.reason).toMatch(/MALFORMED: .*\/members\.vtt: declared as text\/vtt but the content is a web page/)
    expect(f?.stage).toBe('analyze')
    expect(f?.attemptsMade).toBe(1)
  })

  it('fails a 404 transcript at once, naming the URL and the status', () => {
    const f = failure('/missing.vtt')
    expect(f?.reason).toMatch(/HTTP_STATUS: .*\/missing\.vtt: HTTP 404/)
    expect(f?.stage).toBe('transcripts')
    expect(f?.attemptsMade).toBe(1)
  })

  it('fails a broken transcript at once as malformed', () => {
    const f = failure('/broken.vtt')
    expect(f?.reason).toMatch(/MALFORMED|UNKNOWN_FORMAT|EMPTY_INPUT/)
    expect(f?.attemptsMade).toBe(1)
  })

  it('fails an oversized post body at once as too large', () => {
    const f = result.failures.find((x) => x.reason.startsWith('TOO_LARGE'))
    expect(f?.reason).toMatch(/TOO_LARGE/)
    expect(f?.attemptsMade).toBe(1)
  })

  it('retries a transcript host that answers 503 until its attempts are used up', () => {
    const f = failure('/flaky.vtt')
    expect(f?.reason).toMatch(/HTTP 503/)
    expect(f?.attemptsMade).toBe(5)
    expect(server.hits.get('/flaky.vtt')).toBe(5)
  })
})
