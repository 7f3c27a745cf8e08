/**
 * The ingest pipeline as data: the stage order, and the one stage definition per queue. The
 * map is typed by queue name, so a queue without a stage (or a stage for an unknown queue)
 * does not compile; pipelines/ingest.test.ts checks the same against the workers/ folder.
 */
import { QUEUE, QUEUE_ORDER, type QueueName, type Stage } from '../src/queue/index.js'
import { analyzeStage } from '../workers/analyze.js'
import { feedsStage } from '../workers/feeds.js'
import { pollsStage } from '../workers/polls.js'
import { publishStage } from '../workers/publish.js'
import { transcriptsStage } from '../workers/transcripts.js'
import { webhookStage } from '../workers/webhook.js'
import type { Deps } from '../src/stage/index.js'

/**
 * feed → transcript → analyze → publish; each hands its chain to the next by job id. A stage
 * is a queue where I/O can fail and must be retried on its own, plus analysis, the one CPU step
 * (reading, turns, extraction: one call, the function `podpipe analyze` runs), whose
 * intermediate results would cost more to move through Redis than to compute (design.md).
 * A linear hand-off, not a FlowProducer tree: no parent can sit in waiting-children after a
 * child fails (BullMQ #3362), each stage retries on its own, and a failed stage leaves its job
 * failed with the reason. The price is that no single job stands for an episode; ingestOnce
 * finds an episode's state from the deterministic ids `<stage>-<chainId>` instead.
 */
export const INGEST = [QUEUE.feeds, QUEUE.transcripts, QUEUE.analyze, QUEUE.publish] as const

export type IngestStage = (typeof INGEST)[number]

export const STAGES: { [Q in QueueName]: Stage<Q, Deps> } = {
  // Not a stage of an episode's chain: a batch of feed polls, which starts the feed jobs.
  [QUEUE.polls]: pollsStage,
  [QUEUE.feeds]: feedsStage,
  [QUEUE.transcripts]: transcriptsStage,
  [QUEUE.analyze]: analyzeStage,
  [QUEUE.publish]: publishStage,
  // Not a stage of the chain: the webhook store adds its jobs when publish succeeds.
  [QUEUE.webhook]: webhookStage,
}

/** The stage after `queue`, or undefined for the last (and for a queue outside the chain). */
export const nextStage = (queue: QueueName): QueueName | undefined => {
  const i = INGEST.indexOf(queue as IngestStage)
  return i >= 0 ? INGEST[i + 1] : undefined
}

// The order here and the queue list in src/queue/names.ts must agree; fail at start-up, not mid-run.
if (INGEST.length !== QUEUE_ORDER.length || INGEST.some((q, i) => QUEUE_ORDER[i] !== q)) {
  throw new Error(`INGEST (${INGEST.join(',')}) and QUEUE_ORDER (${QUEUE_ORDER.join(',')}) disagree`)
}
