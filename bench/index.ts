// `npm run bench`: every speed figure side by side with its alternative, in one run, as ratios.
// `npm run bench -- split extraction pipeline query polling items` picks sections; pipeline needs Redis, query, polling and items PostgreSQL too.
import { benchSplit } from './split.js'
import { benchAnalyze } from './analyze.js'
import { benchExtraction } from './extraction.js'
import { benchTurnLength } from './turn-length.js'
import { printRows } from './measure.js'
import { benchPipeline, printPipeline } from './pipeline.js'
import { benchBlobs, printBlobs } from './blobs.js'
import { benchQuery, printQuery } from './query.js'
import { benchPolling, printPolling, type PollingEngine } from './polling.js'
import { benchItemMemory, printItemMemory } from './item-memory.js'

const sections = process.argv.slice(2)
const want = (name: string): boolean => sections.length === 0 || sections.includes(name)

console.log(`podpipe bench — node ${process.version}, ${new Date().toISOString()}`)
if (want('split')) printRows('Turn splitting (goal: read + split ≥ 1× bare split)', benchSplit(), 'bare whitespace split')
if (want('extraction')) {
  // Ours first: wink's and compromise's large heaps slow every later garbage collection. The
  // turn-length rows, on 40k words, come before the 1M-word ones, whose leftovers slowed them.
  const lengths = benchTurnLength()
  const analyze = benchAnalyze()
  const rows = await benchExtraction()
  const [wink, extract, compromise, natural, sentences] = rows
  printRows('Extraction (goal: full analysis ≥ 2× wink-nlp words/s, higher entity F1 than both)',
    [wink!, analyze, extract!, compromise!], 'wink-nlp readDoc + entities()')
  printRows('Sentence splitting', [natural!, sentences!], 'natural SentenceTokenizer')
  if (lengths.length) printRows('Extraction against turn length (goal: one 40k-word turn ≥ 0.8× 2k-word turns)', lengths, lengths[0]!.name)
}
if (want('blobs')) printBlobs(benchBlobs())
if (want('pipeline')) printPipeline(await benchPipeline(Number(process.env.PODPIPE_BENCH_EPISODES ?? 1000)))
if (want('query')) {
  const total = Number(process.env.PODPIPE_BENCH_RECORDS ?? 10_000)
  const puts = Number(process.env.PODPIPE_BENCH_PUTS ?? 200)
  printQuery(await benchQuery(total, puts), total, puts)
}
if (want('polling')) {
  const sizes = (process.env.PODPIPE_BENCH_FEEDS ?? '10000,100000').split(',').map(Number)
  const engines = (process.env.PODPIPE_BENCH_POLL_ENGINES ?? 'postgres').split(',') as PollingEngine[]
  printPolling(await benchPolling(sizes, Number(process.env.PODPIPE_BENCH_POLL_RATE ?? 400), engines))
}
if (want('items')) {
  const feeds = Number(process.env.PODPIPE_BENCH_ITEM_FEEDS ?? 100)
  const perFeed = Number(process.env.PODPIPE_BENCH_ITEMS_PER_FEED ?? 300)
  printItemMemory(await benchItemMemory(feeds, perFeed), feeds, perFeed)
}
