import { describe, expect, it } from 'vitest'
import { connectionOptions, createRedis } from './connection.js'

describe('connectionOptions', () => {
  it('lets worker connections wait through an outage (BullMQ requires maxRetriesPerRequest: null)', () => {
    expect(connectionOptions('worker').maxRetriesPerRequest).toBeNull()
    expect(connectionOptions('worker').enableOfflineQueue).not.toBe(false)
  })

  it('makes producer connections fail fast with bounded retries', () => {
    const opts = connectionOptions('producer')
    expect(opts.enableOfflineQueue).toBe(false)
    expect(opts.maxRetriesPerRequest).toBeTypeOf('number')
    expect(opts.maxRetriesPerRequest).toBeGreaterThan(0)
    expect(opts.maxRetriesPerRequest).toBeLessThanOrEqual(3)
  })

  it.each(['worker', 'producer'] as const)('never sets an ioredis keyPrefix (%s)', (role) => {
    expect(connectionOptions(role)).not.toHaveProperty('keyPrefix')
    const redis = createRedis('redis://127.0.0.1:1', role)
    try {
      expect(redis.options.keyPrefix ?? '').toBe('')
    } finally {
      redis.disconnect()
    }
  })
})
