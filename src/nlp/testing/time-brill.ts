// Dev utility: why the Brill tagger only decides ambiguous sentence-initial words — its speed on
// every sentence of the seed, against the whole extraction of the same text.
import { extract } from '../extract.js'
import { tagWords } from '../pos.js'
import { splitSentences } from '../sentences.js'
import { phraseTokens } from '../tokens.js'
import { buildSeedEpisode } from './seed-turns.js'

const ep = buildSeedEpisode()
const words = ep.turns.reduce((n, t) => n + t.wordCount, 0)
const sentences = ep.turns.flatMap((t) => splitSentences(t.text).map(([a, b]) => phraseTokens(t.text.slice(a, b))))
tagWords(['warm', 'up'])
const reps = 10
let t0 = performance.now()
for (let k = 0; k < reps; k++) for (const s of sentences) tagWords(s)
const brill = performance.now() - t0
extract(ep)
t0 = performance.now()
for (let k = 0; k < reps; k++) extract(ep)
const full = performance.now() - t0
console.log(`Brill tagger on every sentence: ${Math.round((words * reps) / (brill / 1000)).toLocaleString('en-US')} words/s`)
console.log(`full extract():                 ${Math.round((words * reps) / (full / 1000)).toLocaleString('en-US')} words/s`)
