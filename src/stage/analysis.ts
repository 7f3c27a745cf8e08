import { isPodpipeError, PodpipeError, type ErrorCode } from '../errors/index.js'
import { sha256Hex } from '../record/index.js'
// Module by module: the analysis thread loads this file and needs neither BullMQ nor ioredis.
import { decodeBlob, encodeBlob } from '../queue/blob-codec.js'
import type { TranscriptMemo } from '../queue/feed-state.js'
import { analyzeSource, analyzedBlob } from './analyze-source.js'
import type { SourceBlob } from './blob-types.js'

/** What the analyze job returns to the dashboard: counts, never the data. */
export interface AnalysisSummary {
  recordId: string
  turns: number
  speakers: number
  sections: number
  entities: number
  claims: number
}

/** An error as it crosses a thread boundary: plain data, rebuilt by `toError`. */
export interface PlainError {
  name: string
  message: string
  code?: ErrorCode
  input?: string
  permanent?: boolean
}

export type AnalysisOutcome =
  | { ok: true; raw: Uint8Array; summary: AnalysisSummary }
  /** `memo`: a `podcast:transcript` file that could not be read, remembered so rechecks skip it until replaced. */
  | { ok: false; error: PlainError; memo?: TranscriptMemo & { key: string } }

export interface AnalysisRequest {
  /** The chain's 'source' blob, as stored. */
  raw: Uint8Array
  /** processedAt of the record (ms since the epoch). */
  now: number
  compressMinBytes: number
}

const plain = (err: unknown): PlainError => isPodpipeError(err)
  ? { name: err.name, message: err.message, code: err.code, permanent: err.permanent, ...(err.input ? { input: err.input } : {}) }
  : err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) }

/** The error `plain` made, as the retry decision (create-worker's toJobError) reads it. */
export const toError = (e: PlainError): Error => e.code
  ? new PodpipeError(e.code, e.message, { permanent: e.permanent ?? true, ...(e.input ? { input: e.input } : {}) })
  : Object.assign(new Error(e.message), { name: e.name })

/**
 * The analyze stage's CPU work on bytes: decode the source blob, run the core, encode the
 * analyzed blob. Takes and returns bytes so a thread can run it with nothing to copy but them,
 * and never throws, so every failure crosses the thread boundary the same way.
 */
export const analyzeEncoded = ({ raw, now, compressMinBytes }: AnalysisRequest): AnalysisOutcome => {
  let source: SourceBlob | undefined
  try {
    source = decodeBlob<SourceBlob>(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), 'source')
    const record = analyzeSource(source, new Date(now))
    return {
      ok: true,
      raw: encodeBlob(analyzedBlob(source, record), compressMinBytes),
      summary: { recordId: record.id, turns: record.turns.length, speakers: record.speakers.length, sections: record.sections.length, entities: record.entities.length, claims: record.claims.length },
    }
  } catch (err) {
    const { transcript, content } = source ?? {}
    const fileFailed = isPodpipeError(err) && err.permanent && transcript?.source === 'podcast:transcript' && transcript.url && content
    return {
      ok: false,
      error: plain(err),
      ...(fileFailed && source ? { memo: { key: source.feedEpisode.key, url: transcript.url!, sha256: sha256Hex(content), ...source.validators } } : {}),
    }
  }
}
