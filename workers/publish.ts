// Shell only: the record is built by src/record and written by src/store (idempotent upserts).
import { PodpipeError } from '../src/errors/index.js'
import { QUEUE, defineStage, type StageResult } from '../src/queue/index.js'
import { buildRecord } from '../src/record/index.js'
import { publishToAll } from '../src/store/index.js'
import type { Deps, ClaimsBlob, EpisodeBlob } from '../src/stage/index.js'

export const publishStage = defineStage(QUEUE.publish, (deps: Deps) => async (data) => {
  const [input, episode] = await Promise.all([
    deps.blobs.get<ClaimsBlob>(data.chainId, 'claims'),
    deps.blobs.get<EpisodeBlob>(data.chainId, 'episode'),
  ])
  if (!input || !episode) {
    // Publish is the last stage, so no next job can prove it ran: its own summary does. Without
    // it the data is missing for real.
    const done = await deps.blobs.get<StageResult>(data.chainId, 'published')
    if (done) return done
    throw new PodpipeError('MALFORMED', 'the stage data of this chain has expired; poll the feed again', { input: data.episodeId })
  }
  const record = buildRecord({
    episode: episode.feedEpisode.episode,
    transcript: input.transcript,
    speakers: input.speakers,
    turns: input.turns,
    sections: input.sections,
    entities: input.entities,
    claims: input.claims,
    stageMs: input.stageMs,
    warnings: input.warnings,
    processedAt: deps.now(),
  })
  const results = await publishToAll(await deps.stores(), record)
  const { url, sha256, source } = input.transcript
  if (source === 'podcast:transcript' && url && sha256) {
    // What a later recheck compares against; saved after the stores took the record (see Carried).
    await deps.feedState.saveTranscript(data.feedId, episode.feedEpisode.key, { url, sha256, ...input.validators })
  }
  const summary: StageResult = { recordId: record.id, turns: record.turns.length, ...results }
  // Written before the input is dropped: a worker killed between the two, or before the job is
  // marked completed, leaves a re-run that finds the summary instead of failing for missing data.
  await deps.blobs.put(data.chainId, 'published', summary)
  await deps.blobs.delete(data.chainId, 'claims', 'episode')
  return summary
})
