/**
 * The analysis thread (thread-pool.ts): runs the analyze stage's CPU work on the bytes it is
 * sent and sends bytes back, transferred rather than copied. No Redis, no BullMQ here.
 */
import { parentPort } from 'node:worker_threads'
import { analyzeEncoded, type AnalysisRequest } from './analysis.js'

parentPort?.on('message', ({ id, input }: { id: number; input: AnalysisRequest }) => {
  const output = analyzeEncoded(input)
  // A Buffer may be a slice of a shared pool: only one that owns all of its memory is transferred as it is.
  if (output.ok && (output.raw.byteOffset !== 0 || output.raw.byteLength !== output.raw.buffer.byteLength)) output.raw = new Uint8Array(output.raw)
  parentPort?.postMessage({ id, output }, output.ok ? [output.raw.buffer as ArrayBuffer] : [])
})
