/**
 * The whole core on one document, in one process, with no Redis: read → split → extract → record.
 * `podpipe analyze` calls it, and the queue stages call the same stage functions one at a time,
 * which is the proof that the core is pure (design.md).
 */
import { performance } from 'node:perf_hooks'
import { readTranscript, type ReadOptions } from '../transcript/index.js'
import { splitTurns, type SpeakerHint } from '../turns/index.js'
import { extract, type ClaimExplanation, type ExtractOptions } from '../nlp/index.js'
import { buildRecord, sha256Hex, type Episode, type EpisodeRecord, type Transcript } from '../record/index.js'

export interface AnalyzeInput {
  content: Uint8Array | string
  read?: ReadOptions
  /** What is known of the episode (from a feed, or nothing for a lone file). */
  episode?: Partial<Episode>
  transcript?: Pick<Transcript, 'source' | 'url'>
  speakers?: SpeakerHint[]
  extract?: ExtractOptions
  /** Injected so the function stays pure and tests can pin it. */
  now?: Date
}

export interface AnalyzeResult {
  record: EpisodeRecord
  explanations: ClaimExplanation[]
}

// Building the record is not timed: the timings are part of the record.
const timed = <T>(stageMs: Record<string, number>, stage: string, run: () => T): T => {
  const started = performance.now()
  const value = run()
  stageMs[stage] = Math.round((performance.now() - started) * 100) / 100
  return value
}

/**
 * @example
 * const { record } = analyzeDocument({ content: readFileSync('episode.vtt'), read: { fileName: 'episode.vtt' } })
 */
export const analyzeDocument = (input: AnalyzeInput): AnalyzeResult => {
  const stageMs: Record<string, number> = {}
  const read = timed(stageMs, 'read', () => readTranscript(input.content, input.read))
  const split = timed(stageMs, 'split', () => splitTurns(read.paragraphs, { speakers: input.speakers }))
  const sha256 = sha256Hex(input.content)
  const episode: Episode = {
    guid: input.episode?.guid ?? sha256,
    title: input.episode?.title ?? null,
    feedUrl: input.episode?.feedUrl ?? null,
    link: input.episode?.link ?? null,
    publishedAt: input.episode?.publishedAt ?? null,
    audioUrl: input.episode?.audioUrl ?? null,
    durationSeconds: input.episode?.durationSeconds ?? null,
    language: input.episode?.language ?? null,
  }
  const extraction = timed(stageMs, 'extract', () =>
    extract({ turns: split.turns, speakers: split.speakers, episodeDate: episode.publishedAt }, input.extract))
  const record = buildRecord({
    episode,
    transcript: {
      source: input.transcript?.source ?? 'file',
      url: input.transcript?.url ?? null,
      format: read.format,
      sha256,
      wordCount: split.speakers.reduce((n, s) => n + s.wordCount, 0),
    },
    speakers: split.speakers,
    turns: split.turns,
    sections: split.sections,
    entities: extraction.entities,
    claims: extraction.claims,
    stageMs,
    warnings: [...read.warnings, ...split.warnings, ...extraction.warnings],
    processedAt: input.now ?? new Date(),
  }, { seal: false })
  return { record, explanations: extraction.explanations }
}
