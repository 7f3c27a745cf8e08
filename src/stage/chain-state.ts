/**
 * Where one episode chain stands, read from its jobs: the chain's job ids are deterministic
 * (`<stage>-<chainId>`), so no job stands for the episode and the stages are asked in turn,
 * last first. Read by `ingestOnce` (what to report) and by the feed stage (whether an episode
 * the stores lack is still on its way or failed, or must be started again).
 */
import type { Queue } from 'bullmq'
import { QUEUE, QUEUE_ORDER, episodeIdOfChain, jobId, type QueueName } from '../queue/index.js'

export interface EpisodeFailure {
  episodeId: string
  /** Absent when no chain failed: the poll could not check the stores for the episode. */
  chainId?: string
  stage: QueueName
  reason: string
  attemptsMade: number
  /** When the failing attempt ended (ms since the epoch, the worker's clock). */
  failedAt?: number
  /** It had failed before this ingest began; nothing was tried again. */
  earlier?: boolean
}

export type ChainState =
  /** No job of the chain is known: not queued yet, or removed by retention. */
  | { state: 'absent' }
  | {
      state: 'pending'
      stage: QueueName
      /** BullMQ's state of the stage's job: waiting, active, delayed… */
      jobState: string
      /** Why the last attempt failed, when the job is being retried. */
      lastError?: string
      attemptsMade?: number
    }
  | { state: 'published' }
  /** A transcript recheck that found the file unchanged and ended its chain (workers/transcripts.ts). */
  | { state: 'unchanged' }
  | { state: 'failed'; failure: EpisodeFailure }

/**
 * Stages after the feed poll, last first: the furthest job a chain reached decides. QUEUE_ORDER
 * rather than INGEST, which the feed stage (a reader of this module) is part of; ingest.ts
 * checks that the two agree.
 */
const LAST_FIRST = [...QUEUE_ORDER].reverse().filter((stage) => stage !== QUEUE.feeds)

/**
 * The state of one chain. `details` also reads a pending job's last error, which only a report
 * needs (a retrying job is the clue to what is wrong).
 */
export const readChainState = async (queues: Record<QueueName, Queue>, chainId: string, { details = false } = {}): Promise<ChainState> => {
  for (const stage of LAST_FIRST) {
    const id = jobId(stage, chainId)
    const state = await queues[stage].getJobState(id)
    if (state === 'unknown') continue
    if (stage === QUEUE.publish && state === 'completed') return { state: 'published' }
    const settled = state === 'failed' || (state === 'completed' && stage === QUEUE.transcripts)
    const job = settled || details ? await queues[stage].getJob(id) : undefined
    if (job && state === 'failed') {
      const failure: EpisodeFailure = { episodeId: episodeIdOfChain(chainId), chainId, stage, reason: job.failedReason, attemptsMade: job.attemptsMade }
      return { state: 'failed', failure: job.finishedOn ? { ...failure, failedAt: job.finishedOn } : failure }
    }
    if (state === 'completed' && (job?.returnvalue as { unchanged?: boolean } | undefined)?.unchanged === true) return { state: 'unchanged' }
    // A completed stage whose successor is not queued yet is between two stages: still pending.
    return {
      state: 'pending',
      stage,
      jobState: state,
      ...(job?.failedReason ? { lastError: job.failedReason, attemptsMade: job.attemptsMade } : {}),
    }
  }
  return { state: 'absent' }
}

/** Whether a chain may still move: a final state (published, unchanged, failed) never changes. */
export const isUnfinished = (state: ChainState | undefined): boolean =>
  state === undefined || state.state === 'pending' || state.state === 'absent'

/**
 * Which of the unfinished chains (in the order they were queued) one look reads, at most `limit`
 * of them: the oldest half of the limit, since chains mostly finish in the order they were
 * queued, and the rest in turn from `cursor` among the others, so a chain behind a stuck one is
 * still read every (unfinished / limit × 2) looks. Returns the cursor for the next look.
 * A look at every unfinished chain costs Redis a few scripts each (thousands a look on a feed of
 * 1,000 new episodes); this bounds it by the limit whatever the feed's size.
 */
export const chainsToRead = (unfinished: readonly string[], limit: number, cursor: number): { read: string[]; cursor: number } => {
  if (unfinished.length <= limit) return { read: [...unfinished], cursor: 0 }
  const oldest = Math.ceil(limit / 2)
  const rest = unfinished.slice(oldest)
  const start = cursor % rest.length
  const turn = [...rest.slice(start), ...rest.slice(0, start)].slice(0, limit - oldest)
  return { read: [...unfinished.slice(0, oldest), ...turn], cursor: start + turn.length }
}
