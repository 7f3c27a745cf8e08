import { Queue, type ConnectionOptions } from 'bullmq'
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { defaultJobOptions } from './job-options.js'
import { ALL_QUEUES, type QueueName } from './names.js'
import { DEFAULT_TUNING, type QueueTuning } from './tuning.js'

/** One producer-side Queue under `prefix` with its default job options and a trimmed event stream. */
export const createQueue = (
  name: QueueName,
  connection: ConnectionOptions,
  prefix: string,
  tuning: Pick<QueueTuning, 'backoffMs' | 'attempts' | 'eventsMaxLen'> = DEFAULT_TUNING,
  log?: Pick<Logger, 'warn'>,
): Queue => {
  const queue = new Queue(name, {
    connection,
    prefix,
    defaultJobOptions: defaultJobOptions(name, tuning),
    // Trimmed event streams: a long-running deployment must not grow Redis by its history.
    streams: { events: { maxLen: tuning.eventsMaxLen } },
  })
  // Without a listener a Redis blip is printed raw to stderr; the connection recovers itself.
  queue.on('error', (err) => log?.warn({ err, queue: name }, 'queue connection error'))
  return queue
}

/**
 * One producer-side Queue per queue (every stage, and the webhook deliveries), all under
 * `prefix` (never an ioredis keyPrefix). The dashboard, the scheduler and the workers'
 * hand-offs use these; creating them starts no worker.
 */
export const createQueues = (
  connection: ConnectionOptions,
  prefix: string,
  tuning: Pick<QueueTuning, 'backoffMs' | 'attempts' | 'eventsMaxLen'> = DEFAULT_TUNING,
  log?: Pick<Logger, 'warn'>,
): Record<QueueName, Queue> =>
  Object.fromEntries(ALL_QUEUES.map((name) => [name, createQueue(name, connection, prefix, tuning, log)])) as Record<QueueName, Queue>

export const closeQueues = async (queues: Partial<Record<QueueName, Queue>>): Promise<void> => {
  await Promise.allSettled(Object.values(queues).map((q) => q?.close()))
}

/**
 * Deletes a deployment's every key: each queue obliterated (jobs, events, meta), then whatever
 * else lives under `prefix:` (blobs, feed state, poll records). For throwaway prefixes (tests,
 * benchmarks); it never touches keys of another prefix.
 */
export const removePrefix = async (redisUrl: string, prefix: string): Promise<void> => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
  try {
    const queues = createQueues(redis, prefix)
    for (const name of ALL_QUEUES) await queues[name].obliterate({ force: true }).catch(() => {})
    await closeQueues(queues)
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
