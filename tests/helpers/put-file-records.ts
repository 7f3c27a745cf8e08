/**
 * Child process for the PGlite follow test: puts COUNT sample records (guids PREFIX-0…) into the
 * file store at DIR, every third one twice with different content, and prints each PutResult.
 * Usage: node --import tsx tests/helpers/put-file-records.ts DIR PREFIX COUNT
 */
import { createFileStore } from '../../src/store/file-store.js'
import { sampleRecord } from './sample-record.js'

const [dir, prefix, count] = process.argv.slice(2)
if (!dir || !prefix || !count) throw new Error('usage: put-file-records.ts DIR PREFIX COUNT')
const store = createFileStore({ dir })
for (let i = 0; i < Number(count); i++) {
  const guid = `${prefix}-${i}`
  process.stdout.write(`${await store.put(sampleRecord({ guid, title: `${guid} v1` }))}\n`)
  if (i % 3 === 0) process.stdout.write(`${await store.put(sampleRecord({ guid, title: `${guid} v2` }))}\n`)
}
