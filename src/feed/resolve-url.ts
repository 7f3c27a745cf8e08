import { posix } from 'node:path'

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i

/**
 * Resolves a URL written in a feed against the feed's own location. The feed may have been
 * read from an http(s)/file URL or from a plain path (`fixtures/feeds/x.xml`); a relative
 * reference inside a path-read feed stays a path, so the caller can read it as a file.
 * Returns null for blank input; an unresolvable reference is returned as written.
 * @example resolveUrl('../seed/seed.vtt', 'fixtures/feeds/f.xml') // 'fixtures/seed/seed.vtt'
 */
export const resolveUrl = (ref: string | null | undefined, base: string): string | null => {
  const value = ref?.trim()
  if (!value) return null
  if (HAS_SCHEME.test(value)) return value
  if (HAS_SCHEME.test(base)) {
    try {
      return new URL(value, base).href
    } catch {
      return value
    }
  }
  if (value.startsWith('/')) return posix.normalize(value)
  return posix.normalize(posix.join(posix.dirname(base), value))
}
