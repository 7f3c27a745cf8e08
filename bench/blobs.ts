// The encodings a blob between stages could use, on the seed episode's two blobs: the source
// (the transcript as fetched) and the analyzed blob (the record's file, hash and head, as analysis
// hands it to publish). CPU per encode + decode, and bytes in Redis.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib'
import { analyzeDocument } from '../src/analyze/index.js'
import { decodeBlob, encodeBlob } from '../src/queue/index.js'
import { analyzedBlob } from '../src/stage/analyze-source.js'

export interface BlobRow {
  name: string
  bytes: number
  /** Encode + decode, best of several rounds. */
  ms: number
}

const SEED = new URL('../fixtures/seed/seed.vtt', import.meta.url)

const best = (run: () => unknown, rounds = 200): number => {
  for (let i = 0; i < 20; i++) run()
  let min = Infinity
  for (let r = 0; r < 5; r++) {
    const started = performance.now()
    for (let i = 0; i < rounds; i++) run()
    min = Math.min(min, (performance.now() - started) / rounds)
  }
  return Math.round(min * 1000) / 1000
}

const BROTLI_1 = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }

// The rows without raw bytes carry a file (the transcript, the record's file) as text, as a
// JSON-only encoding would have to.
const asText = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).map(([k, v]) => [k,
    v instanceof Uint8Array ? Buffer.from(v).toString('utf8')
      : v !== null && typeof v === 'object' && !Array.isArray(v) ? asText(v as Record<string, unknown>) : v]))

const rowsFor = (label: string, blob: Record<string, unknown>): BlobRow[] => {
  const value = blob
  const text = asText(blob)
  const json = JSON.stringify(text)
  const plain = encodeBlob(value, Infinity)
  const brotli = encodeBlob(value, 0)
  return [
    { name: `${label}: v8.serialize, plain (chosen below the threshold)`, bytes: plain.length, ms: best(() => decodeBlob(encodeBlob(value, Infinity), label)) },
    { name: `${label}: v8.serialize, brotli q1 (chosen above it)`, bytes: brotli.length, ms: best(() => decodeBlob(encodeBlob(value, 0), label)) },
    { name: `${label}: JSON, gzip level 1 (the old encoding)`, bytes: gzipSync(json, { level: 1 }).length, ms: best(() => JSON.parse(gunzipSync(gzipSync(JSON.stringify(text), { level: 1 })).toString('utf8'))) },
    { name: `${label}: JSON, brotli q1`, bytes: brotliCompressSync(json, BROTLI_1).length, ms: best(() => JSON.parse(brotliDecompressSync(brotliCompressSync(JSON.stringify(text), BROTLI_1)).toString('utf8'))) },
    { name: `${label}: JSON, plain`, bytes: Buffer.byteLength(json), ms: best(() => JSON.parse(JSON.stringify(text))) },
  ]
}

export const benchBlobs = (): BlobRow[] => {
  const content = readFileSync(SEED)
  const { record } = analyzeDocument({ content, read: { fileName: 'seed.vtt' } })
  const analyzed = analyzedBlob({ feedEpisode: { key: 'k' } as Parameters<typeof analyzedBlob>[0]['feedEpisode'] }, record)
  return [...rowsFor('source', { content, read: { fileName: 'seed.vtt' }, speakers: [] }), ...rowsFor('analyzed', { ...analyzed })]
}

export const printBlobs = (rows: BlobRow[]): void => {
  console.log('\nBlobs between stages (encode + decode CPU per blob, bytes stored)')
  for (const r of rows) console.log(`  ${r.name.padEnd(66)} ${String(r.bytes).padStart(8)} bytes  ${r.ms.toFixed(3).padStart(7)} ms`)
}
