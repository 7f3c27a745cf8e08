/**
 * The pipeline's queues, in stage order (design.md): a queue where I/O can fail and must be
 * retried on its own, plus the one CPU stage. Names are kebab-case and never contain ':'
 * (BullMQ rejects it in queue names and job ids).
 */
export const QUEUE = {
  feeds: 'feeds',
  transcripts: 'transcripts',
  analyze: 'analyze',
  publish: 'publish',
} as const

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE]

export const QUEUE_ORDER: readonly QueueName[] = [QUEUE.feeds, QUEUE.transcripts, QUEUE.analyze, QUEUE.publish]

/**
 * Queues of older versions, which split analysis into turns and claims. A deployment upgraded
 * from them moves their jobs to `analyze` when its workers start (src/stage/legacy.ts).
 */
export const LEGACY_QUEUES = ['turns', 'claims'] as const

export type LegacyQueueName = (typeof LEGACY_QUEUES)[number]
