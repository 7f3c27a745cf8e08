import cron, { type ScheduledTask } from 'node-cron'
import { CronExpressionParser } from 'cron-parser'
import type { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { createLogger, type Config } from '../src/config/index.js'
import { readFeedsFile, type FeedEntry } from '../src/feeds/index.js'
import { QUEUE, connectCheckedRedis, createQueues, closeQueues, feedIdOf, parseJobData, pollJobId, withTuning, type QueueTuning } from '../src/queue/index.js'

export { FeedEntry, FeedsFile, readFeedsFile, resolveFeedUrl } from '../src/feeds/index.js'

/**
 * The slot a tick stands for. node-cron passes the scheduled time, not the firing time; it is
 * floored to the second so two instances whose timers disagree by milliseconds agree on the id.
 */
export const slotOf = (date: Date): number => Math.floor(date.getTime() / 1000) * 1000

/**
 * Adds the poll job of one feed for one slot. The job id is the feed and the slot, so every
 * scheduler instance that fires for the slot adds the same job and BullMQ keeps one.
 */
/** The slot of the most recent tick of `expression` at or before `now`. */
export const previousSlot = (expression: string, now: Date): number =>
  slotOf(CronExpressionParser.parse(expression, { currentDate: new Date(now.getTime() + 1) }).prev().toDate())

export const enqueuePoll = async (feeds: Queue, feed: FeedEntry, slotEpochMs: number): Promise<string> => {
  const feedId = feedIdOf(feed.url)
  const data = parseJobData(QUEUE.feeds, {
    feedId, feedUrl: feed.url,
    ...(feed.speakers ? { speakers: feed.speakers } : {}),
    ...(feed.options?.force ? { force: true } : {}),
  })
  const id = pollJobId(feedId, slotEpochMs)
  await feeds.add(QUEUE.feeds, data, { jobId: id })
  return id
}

export interface SchedulerOptions {
  tuning?: Partial<QueueTuning>
  log?: Logger
  /** Feeds to schedule instead of reading config.feedsFile. */
  feeds?: FeedEntry[]
  /**
   * Poll every feed once at start-up, for the slot of its most recent scheduled tick, so a new
   * deployment works at once instead of at the next tick. Schedulers started in the same period
   * share that slot's job id, and a slot already polled at its tick is not polled again. @defaultValue true
   */
  pollOnStart?: boolean
  /** Called after each tick's enqueue, e.g. for metrics or tests. */
  onTick?: (feed: FeedEntry, slotEpochMs: number, jobId: string) => void
}

export interface RunningScheduler {
  feeds: FeedEntry[]
  close(): Promise<void>
}

/**
 * One node-cron task per feed; a tick only enqueues (queue.md §3). Several schedulers may run
 * at once: the slot-derived job id is the coordination, with no lease to lose or renew. A tick
 * missed while Redis is down is skipped, not replayed: the next tick polls the feed anyway.
 */
export const startScheduler = async (config: Config, options: SchedulerOptions = {}): Promise<RunningScheduler> => {
  const log = options.log ?? createLogger({ level: config.logLevel, bindings: { service: 'scheduler' } })
  const feeds = options.feeds ?? (await readFeedsFile(config.feedsFile))
  const redis: Redis = await connectCheckedRedis(config.redisUrl, 'producer', { log })
  const queues = createQueues(redis, config.queuePrefix, withTuning(options.tuning), log)
  if (options.pollOnStart ?? true) {
    const now = new Date()
    for (const feed of feeds) {
      const slot = previousSlot(feed.cron, now)
      const id = await enqueuePoll(queues.feeds, feed, slot)
      options.onTick?.(feed, slot, id)
    }
  }
  const tasks: ScheduledTask[] = feeds.map((feed) =>
    cron.schedule(feed.cron, async (ctx) => {
      const slot = slotOf(ctx.date)
      try {
        const id = await enqueuePoll(queues.feeds, feed, slot)
        options.onTick?.(feed, slot, id)
      } catch (err) {
        log.warn({ err, feedUrl: feed.url, slot }, 'poll not enqueued; the next tick will try again')
      }
    }, { name: `poll-${feedIdOf(feed.url)}-${Math.random().toString(36).slice(2)}` }),
  )
  log.info({ feeds: feeds.length }, 'scheduler started')
  return {
    feeds,
    async close() {
      await Promise.all(tasks.map((t) => t.destroy()))
      await closeQueues(queues)
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
