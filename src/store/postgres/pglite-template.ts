import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { PGlite, PGliteOptions } from '@electric-sql/pglite'
import { defaultCacheDir } from '../../config/cache-dir.js'

// A new PGlite database runs initdb inside WebAssembly: 4–15 s on a 2-core machine, for every new
// data directory and every in-memory database. Started from a dump of a freshly initialised cluster
// it opens in about a quarter of that (measured 3.3 s against 14.5 s on one loaded machine), so the
// first new database on a machine leaves one behind, per PGlite version, in the cache directory.

/** Where the dump is kept when the caller does not say: PODPIPE_CACHE_DIR, else the default cache. */
export const cacheDirFromEnv = (env: NodeJS.ProcessEnv = process.env): string => env.PODPIPE_CACHE_DIR || defaultCacheDir(env)

let version: string | undefined
const pgliteVersion = (): string => {
  if (version) return version
  // The package's exports hide its package.json: walk up from its entry point.
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'))
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version
  return version
}

const templatePath = (cacheDir: string): string => join(cacheDir, `pglite-${pgliteVersion()}-initdb.tar`)

/**
 * PGlite's options for a database under `dir` (undefined: in memory), starting a new one from the
 * cached dump when there is one. An existing directory opens as it is.
 */
export const pgliteCreateOptions = async (dir: string | undefined, cacheDir: string | null): Promise<PGliteOptions & { fresh: boolean }> => {
  const base: PGliteOptions = dir === undefined ? {} : { dataDir: dir }
  if (dir !== undefined && existsSync(join(dir, 'PG_VERSION'))) return { ...base, fresh: false }
  if (cacheDir === null) return { ...base, fresh: true }
  const dump = await readFile(templatePath(cacheDir)).catch(() => undefined)
  return dump ? { ...base, loadDataDir: new Blob([dump]), fresh: false } : { ...base, fresh: true }
}

/**
 * Keeps a dump of a database that initdb has just made, for the next new one. Written to a
 * temporary name and renamed, so a process reading it never sees half a file; a failure (a
 * read-only home, a full disk) only costs the next database its head start.
 */
export const saveTemplate = async (db: PGlite, cacheDir: string): Promise<void> => {
  try {
    const target = templatePath(cacheDir)
    await mkdir(cacheDir, { recursive: true })
    const partial = `${target}.${process.pid}.partial`
    await writeFile(partial, Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()))
    await rename(partial, target)
  } catch {
    // The cache is an optimisation only.
  }
}
