/**
 * The queues, kebab-case, never containing ':' (BullMQ rejects it in queue names and job ids):
 * the pipeline's stages in stage order (design.md): a queue where I/O can fail and must be retried
 * on its own, plus the one CPU stage; then the deliveries that follow a publish.
 */
export const QUEUE = {
  /**
   * Batches of due feeds from the registry: one job polls many feeds with conditional GETs and
   * hands the changed ones to `feeds`.
   */
  polls: 'polls',
  feeds: 'feeds',
  transcripts: 'transcripts',
  analyze: 'analyze',
  publish: 'publish',
  /** POSTs a signed notice of each created or updated record to PODPIPE_WEBHOOK_URL. */
  webhook: 'webhook',
} as const

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE]

/** The ingest pipeline's queues, in stage order: an episode's chain passes through each. */
export const QUEUE_ORDER: readonly QueueName[] = [QUEUE.feeds, QUEUE.transcripts, QUEUE.analyze, QUEUE.publish]

/**
 * Every queue: the poll batches that start the pipeline's chains, the pipeline's, then the
 * delivery queue that publishing feeds and no chain waits for.
 */
export const ALL_QUEUES: readonly QueueName[] = [QUEUE.polls, ...QUEUE_ORDER, QUEUE.webhook]

/**
 * Queues of older versions, which split analysis into turns and claims. A deployment upgraded
 * from them moves their jobs to `analyze` when its workers start (src/stage/legacy.ts).
 */
export const LEGACY_QUEUES = ['turns', 'claims'] as const

export type LegacyQueueName = (typeof LEGACY_QUEUES)[number]
