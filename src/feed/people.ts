import type { FeedPerson } from './types.js'

/** The fields of a podcast:person tag as the XML layer hands them over. */
export interface RawPerson {
  display?: string
  role?: string
  group?: string
  href?: string
}

/** The spec truncates names past 128 characters; longer values are not names. */
const MAX_NAME = 128

export const mapPerson = (raw: RawPerson): FeedPerson | undefined => {
  const name = raw.display?.trim().replace(/\s+/g, ' ')
  if (!name) return undefined
  const person: FeedPerson = {
    name: name.slice(0, MAX_NAME),
    // role and group are case-insensitive in the spec; lower case makes them comparable.
    role: raw.role?.trim().toLowerCase() || 'host',
    group: raw.group?.trim().toLowerCase() || 'cast',
  }
  const href = raw.href?.trim()
  return href ? { ...person, href } : person
}

export const mapPeople = (raw: readonly RawPerson[] | undefined): FeedPerson[] =>
  (raw ?? []).map(mapPerson).filter((p): p is FeedPerson => p !== undefined)

/**
 * The spec says item people replace channel people, but real feeds name the host only on
 * the channel and guests only on items (formats.md §1.4): keep the channel hosts unless
 * the item names a host of its own.
 */
export const mergePeople = (channel: readonly FeedPerson[], item: readonly FeedPerson[]): FeedPerson[] => {
  if (item.some((p) => p.role === 'host')) return [...item]
  const named = new Set(item.map((p) => p.name.toLowerCase()))
  const hosts = channel.filter((p) => p.role === 'host' && !named.has(p.name.toLowerCase()))
  return [...hosts, ...item]
}
