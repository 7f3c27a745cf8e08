import { PodpipeError, isPermanent } from '../errors/index.js'
import type { EpisodeRecord } from '../record/schema.js'
import { decodeRecord, type EncodedRecord } from './record-encodings.js'
import type { PutResult, RecordStore } from './types.js'

/**
 * Publishes one record to every sink, all attempted even when one fails, and returns each
 * sink's result by store name. If any sink failed it then throws one STORE_FAILED error that
 * names the failed sinks and what the others did; it is permanent only when every failure is,
 * so the job is retried while a retry can help, and retrying is harmless because each sink is
 * an idempotent upsert (the sinks that succeeded report 'unchanged' the next time).
 *
 * Stores that only announce records (`announces`, the webhook store) are written after the
 * others have all taken the record, and skipped while one of them fails: the retry announces it.
 *
 * @example
 * const results = await publishToAll(stores, record) // { file: 'created', postgres: 'created', stream: 'created' }
 */
export const publishToAll = (stores: readonly RecordStore[], record: EpisodeRecord): Promise<Record<string, PutResult>> =>
  publishWith(stores, record.id, (s) => s.put(record))

/**
 * publishToAll for a record as analysis encoded it: a store with `putEncoded` writes the
 * encoding as it is; the record is decoded, once, only for the others.
 */
export const publishEncoded = (stores: readonly RecordStore[], encoded: EncodedRecord): Promise<Record<string, PutResult>> => {
  let record: EpisodeRecord | undefined
  return publishWith(stores, encoded.id, (s) => (s.putEncoded ? s.putEncoded(encoded) : s.put((record ??= decodeRecord(encoded)))))
}

const publishWith = async (stores: readonly RecordStore[], id: string, put: (store: RecordStore) => Promise<PutResult>): Promise<Record<string, PutResult>> => {
  const names = stores.map((s) => s.name)
  const duplicate = names.find((n, i) => names.indexOf(n) !== i)
  if (duplicate !== undefined) {
    throw new PodpipeError('CONFIG', `publish: two sinks are named "${duplicate}"; results are keyed by name`, { input: id })
  }
  const results: Record<string, PutResult> = {}
  const failures: { name: string; err: unknown }[] = []
  const putAll = async (group: readonly RecordStore[]) => {
    // A store that throws before its promise exists fails like one that rejects.
    const settled = await Promise.allSettled(group.map(async (s) => put(s)))
    settled.forEach((outcome, i) => {
      const name = group[i]?.name ?? `sink ${i}`
      if (outcome.status === 'fulfilled') results[name] = outcome.value
      else failures.push({ name, err: outcome.reason })
    })
  }
  await putAll(stores.filter((s) => !s.announces))
  const announcers = stores.filter((s) => s.announces)
  if (failures.length === 0) await putAll(announcers)
  if (failures.length === 0) return results

  const reasons = failures.map(({ name, err }) => `${name}: ${err instanceof Error ? err.message : String(err)}`).join('; ')
  const waiting = announcers.filter((s) => !(s.name in results) && !failures.some((f) => f.name === s.name)).map((s) => `${s.name} waits for the retry`)
  const done = [...Object.entries(results).map(([name, r]) => `${name} ${r}`), ...waiting].join(', ')
  const cause = failures.length === 1 ? failures[0]?.err : new AggregateError(failures.map((f) => f.err), reasons)
  throw new PodpipeError(
    'STORE_FAILED',
    `publish failed for ${failures.map((f) => f.name).join(', ')} (${reasons})${done ? `; ${done}` : ''}`,
    { input: id, permanent: failures.every((f) => isPermanent(f.err)), cause },
  )
}
