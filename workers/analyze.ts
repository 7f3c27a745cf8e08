// Shell only: the analysis is src/analyze (the function `podpipe analyze` runs), in a thread of
// the process's analysis pool (src/stage/thread-pool.ts) so this event loop stays free.
import { QUEUE, defineStage } from '../src/queue/index.js'
import { analyzeLegacyChain, handOff, toError, type Deps } from '../src/stage/index.js'

export const analyzeStage = defineStage(QUEUE.analyze, (deps: Deps) => async (data) => {
  const raw = await deps.blobs.getRaw(data.chainId, 'source')
  // No source: a chain an older version left between its turns and claims stages, or this job
  // already handed on before a crash kept it from completing.
  if (raw === undefined) return analyzeLegacyChain(deps, data)
  const outcome = await deps.analyze({ raw, now: deps.now().getTime(), compressMinBytes: deps.config.blobCompressMinBytes })
  if (!outcome.ok) {
    // Remembered as the version last processed, so rechecks skip this broken file until the
    // publisher replaces it, and then process the fixed one.
    if (outcome.memo) await deps.feedState.saveTranscript(data.feedId, outcome.memo.key, outcome.memo)
    throw toError(outcome.error)
  }
  await deps.blobs.putRaw(data.chainId, 'analyzed', Buffer.from(outcome.raw.buffer, outcome.raw.byteOffset, outcome.raw.byteLength))
  await handOff(deps, QUEUE.publish, data, data.chainId)
  await deps.blobs.delete(data.chainId, 'source')
  return { ...outcome.summary }
})
