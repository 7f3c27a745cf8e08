import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { afterAll, describe, expect, it } from 'vitest'
import { sampleRecord } from '../../tests/helpers/sample-record.js'
import { isValidatedRecord, type EpisodeRecord } from '../record/index.js'
import { canonicalRecordFile, recordContentHash } from './content-hash.js'
import { createFileStore } from './file-store.js'
import { publishEncoded } from './publish.js'
import { decodeRecord, encodeRecord, type EncodedRecord } from './record-encodings.js'
import type { PutResult, RecordStore } from './types.js'

const dir = mkdtempSync(join(tmpdir(), 'podpipe-encodings-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The encoding as publish gets it: through V8's format, in the analyzed blob. */
const transferred = (encoded: EncodedRecord): EncodedRecord => deserialize(serialize(encoded)) as EncodedRecord

/** A store without putEncoded, as the PostgreSQL, stream and webhook stores are. */
const objectStore = (): RecordStore & { got: EpisodeRecord[] } => {
  const got: EpisodeRecord[] = []
  return {
    name: 'objects', got,
    put: async (record): Promise<PutResult> => { got.push(record); return 'created' },
    get: async () => undefined, ping: async () => undefined, close: async () => undefined,
  }
}

describe('a record encoded by analysis', () => {
  const record = sampleRecord({ processedAt: new Date('2025-10-15T00:00:00Z') })

  it('holds what the stores would compute: the content hash and the record file', () => {
    const encoded = encodeRecord(record)
    expect(encoded.id).toBe(record.id)
    // A copy, so the hash is computed again rather than the one encodeRecord remembered.
    expect(encoded.hash).toBe(recordContentHash(JSON.parse(JSON.stringify(record)) as EpisodeRecord))
    expect(Buffer.from(encoded.json).equals(canonicalRecordFile(record))).toBe(true)
  })

  it('decodes to the same record, sealed, with its hash known', () => {
    const decoded = decodeRecord(transferred(encodeRecord(record)))
    expect(decoded).toEqual(JSON.parse(JSON.stringify(record)))
    expect(isValidatedRecord(decoded)).toBe(true)
    expect(recordContentHash(decoded)).toBe(recordContentHash(record))
  })

  it('is written by the file store as it is, and decoded once for the stores that need objects', async () => {
    const encoded = transferred(encodeRecord(record))
    const files = createFileStore({ dir })
    const a = objectStore()
    const b = objectStore()
    expect(await publishEncoded([files, { ...a, name: 'a' }, { ...b, name: 'b' }], encoded)).toEqual({ file: 'created', a: 'created', b: 'created' })
    expect(readFileSync(join(dir, 'records', `${record.id}.json`)).equals(Buffer.from(encoded.json))).toBe(true)
    const logged = readFileSync(join(dir, 'changes.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { hash: string })
    expect(logged.map((l) => l.hash)).toEqual([encoded.hash])
    expect(a.got[0]).toBe(b.got[0])
    expect(a.got[0]).toEqual(await files.get(record.id))
    // The same content from a later run: nothing to write.
    expect(await files.put(sampleRecord({ processedAt: new Date('2026-01-01T00:00:00Z') }))).toBe('unchanged')
  })

  it('is refused by the file store when its id is no file name, naming the id', async () => {
    const bad = { ...encodeRecord(record), id: '../escape' }
    await expect(publishEncoded([createFileStore({ dir })], bad)).rejects.toThrow(/"\.\.\/escape" is not a file name/)
  })
})
