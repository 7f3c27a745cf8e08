// Shell only: the record was built by analysis; src/store writes it (idempotent upserts).
import { PodpipeError } from '../src/errors/index.js'
import { QUEUE, defineStage, type StageResult } from '../src/queue/index.js'
import { sealTransferred } from '../src/record/index.js'
import { publishEncoded, publishToAll } from '../src/store/index.js'
import { legacyAnalyzed, recordHead, type AnalyzedBlob, type Deps } from '../src/stage/index.js'

/** Publishes the record as analysis encoded it; an older version's blob carries the record's objects. */
const publish = async (deps: Deps, input: AnalyzedBlob) => {
  const stores = await deps.stores()
  if ('encoded' in input) return { recordId: input.encoded.id, head: input.head, results: await publishEncoded(stores, input.encoded) }
  // Made by buildRecord, which checked it, before it crossed Redis.
  const record = sealTransferred(input.record)
  return { recordId: record.id, head: recordHead(record), results: await publishToAll(stores, record) }
}

export const publishStage = defineStage(QUEUE.publish, (deps: Deps) => async (data) => {
  const input = (await deps.blobs.get<AnalyzedBlob>(data.chainId, 'analyzed')) ?? await legacyAnalyzed(deps, data.chainId)
  if (!input) {
    // Publish is the last stage, so no next job can prove it ran: its own summary does. Without
    // it the data is missing for real.
    const done = await deps.blobs.get<StageResult>(data.chainId, 'published')
    if (done) return done
    throw new PodpipeError('MALFORMED', 'the stage data of this chain has expired; poll the feed again', { input: data.episodeId })
  }
  const { recordId, head, results } = await publish(deps, input)
  const { url, sha256, source } = head.transcript
  if (source === 'podcast:transcript' && url && sha256) {
    // What a later recheck compares against; saved after the stores took the record (see SourceBlob).
    await deps.feedState.saveTranscript(data.feedId, input.itemKey, { url, sha256, ...input.validators })
  }
  if (data.item) await deps.feedState.markDone(data.feedId, data.item.key, data.item.hash)
  const summary: StageResult = { recordId, turns: head.turns, ...results }
  // Written before the input is dropped: a worker killed between the two, or before the job is
  // marked completed, leaves a re-run that finds the summary instead of failing for missing data.
  await deps.blobs.put(data.chainId, 'published', summary)
  await deps.blobs.delete(data.chainId, 'analyzed', 'claims', 'episode')
  return summary
})
