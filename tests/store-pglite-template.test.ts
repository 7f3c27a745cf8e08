/**
 * New PGlite databases start from a dump of a freshly initialised cluster, kept in the cache
 * directory by the first one: the dump must give a database that migrates and stores like a
 * new one, and never replace a database that already exists.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createPgliteStore, recordContentHash } from '../src/store/index.js'
import { sampleRecord } from './helpers/sample-record.js'

const root = mkdtempSync(join(tmpdir(), 'podpipe-template-'))
const cacheDir = join(root, 'cache')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('PGlite databases started from the cached initdb dump', () => {
  it('leaves a dump behind from the first new database, and starts the next ones from it', async () => {
    const first = await createPgliteStore({ dir: join(root, 'a'), cacheDir })
    await first.close()
    const dumps = readdirSync(cacheDir)
    expect(dumps).toEqual([expect.stringMatching(/^pglite-\d+\.\d+\.\d+-initdb\.tar$/)])

    // From the dump, on disk and in memory: migrated, writable, and on disk it persists.
    const record = sampleRecord({ guid: 'template' })
    const second = await createPgliteStore({ dir: join(root, 'b'), cacheDir })
    expect(await second.put(record)).toBe('created')
    await second.close()
    const reopened = await createPgliteStore({ dir: join(root, 'b'), cacheDir })
    expect(recordContentHash((await reopened.get(record.id))!)).toBe(recordContentHash(record))
    await reopened.close()

    const memory = await createPgliteStore({ dir: undefined, cacheDir })
    expect(await memory.get(record.id)).toBeUndefined()
    expect(await memory.put(record)).toBe('created')
    await memory.close()
  }, 120_000)
})
