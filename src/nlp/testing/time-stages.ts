// Dev utility: time each pipeline component on the seed repeated to ~1M words.
import { PIPELINE } from '../components.js'
import { buildGazetteer, defaultGazetteer } from '../gazetteer.js'
import type { Doc } from '../pipeline.js'
import { buildSeedEpisode } from './seed-turns.js'

const ep = buildSeedEpisode()
const words = ep.turns.reduce((n, t) => n + t.wordCount, 0)
const times = Math.ceil(1_000_000 / words)
const turns = Array.from({ length: times }, (_, k) => ep.turns.map((t) => ({ ...t, index: k * ep.turns.length + t.index }))).flat()
const fresh = (): Doc => ({ turns, speakers: ep.speakers, neighbours: new Map(), episodeDate: ep.episodeDate, gazetteer: buildGazetteer(defaultGazetteer()), claimThreshold: 0.5, explain: false,
  sentences: [], tokens: [], tokenPool: [], covered: [], mentions: [], found: new Map(), models: new Map(), surnames: new Set(), quantities: [], claims: [], explanations: [] })
for (const pass of [1, 2]) {
  let doc = fresh()
  for (const c of PIPELINE) {
    const t0 = performance.now()
    doc = c.run(doc)
    if (pass === 2) console.log(c.name.padEnd(14), (performance.now() - t0).toFixed(0), 'ms')
  }
}
