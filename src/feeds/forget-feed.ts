import type { Config } from '../config/index.js'
import { connectRedis } from '../queue/connection.js'
import { createFeedState } from '../queue/feed-state.js'
import { createSqlItemMemory } from './item-memory.js'
import type { RegistryDb } from './registry.js'

/**
 * Forgets what Redis remembers of a feed removed from the registry: its validators, recheck
 * list, and the versions and transcript memos of its items, so a feed added again later is read
 * afresh rather than skipping the episodes processed before. The database's share went with the
 * registry row (removeFeed), so it is gone even when Redis does not answer. The PostgreSQL
 * memory's `forget` is used whatever the deployment: it clears the Redis-only memory's keys as
 * well as its own in-flight marks, and its delete of the feed's rows finds none left.
 */
export const forgetFeed = async (config: Pick<Config, 'redisUrl' | 'queuePrefix'>, db: RegistryDb, feedId: string): Promise<void> => {
  const redis = await connectRedis(config.redisUrl, 'producer')
  try {
    const items = createSqlItemMemory({ db: async () => db, redis, prefix: config.queuePrefix, settleAfterMs: 0 })
    await createFeedState(redis, config.queuePrefix, items).forget(feedId)
  } finally {
    redis.disconnect()
  }
}
