import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestOnce, startWorkers } from '../pipelines/runtime.js'
import { analyzeDocument } from '../src/analyze/index.js'
import { QUEUE } from '../src/queue/index.js'
import { recordId, type EpisodeRecord } from '../src/record/index.js'
import { createFileStore } from '../src/store/index.js'
import { FAST, REPO, obliterate, rss, serve, testConfig } from './helpers/pipeline-env.js'

// The analyze stage and `podpipe analyze` run the same function: for the same file, the record
// the pipeline publishes holds what analyzeDocument gives, field for field. The feed adds only
// what the file cannot know: the episode's metadata (its date, as `podpipe analyze --date`
// gives it, dates the quantities), and processing times.
// `name` is the file as the host serves it (and as `podpipe analyze` is given it), when it is not
// the fixture's own name. Feeds and hosts label transcripts loosely (text/plain, octet-stream,
// text/markdown): the record comes from the bytes, as `podpipe analyze` reads them.
const FILES: Array<{ file: string; type: string; name?: string }> = [
  { file: 'seed.vtt', type: 'text/vtt' },
  { file: 'seed.srt', type: 'application/x-subrip' },
  { file: 'seed.json', type: 'application/json' },
  { file: 'seed.html', type: 'text/html' },
  { file: 'seed.vtt', type: 'text/plain', name: 'captions.vtt' },
  { file: 'seed.srt', type: 'application/octet-stream', name: 'captions.srt' },
  { file: 'seed.html', type: 'text/plain', name: 'transcript.html' },
  { file: 'seed.txt', type: 'text/markdown', name: 'transcript.md' },
]
const nameOf = ({ file, name }: { file: string; name?: string }) => name ?? file
// Both places analysis can run (PODPIPE_ANALYSIS): a worker thread, and the event loop.
const configs = { threads: testConfig(), inline: testConfig({ PODPIPE_ANALYSIS: 'inline' }) }
let server: Awaited<ReturnType<typeof serve>>
let feedPath = ''

const content = (r: EpisodeRecord) => ({
  transcript: { ...r.transcript, url: null, source: null },
  speakers: r.speakers, turns: r.turns, sections: r.sections, entities: r.entities, claims: r.claims,
  warnings: r.provenance.warnings,
})

beforeAll(async () => {
  server = await serve(Object.fromEntries(FILES.map((f) => [`/${nameOf(f)}`, (_req, res) => {
    res.writeHead(200, { 'content-type': f.type }).end(readFileSync(join(REPO, 'fixtures/seed', f.file)))
  }])))
  feedPath = join(mkdtempSync(join(tmpdir(), 'podpipe-parity-')), 'feed.xml')
  writeFileSync(feedPath, rss(FILES.map((f) => ({ guid: nameOf(f), title: nameOf(f), transcript: { url: `${server.url}/${nameOf(f)}`, type: f.type } }))))
})

afterAll(async () => {
  await server.close()
  await Promise.all(Object.values(configs).map(obliterate))
})

describe.each(['threads', 'inline'] as const)('the analyze stage (analysis %s) beside podpipe analyze', (analysis) => {
  const config = configs[analysis]

  it('publishes, for each transcript file, the record analyzeDocument gives for that file', async () => {
    const result = await ingestOnce(config, feedPath, () => {}, { tuning: FAST })
    expect(result.failures).toEqual([])
    expect(result.published).toBe(FILES.length)
    const store = createFileStore({ dir: config.dataDir })
    for (const f of FILES) {
      const published = await store.get(recordId(feedPath, nameOf(f)))
      const bytes = readFileSync(join(REPO, 'fixtures/seed', f.file))
      const { record } = analyzeDocument({ content: bytes, read: { fileName: nameOf(f) }, episode: { publishedAt: published?.episode.publishedAt ?? null } })
      expect(published?.turns.length, `${nameOf(f)} as ${f.type}`).toBeGreaterThan(0)
      expect(content(published!), `${nameOf(f)} as ${f.type}`).toEqual(content(record))
    }
  }, 180_000)

  it(analysis === 'inline' ? 'takes one analyze job at a time' : 'takes PODPIPE_CONCURRENCY analyze jobs at a time', async () => {
    const running = await startWorkers(config, [QUEUE.analyze], { tuning: FAST })
    try {
      expect(running.workers[0]?.opts.concurrency).toBe(analysis === 'inline' ? 1 : config.concurrency)
    } finally {
      await running.close()
    }
  })
})
