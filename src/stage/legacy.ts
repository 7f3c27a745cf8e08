/**
 * Chains an older version left in flight. That version split analysis into a turns and a
 * claims queue, with paragraphs, then turns, then the extraction as blobs between them. On
 * start, workers move the jobs of those queues to `analyze` (migrateLegacyQueues); analyze and
 * publish then finish such chains from the blob they find, through the tail of the same core
 * function (analyzeParagraphs, analyzeTurns) and, for a chain already past claims, the same
 * record builder. Nothing here runs for a chain this version started.
 */
import { Queue, type ConnectionOptions } from 'bullmq'
import type { Logger } from 'pino'
import { analyzeParagraphs, analyzeTurns } from '../analyze/index.js'
import { PodpipeError } from '../errors/index.js'
import type { Paragraph } from '../transcript/index.js'
import { LEGACY_QUEUES, QUEUE, jobId, parseJobData, type HttpCache, type JobData, type StageResult } from '../queue/index.js'
import { buildRecord, type Claim, type Entity, type Section, type Speaker, type Transcript, type Turn, type Warning } from '../record/index.js'
import { analyzeInputOf } from './analyze-source.js'
import type { AnalyzedBlob, EpisodeBlob } from './blob-types.js'
import { handOff, type Deps } from './deps.js'

interface Carried {
  transcript: Transcript
  validators?: HttpCache
  warnings: Warning[]
  stageMs: Record<string, number>
}

/** The old transcript stage's output ('transcript' blob), waiting in the turns queue. */
interface TranscriptBlob extends Carried {
  paragraphs: Paragraph[]
}

/** The old turns stage's output ('turns' blob), waiting in the claims queue. */
interface TurnsBlob extends Carried {
  speakers: Speaker[]
  turns: Turn[]
  sections: Section[]
}

/** The old claims stage's output ('claims' blob), waiting in the publish queue. */
interface ClaimsBlob extends TurnsBlob {
  entities: Entity[]
  claims: Claim[]
}

/**
 * Analyses a chain whose job an older turns or claims queue held. Runs on the calling thread:
 * such chains exist only for the first minutes after an upgrade.
 */
export const analyzeLegacyChain = async (deps: Deps, data: JobData['analyze']): Promise<StageResult> => {
  const { chainId } = data
  const [episode, paragraphs, turns] = await Promise.all([
    deps.blobs.get<EpisodeBlob>(chainId, 'episode'),
    deps.blobs.get<TranscriptBlob>(chainId, 'transcript'),
    deps.blobs.get<TurnsBlob>(chainId, 'turns'),
  ])
  const old = paragraphs ?? turns
  if (!episode || !old) {
    if (await deps.queues.publish.getJob(jobId(QUEUE.publish, chainId))) return { skipped: 'already handed on' }
    throw new PodpipeError('MALFORMED', 'the source data of this chain has expired; poll the feed again', { input: data.episodeId })
  }
  const input = analyzeInputOf({
    feedEpisode: episode.feedEpisode, speakers: episode.speakers, stageMs: old.stageMs,
    transcript: { source: old.transcript.source, url: old.transcript.url },
  }, deps.now())
  const read = { format: old.transcript.format, sha256: old.transcript.sha256, warnings: old.warnings }
  const result = paragraphs
    ? analyzeParagraphs({ ...read, paragraphs: paragraphs.paragraphs }, input)
    : analyzeTurns({ speakers: turns!.speakers, turns: turns!.turns, sections: turns!.sections, warnings: [] }, read, input)
  const out: AnalyzedBlob = { record: result.record, itemKey: episode.feedEpisode.key, ...(old.validators ? { validators: old.validators } : {}) }
  await deps.blobs.put(chainId, 'analyzed', out)
  await handOff(deps, QUEUE.publish, data, chainId)
  await deps.blobs.delete(chainId, 'transcript', 'turns', 'episode')
  return { recordId: result.record.id, turns: result.record.turns.length, claims: result.record.claims.length, legacy: true }
}

/** The record of a chain an older claims stage finished, for publish; undefined when there is none. */
export const legacyAnalyzed = async (deps: Deps, chainId: string): Promise<AnalyzedBlob | undefined> => {
  const [input, episode] = await Promise.all([
    deps.blobs.get<ClaimsBlob>(chainId, 'claims'),
    deps.blobs.get<EpisodeBlob>(chainId, 'episode'),
  ])
  if (!input || !episode) return undefined
  const record = buildRecord({
    episode: episode.feedEpisode.episode,
    transcript: input.transcript,
    speakers: input.speakers,
    turns: input.turns,
    sections: input.sections,
    entities: input.entities,
    claims: input.claims,
    stageMs: input.stageMs,
    warnings: input.warnings,
    processedAt: deps.now(),
  })
  return { record, itemKey: episode.feedEpisode.key, ...(input.validators ? { validators: input.validators } : {}) }
}

/** Job states a job of an old queue can be found in that no worker of this version would ever take. */
const MOVABLE = ['waiting', 'delayed', 'prioritized', 'failed', 'active'] as const

/**
 * Moves every job of the old turns and claims queues to `analyze` under its deterministic id,
 * then removes it there, and drops an old queue once it is empty. Failed jobs are moved too, to
 * be tried once more by this version (a permanent failure fails again, with its reason). An
 * active job is moved only when its lock has lapsed: a worker of the old version may still be
 * finishing it, and publish is idempotent if both get through. Safe to run from several
 * processes at once, and again after a crash: the add is a no-op for an id already there.
 */
export const migrateLegacyQueues = async (
  connection: ConnectionOptions & { exists(key: string): Promise<number> },
  prefix: string,
  analyze: Queue,
  log: Pick<Logger, 'info' | 'warn'>,
): Promise<number> => {
  let moved = 0
  for (const name of LEGACY_QUEUES) {
    const old = new Queue(name, { connection, prefix })
    try {
      for (const job of await old.getJobs([...MOVABLE])) {
        if (!job?.id) continue
        if ((await job.getState()) === 'active' && (await connection.exists(`${prefix}:${name}:${job.id}:lock`)) === 1) continue
        let data: JobData['analyze']
        try {
          data = parseJobData(QUEUE.analyze, job.data)
        } catch (err) {
          log.warn({ err, queue: name, jobId: job.id }, 'a job of an old queue has data this version cannot read; left where it is')
          continue
        }
        await analyze.add(QUEUE.analyze, data, { jobId: jobId(QUEUE.analyze, data.chainId) })
        await job.remove().catch((err: unknown) => log.warn({ err, queue: name, jobId: job.id }, 'could not remove a moved job of an old queue'))
        moved++
      }
      const left = await old.getJobCountByTypes(...MOVABLE, 'waiting-children')
      if (left === 0) await old.obliterate().catch(() => {})
    } finally {
      await old.close()
    }
  }
  if (moved > 0) log.info({ moved, from: LEGACY_QUEUES }, 'moved the jobs of the old turns and claims queues to analyze')
  return moved
}
