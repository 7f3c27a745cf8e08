/**
 * The queues, kebab-case, never containing ':' (BullMQ rejects it in queue names and job ids):
 * the pipeline's stages in stage order (design.md), then the deliveries that follow a publish.
 */
export const QUEUE = {
  feeds: 'feeds',
  transcripts: 'transcripts',
  turns: 'turns',
  claims: 'claims',
  publish: 'publish',
  /** POSTs a signed notice of each created or updated record to PODPIPE_WEBHOOK_URL. */
  webhook: 'webhook',
} as const

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE]

/** The ingest pipeline's queues, in stage order: an episode's chain passes through each. */
export const QUEUE_ORDER: readonly QueueName[] = [QUEUE.feeds, QUEUE.transcripts, QUEUE.turns, QUEUE.claims, QUEUE.publish]

/** Every queue: the pipeline's, then the delivery queue that publishing feeds and no chain waits for. */
export const ALL_QUEUES: readonly QueueName[] = [...QUEUE_ORDER, QUEUE.webhook]
