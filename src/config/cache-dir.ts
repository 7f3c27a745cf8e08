import { homedir } from 'node:os'
import { join } from 'node:path'

/** Where podpipe keeps what it can rebuild (the PGlite initdb dump): $XDG_CACHE_HOME/podpipe, else ~/.cache/podpipe. */
export const defaultCacheDir = (env: NodeJS.ProcessEnv = process.env): string =>
  join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'podpipe')
