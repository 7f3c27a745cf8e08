import { readFileSync } from 'node:fs'

// Read once from package.json so a release bump is the only place the version changes.
// The path works from src/ under tsx and from dist/src/ after the build.
const readVersion = (): string => {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'podpipe' && pkg.version) return pkg.version
    } catch {
      // try the next location
    }
  }
  return '0.0.0'
}

export const PIPELINE_VERSION = readVersion()
