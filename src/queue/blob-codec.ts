import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib'
import { PodpipeError } from '../errors/index.js'

/**
 * How a blob is laid out in Redis: one flag byte, then the payload (brotli-compressed when the
 * flag says so). The payload is a 4-byte length, a JSON header, then the raw bytes of every
 * top-level field that held a Uint8Array (a transcript file crosses as it was fetched: no
 * base64, no UTF-16 round trip). Measured choices (`npm run bench -- blobs`): JSON beats
 * v8.serialize for these plain objects; brotli at quality 1 compresses text smaller and faster
 * than gzip at level 1; and below `compressMinBytes` no compression pays for its CPU.
 */
const PLAIN = 0
const BROTLI = 1
// Blobs written before this layout: gzip, JSON inside. Read for chains an older version left.
const GZIP_MAGIC = 0x1f

const BROTLI_FAST = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }

interface Header {
  json: unknown
  /** Fields that were bytes, in the order their bytes follow the header. */
  bytes?: [field: string, length: number][]
}

/** Encodes a plain object; Uint8Array fields at its top level travel as raw bytes. */
export const encodeBlob = (value: unknown, compressMinBytes: number): Buffer => {
  const fields: [string, Uint8Array][] = []
  let json = value
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const rest: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      if (v instanceof Uint8Array) fields.push([k, v])
      else rest[k] = v
    }
    json = rest
  }
  const header: Header = fields.length > 0 ? { json, bytes: fields.map(([k, v]) => [k, v.byteLength]) } : { json }
  const head = Buffer.from(JSON.stringify(header), 'utf8')
  const size = 4 + head.length + fields.reduce((n, [, v]) => n + v.byteLength, 0)
  const payload = Buffer.allocUnsafe(size)
  payload.writeUInt32BE(head.length, 0)
  head.copy(payload, 4)
  let at = 4 + head.length
  for (const [, v] of fields) {
    payload.set(v, at)
    at += v.byteLength
  }
  if (size < compressMinBytes) return Buffer.concat([Buffer.of(PLAIN), payload])
  return Buffer.concat([Buffer.of(BROTLI), brotliCompressSync(payload, BROTLI_FAST)])
}

/** The value `encodeBlob` encoded; byte fields come back as Buffers. `what` names the blob in errors. */
export const decodeBlob = <T>(raw: Buffer, what: string): T => {
  try {
    if (raw[0] === GZIP_MAGIC) return JSON.parse(gunzipSync(raw).toString('utf8')) as T
    const payload = raw[0] === BROTLI ? brotliDecompressSync(raw.subarray(1)) : raw.subarray(1)
    if (raw[0] !== PLAIN && raw[0] !== BROTLI) throw new Error(`unknown blob flag ${raw[0]}`)
    const headLength = payload.readUInt32BE(0)
    const header = JSON.parse(payload.toString('utf8', 4, 4 + headLength)) as Header
    if (!header.bytes) return header.json as T
    const value = { ...(header.json as Record<string, unknown>) }
    let at = 4 + headLength
    for (const [field, length] of header.bytes) {
      value[field] = payload.subarray(at, at + length)
      at += length
    }
    return value as T
  } catch (err) {
    throw new PodpipeError('MALFORMED', `the ${what} data of this chain cannot be read: ${(err as Error).message}`, { input: what, cause: err })
  }
}
