import { DefaultSerializer, deserialize } from 'node:v8'
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib'
import { PodpipeError } from '../errors/index.js'

/**
 * How a blob is laid out in Redis: one flag byte, then the value in V8's serialization format
 * (brotli-compressed when the flag says so). Measured choices (`npm run bench -- blobs`, seed
 * episode): V8's format encodes and decodes the record several times faster than JSON, and
 * carries a fetched file's bytes as they are (no base64, no UTF-16 round trip); at or above
 * `compressMinBytes`, brotli at quality 1, which compresses smaller than gzip level 1 at no more
 * CPU. Below it nothing is compressed: on a seed-size record compression costs several times
 * the CPU of the encoding itself, and blobs live only while their chain is in flight. Node
 * reads the format of every older Node version; a cluster mid-upgrade of Node should keep its
 * older workers from reading what newer ones wrote (stop them first).
 */
const PLAIN = 0
const BROTLI = 1
// Blobs written by podpipe before this layout: gzip, JSON inside. Read for chains an older version left.
const GZIP_MAGIC = 0x1f

const BROTLI_FAST = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }

/**
 * Encodes a plain value (objects, arrays, strings, numbers, Uint8Arrays, null). The flag is
 * written ahead of the value by the serializer itself, so a plain blob is the serializer's own
 * buffer, not a copy of it: a Buffer that owns all of its memory, which a thread can transfer.
 */
export const encodeBlob = (value: unknown, compressMinBytes: number): Buffer => {
  // What v8.serialize does, after the flag byte.
  const serializer = new DefaultSerializer()
  serializer.writeRawBytes(Buffer.of(PLAIN))
  serializer.writeHeader()
  serializer.writeValue(value)
  const plain = serializer.releaseBuffer()
  if (plain.length - 1 < compressMinBytes) return plain
  return Buffer.concat([Buffer.of(BROTLI), brotliCompressSync(plain.subarray(1), BROTLI_FAST)])
}

/** The value `encodeBlob` encoded. `what` names the blob in errors. */
export const decodeBlob = <T>(raw: Buffer, what: string): T => {
  try {
    if (raw[0] === GZIP_MAGIC) return JSON.parse(gunzipSync(raw).toString('utf8')) as T
    if (raw[0] === PLAIN) return deserialize(raw.subarray(1)) as T
    if (raw[0] === BROTLI) return deserialize(brotliDecompressSync(raw.subarray(1))) as T
    throw new Error(`unknown blob flag ${raw[0]}`)
  } catch (err) {
    throw new PodpipeError('MALFORMED', `the ${what} data of this chain cannot be read: ${(err as Error).message}`, { input: what, cause: err })
  }
}
