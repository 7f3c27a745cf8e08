// Shell only: entities and claims are src/nlp. CPU-bound, so it runs sandboxed (pipelines/sandbox-processor.ts).
import { performance } from 'node:perf_hooks'
import { QUEUE, defineStage } from '../src/queue/index.js'
import { extract } from '../src/nlp/index.js'
import { handOff, type Deps, readInput, type ClaimsBlob, type EpisodeBlob, type TurnsBlob } from '../src/stage/index.js'

export const claimsStage = defineStage(QUEUE.claims, (deps: Deps) => async (data) => {
  const input = await readInput<TurnsBlob>(deps, data, 'turns', QUEUE.publish)
  if (input === 'done') return { skipped: 'already handed on' }
  const episode = await deps.blobs.get<EpisodeBlob>(data.chainId, 'episode')
  const started = performance.now()
  const { entities, claims, warnings } = extract({ turns: input.turns, speakers: input.speakers, episodeDate: episode?.feedEpisode.episode.publishedAt ?? null })
  const out: ClaimsBlob = { ...input, entities, claims, warnings: [...input.warnings, ...warnings], stageMs: { ...input.stageMs, claims: Math.round((performance.now() - started) * 100) / 100 } }
  await deps.blobs.put(data.chainId, 'claims', out)
  await handOff(deps, QUEUE.publish, data, data.chainId)
  await deps.blobs.delete(data.chainId, 'turns')
  return { claims: claims.length, entities: entities.length }
}, { sandboxed: true })
