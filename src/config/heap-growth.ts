/**
 * V8's heap growing factor for a long-running worker process. After each full collection V8 lets
 * the old generation grow by a factor of what survived before it starts the next one; the
 * buffers a worker moves through Redis and its stores (about 1 MB a seed-size episode) count
 * against that headroom. At V8's own factor (about 1.75 here) a worker's event loop, with some
 * 32 MB live, started a full collection every ten or so episodes: 65 in 800, about 5 ms of CPU
 * an episode between the event loop and V8's marking threads. At 200% (a factor of 3): 4.
 */
import { setFlagsFromString } from 'node:v8'

const FLAG = /^--heap[-_]growing[-_]percent(=|$)/

/**
 * Sets V8's --heap-growing-percent for this process (every isolate, threads included) unless
 * `percent` is 0 or node was started with the flag, which then wins. V8 reads the flag each time
 * it computes a limit, so setting it at run time takes effect from the next collection.
 */
export const applyHeapGrowth = (percent: number, execArgv: readonly string[] = process.execArgv): boolean => {
  if (percent === 0 || execArgv.some((arg) => FLAG.test(arg))) return false
  setFlagsFromString(`--heap-growing-percent=${percent}`)
  return true
}
