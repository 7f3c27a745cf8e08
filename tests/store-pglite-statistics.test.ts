/**
 * PGlite runs PostgreSQL without autovacuum: the server refreshes the planner's statistics itself
 * after loading records, by autovacuum's rule, or its plans rest on default guesses.
 */
import { describe, expect, it } from 'vitest'
import { createPgliteStore, refreshStatistics } from '../src/store/index.js'
import { seedRecords } from './helpers/seed-records.js'

describe('refreshStatistics on PGlite', () => {
  it('analyzes the tables that changed enough since their last ANALYZE, and then none until they change again', async () => {
    const store = await createPgliteStore({ dir: undefined })
    try {
      const stats = async () => (await store.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = $1 AND tablename = 'claims'`, [store.schema])).rows[0]!.n
      const records = seedRecords()
      for (const r of records.slice(0, 2)) await store.put(r)
      expect(await stats()).toBe(0)

      // Two episodes and their six speakers are under autovacuum's floor of 50 rows.
      expect(await refreshStatistics(store.sql, store.schema)).toEqual(['claims', 'entities', 'entity_mentions', 'turns'])
      expect(await stats()).toBeGreaterThan(0)
      expect(await refreshStatistics(store.sql, store.schema)).toEqual([])

      // A third record's claims are more than 50 plus 10% of the claims analyzed.
      await store.put(records[2]!)
      expect(await refreshStatistics(store.sql, store.schema)).toContain('claims')
    } finally {
      await store.close()
    }
  }, 120_000)
})
