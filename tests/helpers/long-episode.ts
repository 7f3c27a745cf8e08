import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SourceBlob } from '../../src/stage/index.js'
import { REPO } from './pipeline-env.js'

/** The source blob of a long episode: the seed transcript `copies` times over, as plain text. */
export const longEpisodeSource = (key: string, copies: number): SourceBlob => {
  const seed = readFileSync(join(REPO, 'fixtures/seed/seed.txt'), 'utf8')
  return {
    feedEpisode: {
      key, body: null, bodySource: null, people: [], transcripts: [],
      episode: { guid: key, title: `Long episode ${key}`, feedUrl: 'https://example.com/feed.xml', link: null, publishedAt: null, audioUrl: 'https://example.com/a.mp3', durationSeconds: null, language: null },
    },
    speakers: [],
    content: Buffer.from(Array.from({ length: copies }, () => seed).join('\n\n')),
    read: { format: 'text', input: 'long episode' },
    transcript: { source: 'podcast:transcript', url: 'https://example.com/long.txt' },
    stageMs: {},
  }
}
