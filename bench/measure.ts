import { performance } from 'node:perf_hooks'
import type { Redis } from 'ioredis'

/** The PostgreSQL the benches that need one use. */
export const BENCH_DATABASE_URL = process.env.PODPIPE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** One numeric field of Redis INFO, 0 when absent. */
export const infoField = async (redis: Redis, section: string, name: string): Promise<number> =>
  Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(await redis.info(section))?.[1] ?? 0)

export interface BenchRow {
  name: string
  words: number
  ms: number
  wordsPerSec: number
  note?: string
}

/** Best of `runs` after one warm-up: the least disturbed run is the most repeatable figure. */
export const measure = (name: string, words: number, run: () => unknown, runs = 5, note?: string): BenchRow => {
  run()
  let best = Infinity
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    run()
    best = Math.min(best, performance.now() - started)
  }
  return { name, words, ms: Math.round(best * 10) / 10, wordsPerSec: Math.round(words / (best / 1000)), ...(note ? { note } : {}) }
}

export const printRows = (title: string, rows: BenchRow[], baseline?: string): void => {
  const base = rows.find((r) => r.name === baseline)
  console.log(`\n${title}`)
  for (const r of rows) {
    const ratio = base ? `  ${(r.wordsPerSec / base.wordsPerSec).toFixed(3)}× ${base.name}` : ''
    console.log(`  ${r.name.padEnd(44)} ${String(r.words).padStart(9)} words  ${r.ms.toFixed(1).padStart(9)} ms  ${r.wordsPerSec.toLocaleString('en-US').padStart(13)} words/s${ratio}${r.note ? `  (${r.note})` : ''}`)
  }
}
