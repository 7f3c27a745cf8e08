import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from './pipeline-env.js'

const COMPILED = ['src', 'workers', 'pipelines']

const newestSource = (dir: string): number => {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

let fresh: boolean | undefined
/**
 * Whether dist/ was built after every source file changed: `npm ci` builds it (the prepare script),
 * and CI never edits the sources after. Compiled code starts a process about a second sooner than
 * tsx, whose loader resolves every import across a thread; a stale build is never used.
 */
const distIsFresh = (): boolean => {
  if (fresh !== undefined) return fresh
  try {
    const built = statSync(join(REPO, 'dist/src/cli.js')).mtimeMs
    fresh = COMPILED.every((dir) => newestSource(join(REPO, dir)) <= built)
  } catch {
    fresh = false
  }
  return fresh
}

/**
 * Node's arguments to run one of our entry points (`src/cli.ts`, `pipelines/worker-main.ts`) as a
 * user's process: the compiled file when dist/ is up to date, else the source through tsx.
 */
export const entryArgs = (source: string): string[] =>
  distIsFresh() ? [join(REPO, 'dist', source.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', join(REPO, source)]
