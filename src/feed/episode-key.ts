export interface KeyParts {
  guid?: string | null
  enclosureUrl?: string | null
  link?: string | null
  title?: string | null
  /** the date as written, so the key does not move if date parsing improves */
  date?: string | null
}

/**
 * Episode identity within a feed (formats.md §3.3): the trimmed guid; else the enclosure
 * URL without its query string, because CDNs rotate tokens there; else the link; else
 * title + date. Null when the item has none of these.
 * @example episodeKey({ guid: ' 0123 ' }) // '0123'
 */
export const episodeKey = (parts: KeyParts): string | null => {
  const guid = parts.guid?.trim()
  if (guid) return guid
  const enclosure = parts.enclosureUrl?.trim().split(/[?#]/)[0]
  if (enclosure) return enclosure
  const link = parts.link?.trim()
  if (link) return link
  const title = parts.title?.trim()
  if (title) {
    const date = parts.date?.trim()
    return date ? `${title} ${date}` : title
  }
  return null
}
