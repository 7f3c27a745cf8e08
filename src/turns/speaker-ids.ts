/**
 * Speaker ids (design.md): the lowercase ASCII-folded surname ("mcguire"), so two people who
 * share a first name stay apart. Placeholders keep their number ("speaker-1"), and a speaker
 * with no recoverable name is "unknown". When two speakers share a surname, both get
 * "surname-given" ("smith-john", "smith-jane"); if even that collides, a counter is appended
 * in order of first appearance ("smith-john-2").
 */
import { givenNameId, surnameId } from './names.js'
import type { RosterMember } from './roster.js'

/** Ids for the members that actually speak, in order of first appearance. */
export const assignSpeakerIds = (members: readonly RosterMember[]): Map<RosterMember, string> => {
  const base = new Map<RosterMember, string>()
  const bySurname = new Map<string, number>()
  for (const member of members) {
    const id = surnameId(member.name ?? member.key)
    base.set(member, id)
    bySurname.set(id, (bySurname.get(id) ?? 0) + 1)
  }
  const ids = new Map<RosterMember, string>()
  const taken = new Set<string>()
  for (const member of members) {
    const surname = base.get(member)!
    let id = surname
    if ((bySurname.get(surname) ?? 0) > 1) {
      const given = givenNameId(member.name ?? member.key)
      if (given && given !== surname) id = `${surname}-${given}`
    }
    let unique = id
    for (let n = 2; taken.has(unique); n++) unique = `${id}-${n}`
    taken.add(unique)
    ids.set(member, unique)
  }
  return ids
}
