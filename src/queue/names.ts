/**
 * The pipeline's queues, in stage order (design.md). Names are kebab-case and never
 * contain ':' (BullMQ rejects it in queue names and job ids).
 */
export const QUEUE = {
  feeds: 'feeds',
  transcripts: 'transcripts',
  turns: 'turns',
  claims: 'claims',
  publish: 'publish',
} as const

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE]

export const QUEUE_ORDER: readonly QueueName[] = [QUEUE.feeds, QUEUE.transcripts, QUEUE.turns, QUEUE.claims, QUEUE.publish]
