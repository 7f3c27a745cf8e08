import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { afterAll, describe, expect, it } from 'vitest'
import { sampleRecord } from '../../tests/helpers/sample-record.js'
import { sealTransferred, type EpisodeRecord } from '../record/index.js'
import { recordContentHash } from './content-hash.js'
import { createFileStore } from './file-store.js'
import { prettyJsonFile } from './json-text.js'
import { adoptEncodings, encodeForStores, recordFile } from './record-encodings.js'

const dir = mkdtempSync(join(tmpdir(), 'podpipe-encodings-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The record as publish gets it: through V8's format (the analyzed blob), then sealed. */
const transferred = (record: EpisodeRecord): EpisodeRecord => sealTransferred(deserialize(serialize(record)) as EpisodeRecord)

describe('record encodings made by analysis', () => {
  const record = sampleRecord({ processedAt: new Date('2025-10-15T00:00:00Z') })

  it('are what each store would compute from the record', () => {
    const made = encodeForStores(record, { file: true })
    expect(made.hash).toBe(recordContentHash(transferred(record)))
    expect(Buffer.from(made.file!).equals(prettyJsonFile(record))).toBe(true)
    expect(encodeForStores(record, { file: false })).toEqual({ hash: made.hash })
  })

  it('are what the file store writes and logs for a record that came with them', async () => {
    const store = createFileStore({ dir })
    const copy = transferred(record)
    const made = encodeForStores(record, { file: true })
    adoptEncodings(copy, made)
    expect(recordFile(copy)).toBe(made.file)
    expect(await store.put(copy)).toBe('created')
    expect(readFileSync(join(dir, 'records', `${record.id}.json`)).equals(Buffer.from(made.file!))).toBe(true)
    const logged = readFileSync(join(dir, 'changes.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { hash: string })
    expect(logged.at(-1)?.hash).toBe(made.hash)
    expect(await store.put(transferred(record))).toBe('unchanged')
  })

  it('are ignored for a record that was not validated, which could have changed since', () => {
    const loose = deserialize(serialize(record)) as EpisodeRecord
    adoptEncodings(loose, { hash: '0'.repeat(64), file: Buffer.from('{}\n') })
    expect(recordContentHash(loose)).toBe(recordContentHash(record))
    expect(Buffer.from(recordFile(loose)).equals(prettyJsonFile(record))).toBe(true)
  })
})
