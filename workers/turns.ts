// Shell only: turn segmentation is src/turns. CPU-bound, so it runs sandboxed (pipelines/sandbox-processor.ts).
import { performance } from 'node:perf_hooks'
import { QUEUE, defineStage } from '../src/queue/index.js'
import { splitTurns, type SpeakerHint } from '../src/turns/index.js'
import { handOff, type Deps, readInput, type EpisodeBlob, type TranscriptBlob, type TurnsBlob } from '../src/stage/index.js'
import { asTextPost } from '../src/analyze/index.js'

/** Feed people first (they carry roles), then feeds.json names the feed did not list. */
const speakerHints = (blob: EpisodeBlob): SpeakerHint[] => {
  const hints: SpeakerHint[] = blob.feedEpisode.people.map((p) => ({
    name: p.name,
    ...(p.role === 'host' || p.role === 'guest' ? { role: p.role } : {}),
  }))
  const known = new Set(hints.map((h) => h.name.toLowerCase()))
  for (const name of blob.speakers) if (!known.has(name.toLowerCase())) hints.push({ name })
  return hints
}

export const turnsStage = defineStage(QUEUE.turns, (deps: Deps) => async (data) => {
  const input = await readInput<TranscriptBlob>(deps, data, 'transcript', QUEUE.claims)
  if (input === 'done') return { skipped: 'already handed on' }
  const episode = await deps.blobs.get<EpisodeBlob>(data.chainId, 'episode')
  const started = performance.now()
  const hasAudio = Boolean(episode?.feedEpisode.episode.audioUrl) || input.transcript.source === 'podcast:transcript'
  const split = asTextPost(splitTurns(input.paragraphs, { speakers: episode ? speakerHints(episode) : [] }), { hasAudio })
  const out: TurnsBlob = {
    speakers: split.speakers,
    turns: split.turns,
    sections: split.sections,
    transcript: { ...input.transcript, wordCount: split.speakers.reduce((n, s) => n + s.wordCount, 0) },
    ...(input.validators ? { validators: input.validators } : {}),
    warnings: [...input.warnings, ...split.warnings],
    stageMs: { ...input.stageMs, turns: Math.round((performance.now() - started) * 100) / 100 },
  }
  await deps.blobs.put(data.chainId, 'turns', out)
  await handOff(deps, QUEUE.claims, data, data.chainId)
  await deps.blobs.delete(data.chainId, 'transcript')
  return { turns: out.turns.length, speakers: out.speakers.length, sections: out.sections.length }
}, { sandboxed: true })
