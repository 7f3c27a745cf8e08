import { PodpipeError, isPermanent } from '../errors/index.js'
import type { EpisodeRecord } from '../record/schema.js'
import type { PutResult, RecordStore } from './types.js'

/**
 * Publishes one record to every sink, all attempted even when one fails, and returns each
 * sink's result by store name. If any sink failed it then throws one STORE_FAILED error that
 * names the failed sinks and what the others did; it is permanent only when every failure is,
 * so the job is retried while a retry can help, and retrying is harmless because each sink is
 * an idempotent upsert (the sinks that succeeded report 'unchanged' the next time).
 *
 * @example
 * const results = await publishToAll(stores, record) // { file: 'created', postgres: 'created', stream: 'created' }
 */
export const publishToAll = async (stores: readonly RecordStore[], record: EpisodeRecord): Promise<Record<string, PutResult>> => {
  const names = stores.map((s) => s.name)
  const duplicate = names.find((n, i) => names.indexOf(n) !== i)
  if (duplicate !== undefined) {
    throw new PodpipeError('CONFIG', `publish: two sinks are named "${duplicate}"; results are keyed by name`, { input: record.id })
  }
  const settled = await Promise.allSettled(stores.map((s) => s.put(record)))
  const results: Record<string, PutResult> = {}
  const failures: { name: string; err: unknown }[] = []
  settled.forEach((outcome, i) => {
    const name = names[i] ?? `sink ${i}`
    if (outcome.status === 'fulfilled') results[name] = outcome.value
    else failures.push({ name, err: outcome.reason })
  })
  if (failures.length === 0) return results

  const reasons = failures.map(({ name, err }) => `${name}: ${err instanceof Error ? err.message : String(err)}`).join('; ')
  const done = Object.entries(results).map(([name, r]) => `${name} ${r}`).join(', ')
  const cause = failures.length === 1 ? failures[0]?.err : new AggregateError(failures.map((f) => f.err), reasons)
  throw new PodpipeError(
    'STORE_FAILED',
    `publish failed for ${failures.map((f) => f.name).join(', ')} (${reasons})${done ? `; ${done}` : ''}`,
    { input: record.id, permanent: failures.every((f) => isPermanent(f.err)), cause },
  )
}
