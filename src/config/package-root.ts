import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The podpipe package directory, found by walking up from this file. The depth differs between
 * `src/config/` (tsx, tests) and `dist/src/config/` (built), and the cwd is wherever the user
 * happens to be, so neither a fixed `../..` nor `process.cwd()` would do.
 */
export const packageRoot = (from: string = dirname(fileURLToPath(import.meta.url))): string => {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && isPodpipeManifest(manifest)) return dir
    if (dirname(dir) === dir) return from
  }
}

const isPodpipeManifest = (path: string): boolean => {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name === 'podpipe'
  } catch {
    return false
  }
}

/** The feeds file shipped with the package, used when PODPIPE_FEEDS is unset. */
export const bundledFeedsFile = (): string => join(packageRoot(), 'fixtures', 'feeds.json')
