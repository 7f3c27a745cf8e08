/**
 * Normalises a language tag to BCP 47 lower case (`EN` → `en`, `en_US` → `en-us`).
 * Feeds write tags in any case and sometimes with `_`; values that are not tag-shaped
 * (free text such as "English") give null rather than a wrong tag.
 */
export const normalizeLanguage = (value: string | null | undefined): string | null => {
  if (typeof value !== 'string') return null
  const tag = value.trim().replace(/_/g, '-').toLowerCase()
  return /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/.test(tag) ? tag : null
}

/** The primary subtag (`en-us` → `en`), for comparing languages loosely. */
export const primaryLanguage = (tag: string | null | undefined): string | null =>
  tag ? (tag.split('-')[0] ?? null) : null
