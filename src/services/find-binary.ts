import { accessSync, constants, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The path of an executable on PATH, then in `extraDirs` (in order), or undefined when none has it.
 * @example findBinary('redis-server') // '/usr/bin/redis-server'
 */
export const findBinary = (name: string, { path = process.env.PATH ?? '', extraDirs = [] }: { path?: string; extraDirs?: readonly string[] } = {}): string | undefined => {
  for (const dir of [...path.split(delimiter).filter(Boolean), ...extraDirs]) {
    const candidate = join(dir, name)
    if (isExecutable(candidate)) return candidate
  }
  return undefined
}

/**
 * Debian and Ubuntu keep PostgreSQL's server programs (initdb, pg_ctl, postgres) off PATH, in
 * /usr/lib/postgresql/<major>/bin: the newest major first.
 */
export const postgresBinDirs = (root = '/usr/lib/postgresql'): string[] => {
  try {
    return readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => join(root, v, 'bin'))
  } catch {
    return []
  }
}
