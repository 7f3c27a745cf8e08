// One run of the pure core for the pipeline bench, in a process of its own:
// `node --import tsx bench/core-run.ts EPISODES` prints its row as JSON.
import { applyHeapGrowth, loadConfig } from '../src/config/index.js'
import { runCore } from './pipeline.js'

const episodes = Number(process.argv[2])
if (!Number.isInteger(episodes) || episodes < 1) throw new Error(`bench/core-run.ts: "${process.argv[2]}" is not a number of episodes`)
// The V8 setting a worker process runs with, so the core and the pipeline are compared on one.
applyHeapGrowth(loadConfig(process.env).heapGrowingPercent)
process.stdout.write(`${JSON.stringify(runCore(episodes))}\n`)
