import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EpisodeRecord } from '../src/record/index.js'
import { createStreamStore, parseStreamEntry } from '../src/store/index.js'
import { startRedisServer, type TestRedis } from './helpers/redis-server.js'
import { sampleRecord } from './helpers/sample-record.js'

// A private server: INFO memory on the shared one moves with everyone else's tests.
let server: TestRedis
let redis: Redis
beforeAll(async () => {
  server = await startRedisServer(['--appendonly', 'no'])
  redis = new Redis(server.url, { maxRetriesPerRequest: 3 })
})
afterAll(async () => {
  await redis?.quit()
  await server?.destroy()
})

const usedMemory = async (): Promise<number> => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1])

const MiB = 1024 * 1024
const INLINE_MAX = 64 * 1024
const PARAGRAPH = 'China refines about 90% of the world\'s rare earths, so MOFCOM has real leverage over the supply chain. '

/** A record of about 1 MiB of JSON: a long transcript's article section. */
const largeRecord = (guid: string, title: string): EpisodeRecord => {
  const record = sampleRecord({ guid, title })
  return { ...record, sections: [...record.sections, { kind: 'article', language: 'en', text: PARAGRAPH.repeat(MiB / PARAGRAPH.length) }] }
}

describe('stream store memory', () => {
  it('stays flat over repeated runs that publish the same and changed large records', async () => {
    const maxLen = 50
    const store = createStreamStore({ redis, stream: 'podpipe:records', maxLen, inlineMaxBytes: INLINE_MAX })
    let announced = 0
    const runOnce = async (run: number) => {
      const records = [
        ...Array.from({ length: 5 }, (_, k) => largeRecord(`large-same-${k}`, 'Unchanged every run')),
        ...Array.from({ length: 5 }, (_, k) => largeRecord(`large-changed-${k}`, `Run ${run}`)),
        // Small ones are inlined and fill the stream, so trimming has to drop inlined entries too.
        ...Array.from({ length: 20 }, (_, k) => sampleRecord({ guid: `small-${k}`, title: `Run ${run}` })),
      ]
      for (const r of records) {
        if ((await store.put(r)) !== 'unchanged') announced += Buffer.byteLength(JSON.stringify(r))
      }
    }
    // Warm-up: the stream fills to maxLen and the per-id index gets all 30 ids.
    for (let run = 0; run < 5; run++) await runOnce(run)
    const before = await usedMemory()
    const announcedBefore = announced
    for (let run = 5; run < 25; run++) await runOnce(run)
    const after = await usedMemory()

    // 20 runs announced over 100 MiB of records; Redis memory moved by less than 256 KiB.
    expect(announced - announcedBefore).toBeGreaterThan(100 * MiB)
    expect(Math.abs(after - before)).toBeLessThan(256 * 1024)
    // And absolutely bounded by maxLen × inlineMaxBytes over an empty server's ~1 MiB, where
    // inlining the large records would hold several of them at once.
    expect(after).toBeLessThan(maxLen * INLINE_MAX + 2 * MiB)
    const len = await redis.xlen('podpipe:records')
    // MAXLEN ~ trims whole stream nodes (at most 100 entries each by default), so a little over maxLen.
    expect(len).toBeGreaterThanOrEqual(maxLen)
    expect(len).toBeLessThanOrEqual(maxLen + 100)
    const entries = (await redis.xrange('podpipe:records', '-', '+')).map(([, f]) => parseStreamEntry(f))
    expect(entries.filter((e) => e.id.length > 0 && e.bytes !== undefined)).toHaveLength(len)
    expect(entries.filter((e) => e.record !== undefined).every((e) => (e.bytes ?? Infinity) <= INLINE_MAX)).toBe(true)
    expect(entries.some((e) => e.record === undefined && (e.bytes ?? 0) > MiB)).toBe(true)
    console.log(`stream memory: used_memory ${before} → ${after} bytes over 20 runs announcing ${announced - announcedBefore} bytes; XLEN ${len}`)
  }, 120_000)
})
