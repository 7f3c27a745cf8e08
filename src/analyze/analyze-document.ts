/**
 * The whole core on one document, in one call, with no Redis: read → split → extract → record.
 * `podpipe analyze` and the pipeline's analyze stage call this same function, so the CLI and the
 * pipeline cannot disagree (design.md). The two later entry points exist only for chains that an
 * older deployment left half-way (between its turns and claims queues); they are the tail of
 * the same function, not a second implementation.
 */
import { performance } from 'node:perf_hooks'
import { readTranscript, type Paragraph, type ReadOptions } from '../transcript/index.js'
import { splitTurns, type SpeakerHint, type SplitOptions, type SplitResult } from '../turns/index.js'
import { extract, type ClaimExplanation, type ExtractOptions } from '../nlp/index.js'
import { isOrdinaryWord } from '../nlp/pos.js'
import { knownGivenNames } from '../nlp/knowledge.js'
import { buildRecord, sha256Hex, type Episode, type EpisodeRecord, type Transcript, type TranscriptFormat, type Warning } from '../record/index.js'
import { asTextPost } from './text-post.js'

/**
 * The lexicon the splitter reads labels with (SplitOptions): the same for `podpipe analyze`, the
 * pipeline and `npm run eval`, so the eval scores what users get.
 */
export const SPLIT_LEXICON: Required<Pick<SplitOptions, 'isOrdinaryWord' | 'isGivenName'>> = {
  isOrdinaryWord,
  isGivenName: (word) => knownGivenNames().has(word),
}

export interface AnalyzeInput {
  /** The transcript or post; null when the episode has none (the record then has no turns). */
  content: Uint8Array | string | null
  read?: ReadOptions
  /** What is known of the episode (from a feed, or nothing for a lone file). */
  episode?: Partial<Episode>
  transcript?: Pick<Transcript, 'source' | 'url'>
  speakers?: SpeakerHint[]
  /**
   * Whether the episode has audio. Without audio and without any speaker label, a post is an
   * article (sections, no turns) rather than a monologue by an unknown speaker. @defaultValue true
   */
  hasAudio?: boolean
  extract?: ExtractOptions
  /** Timings of work done before (a fetch), kept in the record's stageMs. @defaultValue {} */
  stageMs?: Record<string, number>
  /** Injected so the function stays pure and tests can pin it. */
  now?: Date
  /**
   * Deep-freeze the record and mark it validated (buildRecord's seal), for a caller that hands
   * it to a store in the same process. @defaultValue false
   */
  seal?: boolean
}

export interface AnalyzeResult {
  record: EpisodeRecord
  explanations: ClaimExplanation[]
}

/** What reading left: the document's format and paragraphs, for `analyzeParagraphs`. */
export interface ReadPart {
  format: TranscriptFormat | null
  sha256: string | null
  paragraphs: Paragraph[]
  warnings: Warning[]
}

type Rest = Omit<AnalyzeInput, 'content' | 'read'>

// Building the record is not timed: the timings are part of the record.
const timed = <T>(stageMs: Record<string, number>, stage: string, run: () => T): T => {
  const started = performance.now()
  const value = run()
  stageMs[stage] = Math.round((performance.now() - started) * 100) / 100
  return value
}

const episodeOf = (known: Partial<Episode> | undefined, guid: string): Episode => ({
  guid: known?.guid ?? guid,
  title: known?.title ?? null,
  feedUrl: known?.feedUrl ?? null,
  link: known?.link ?? null,
  publishedAt: known?.publishedAt ?? null,
  audioUrl: known?.audioUrl ?? null,
  durationSeconds: known?.durationSeconds ?? null,
  language: known?.language ?? null,
})

/** The tail of the core after splitting: entities and claims, then the record. */
export const analyzeTurns = (split: SplitResult, read: Omit<ReadPart, 'paragraphs'>, input: Rest): AnalyzeResult => {
  const stageMs = { ...input.stageMs }
  const episode = episodeOf(input.episode, read.sha256 ?? 'none')
  const extraction = timed(stageMs, 'extract', () =>
    extract({ turns: split.turns, speakers: split.speakers, episodeDate: episode.publishedAt }, input.extract))
  const record = buildRecord({
    episode,
    transcript: {
      source: input.transcript?.source ?? 'file',
      url: input.transcript?.url ?? null,
      format: read.format,
      sha256: read.sha256,
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
  }, { seal: input.seal ?? false })
  return { record, explanations: extraction.explanations }
}

/** The core after reading: speaker turns, then `analyzeTurns`. */
export const analyzeParagraphs = (read: ReadPart, input: Rest): AnalyzeResult => {
  const stageMs = { ...input.stageMs }
  const split = timed(stageMs, 'split', () =>
    asTextPost(splitTurns(read.paragraphs, { speakers: input.speakers, ...SPLIT_LEXICON }), { hasAudio: input.hasAudio ?? true }))
  return analyzeTurns(split, read, { ...input, stageMs })
}

/**
 * @example
 * const { record } = analyzeDocument({ content: readFileSync('episode.vtt'), read: { fileName: 'episode.vtt' } })
 */
export const analyzeDocument = (input: AnalyzeInput): AnalyzeResult => {
  const { content, read: options, ...rest } = input
  const stageMs = { ...rest.stageMs }
  const read: ReadPart = content === null
    ? { format: null, sha256: null, paragraphs: [], warnings: [] }
    : { ...timed(stageMs, 'read', () => readTranscript(content, options)), sha256: sha256Hex(content) }
  return analyzeParagraphs(read, { ...rest, stageMs })
}
