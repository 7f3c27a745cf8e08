// Dev utility: warm timings of extract() on ~1M words with components disabled one at a time.
import { extract } from '../extract.js'
import { buildSeedEpisode } from './seed-turns.js'

const ep = buildSeedEpisode()
const words = ep.turns.reduce((n, t) => n + t.wordCount, 0)
const times = Math.ceil(1_000_000 / words)
const turns = Array.from({ length: times }, (_, k) => ep.turns.map((t) => ({ ...t, index: k * ep.turns.length + t.index }))).flat()
const input = { turns, speakers: ep.speakers, episodeDate: ep.episodeDate }
const best = (disable: string[]): number => {
  let b = Infinity
  for (let i = 0; i < 3; i++) { const t0 = performance.now(); extract(input, { disable }); b = Math.min(b, performance.now() - t0) }
  return Math.round(b)
}
console.log('all', best([]))
for (const d of [['claims'], ['claims', 'quantities'], ['claims', 'quantities', 'proper-nouns'], ['claims', 'quantities', 'proper-nouns', 'roster'], ['claims', 'quantities', 'proper-nouns', 'roster', 'gazetteer'], ['claims', 'quantities', 'proper-nouns', 'roster', 'gazetteer', 'tokens']]) console.log('without', d.join(','), best(d))
