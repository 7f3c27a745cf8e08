import { describe, expect, it } from 'vitest'
import { selectTranscript, transcriptFormat } from './transcripts.js'
import type { FeedEpisode, TranscriptLink } from './types.js'

describe('transcriptFormat', () => {
  it.each([
    { type: 'text/vtt', url: 'https://x/a', format: 'vtt' },
    { type: 'application/srt', url: 'https://x/a', format: 'srt' },
    { type: 'application/x-subrip', url: 'https://x/a', format: 'srt' },
    { type: 'text/srt', url: 'https://x/a', format: 'srt' },
    { type: 'application/json', url: 'https://x/a', format: 'json' },
    { type: 'text/html; charset=utf-8', url: 'https://x/a', format: 'html' },
    { type: 'TEXT/PLAIN', url: 'https://x/a', format: 'text' },
    { type: 'plain/txt', url: 'https://x/a.txt?x=1', format: 'text' },
    { type: '', url: 'https://x/a.VTT', format: 'vtt' },
    { type: 'application/octet-stream', url: 'https://x/a.srt#t', format: 'srt' },
    { type: 'audio/mpeg', url: 'https://x/a.mp3', format: null },
    // A generic type leaves the rank to the link's extension, so a SubRip link is not taken for text.
    { type: 'text/plain', url: 'https://x/a.srt', format: 'srt' },
    { type: 'text/markdown', url: 'https://x/a.md', format: 'text' },
    { type: 'text/markdown', url: 'https://x/transcript', format: 'text' },
    { type: 'text/x-markdown; charset=utf-8', url: 'https://x/transcript', format: 'text' },
    { type: '', url: 'https://x/a.markdown', format: 'text' },
    { type: 'text/csv', url: 'https://x/transcript', format: 'csv' },
    { type: '', url: 'https://x/transcript.tsv', format: 'csv' },
    { type: 'text/xml', url: 'https://x/a.xml', format: null },
    { type: 'application/ttml+xml', url: 'https://x/a', format: 'ttml' },
    { type: 'application/xml', url: 'https://x/a.dfxp', format: 'ttml' },
    { type: '', url: 'https://x/captions.sbv', format: 'sbv' },
  ])('$type $url → $format', ({ type, url, format }) => {
    expect(transcriptFormat(type, url)).toBe(format)
  })
})

const link = (format: TranscriptLink['format'], extra: Partial<TranscriptLink> = {}): TranscriptLink =>
  ({ url: `https://x/t.${format ?? 'bin'}${extra.language ?? ''}`, type: 'x', format, ...extra })

const episode = (transcripts: TranscriptLink[], language: string | null = 'en'): FeedEpisode => ({
  key: 'k',
  episode: { guid: 'k', title: null, feedUrl: null, link: null, publishedAt: null, audioUrl: null, durationSeconds: null, language },
  transcripts,
  body: null,
  bodySource: null,
  people: [],
})

describe('selectTranscript', () => {
  it('prefers JSON > VTT > TTML > SRT > SBV > HTML > text', () => {
    const all = [link('text'), link('html'), link('sbv'), link('srt'), link('ttml'), link('vtt'), link('json')]
    const order = ['json', 'vtt', 'ttml', 'srt', 'sbv', 'html', 'text']
    order.forEach((format, i) => expect(selectTranscript(episode(all.slice(0, all.length - i)))?.format).toBe(format))
  })

  it('skips captions in another language when one in the episode language exists', () => {
    const es = link('vtt', { language: 'es', rel: 'captions' })
    const en = link('srt', { language: 'en-us' })
    expect(selectTranscript(episode([es, en]))).toBe(en)
    expect(selectTranscript(episode([es]))).toBe(es)
  })

  it('returns null when nothing is readable', () => {
    expect(selectTranscript(episode([link(null)]))).toBeNull()
    expect(selectTranscript(episode([]))).toBeNull()
  })
})
