import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { applyHeapGrowth } from './heap-growth.js'

const dir = mkdtempSync(join(tmpdir(), 'podpipe-heap-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * A process that sets the growth at run time, then allocates 600 batches of 20,000 small objects,
 * keeping the newest 30 alive: prints how many full collections V8 ran (14 at 50%, 4–5 at 300%
 * here; 600 rather than more keeps the four runs to a few seconds each).
 */
const child = join(dir, 'child.mts')
writeFileSync(child, `
import { PerformanceObserver, constants } from 'node:perf_hooks'
import { applyHeapGrowth } from ${JSON.stringify(fileURLToPath(new URL('./heap-growth.ts', import.meta.url)))}
applyHeapGrowth(Number(process.argv[2]))
let full = 0
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++
}).observe({ entryTypes: ['gc'] })
const live = []
for (let i = 0; i < 600; i++) {
  live.push(Array.from({ length: 20000 }, (_, j) => ({ i, j })))
  if (live.length > 30) live.shift()
}
setTimeout(() => console.log(full), 50)
`)

const fullCollections = (percent: number, nodeFlags: string[] = []): number => {
  const run = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', child, String(percent)], { encoding: 'utf8' })
  expect(run.status, run.stderr).toBe(0)
  return Number(run.stdout.trim())
}

/** The run at 50% serves both tests below. */
let tightRun: number | undefined
const tight = (): number => (tightRun ??= fullCollections(50))

describe('applyHeapGrowth', () => {
  it('takes effect when set at run time: more headroom, fewer full collections of a growing heap', () => {
    const roomy = fullCollections(300)
    expect(roomy).toBeGreaterThan(0)
    expect(tight()).toBeGreaterThanOrEqual(2 * roomy)
  })

  // Compared with the run at 50%, not for equality with the run at 300%: two runs at the same
  // growth counted 4 and 5 full collections under load.
  it('leaves a growth given to node on its command line as it is', () => {
    const kept = fullCollections(50, ['--heap-growing-percent=300'])
    expect(kept).toBeGreaterThan(0)
    expect(tight()).toBeGreaterThanOrEqual(2 * kept)
  })

  it('sets nothing for 0 (V8 decides) or when node was given the flag', () => {
    expect(applyHeapGrowth(0, [])).toBe(false)
    expect(applyHeapGrowth(200, ['--heap_growing_percent=100'])).toBe(false)
  })
})
