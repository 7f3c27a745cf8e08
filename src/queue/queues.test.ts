import { describe, expect, it } from 'vitest'
import { defaultJobOptions } from './job-options.js'
import { ALL_QUEUES } from './names.js'
import { closeQueues, createQueues } from './queues.js'
import { DEFAULT_TUNING } from './tuning.js'

describe('createQueues', () => {
  // Nothing listens on port 1: constructing queues must not need Redis, only using them does.
  const queues = createQueues({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0 }, 'unit-test')

  it('creates one queue per stage and one for webhook deliveries under the BullMQ prefix', async () => {
    expect(Object.keys(queues).sort()).toEqual([...ALL_QUEUES].sort())
    for (const name of ALL_QUEUES) {
      expect(queues[name].name).toBe(name)
      expect(queues[name].opts.prefix).toBe('unit-test')
    }
  })

  it('bounds every event stream and applies the default job options', async () => {
    for (const name of ALL_QUEUES) {
      expect(queues[name].opts.streams?.events.maxLen).toBeLessThanOrEqual(1_000)
      expect(queues[name].defaultJobOptions).toMatchObject(defaultJobOptions(name, DEFAULT_TUNING))
    }
    await closeQueues(queues)
  })
})
