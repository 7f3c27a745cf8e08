// Dev utility: the same ~1M words as 7,500 short turns or as 144 long ones — per-turn overhead.
import { extract } from '../extract.js'
import { buildSeedEpisode } from './seed-turns.js'

const ep = buildSeedEpisode()
const words = ep.turns.reduce((n, t) => n + t.wordCount, 0)
const times = Math.ceil(1_000_000 / words)
const many = Array.from({ length: times }, (_, k) => ep.turns.map((t) => ({ ...t, index: k * ep.turns.length + t.index }))).flat()
const text = ep.turns.map((t) => t.text).join('\n\n')
const few = Array.from({ length: times }, (_, k) => ({ index: k, speakerId: 'mcguire', text, paragraphs: [text], wordCount: words }))
const best = (turns: typeof many): number => {
  let b = Infinity
  for (let i = 0; i < 4; i++) { const t0 = performance.now(); extract({ turns, speakers: ep.speakers, episodeDate: ep.episodeDate }); b = Math.min(b, performance.now() - t0) }
  return Math.round(b)
}
console.log(`${many.length} turns: ${best(many)} ms; ${few.length} turns: ${best(few)} ms`)
