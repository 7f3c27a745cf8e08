/**
 * Child process for the file-store concurrency test: puts the sample record (with the given
 * title) into the store at argv[2] and prints the PutResult.
 * Usage: node --import tsx tests/helpers/put-file-record.ts DIR TITLE
 */
import { createFileStore } from '../../src/store/file-store.js'
import { sampleRecord } from './sample-record.js'

const [dir, title] = process.argv.slice(2)
if (!dir || !title) throw new Error('usage: put-file-record.ts DIR TITLE')
const store = createFileStore({ dir })
const results = await Promise.all(Array.from({ length: 5 }, () => store.put(sampleRecord({ title }))))
process.stdout.write(results.join('\n') + '\n')
