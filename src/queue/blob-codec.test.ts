import { serialize } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { decodeBlob, encodeBlob } from './blob-codec.js'

const value = { text: 'Rare earths — “export controls”', bytes: new Uint8Array([1, 2, 3]), list: [1, null, { deep: true }] }

describe('blob codec', () => {
  it('reads what it writes, and the plain blobs earlier versions wrote (flag byte, then v8.serialize)', () => {
    expect(decodeBlob(encodeBlob(value, 1 << 20), 'test')).toEqual(value)
    expect(decodeBlob(Buffer.concat([Buffer.of(0), serialize(value)]), 'test')).toEqual(value)
  })

  it('gives a plain blob memory of its own, so a thread can transfer it without a copy', () => {
    const raw = encodeBlob(value, 1 << 20)
    expect(raw.byteOffset).toBe(0)
    expect(raw.byteLength).toBe(raw.buffer.byteLength)
  })

  it('compresses from the threshold on and reads the result back', () => {
    const large = { text: 'claim '.repeat(10_000) }
    const raw = encodeBlob(large, 1_000)
    expect(raw[0]).toBe(1)
    expect(raw.length).toBeLessThan(serialize(large).length / 10)
    expect(decodeBlob(raw, 'test')).toEqual(large)
  })
})
