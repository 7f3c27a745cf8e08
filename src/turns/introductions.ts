/**
 * Names the labels do not give, recovered from what is said, only where the evidence is
 * unambiguous, and always marked as inferred (`speakers[].nameSource`):
 * - a diarized placeholder (`SPEAKER_1`) or a first-name label (`James`) whose speaker introduces
 *   themselves ("I'm James Cridland, the editor of Podnews");
 * - an unnamed caption turn (`>>`) right after a chair calls on someone ("Councilmember Smith?",
 *   "you may begin, Ms. Jones").
 */
import { displayName, nameKey, nameTokens, placeholderId } from './names.js'
import type { RosterMember } from './roster.js'

export interface NamedDraft {
  member: RosterMember
  paragraphs: string[]
  /** An unnamed change of speaker (`>>`): the only turns a call can name. */
  unnamed?: boolean
}

// How far into a speaker's first turns an introduction is looked for.
const INTRO_TURNS = 3
const INTRO_CHARS = 400
const CALL_CHARS = 120

const NAME = String.raw`\p{Lu}[\p{Ll}'’-]+`
// "I'm James Cridland", "my name is…", "I'm your host, Jordan Schneider", and opening the episode
// after a greeting, "Hi everyone, this is Sarah Chen".
const SELF_INTRO = new RegExp(String.raw`(?:\b(?:I['’]m|I am|my name is|my name['’]s)(?:\s+(?:your|the)\s+(?:co-?)?host,?)?|(?:^|\b(?:[Hh]i|[Hh]ello|[Hh]ey|[Ww]elcome)(?:,?\s+(?:everyone|everybody|all|folks|there|friends))?[,!.]?)\s+[Tt]his is)\s+(${NAME}(?:\s+(?:van|von|de|da|der|di|le|la)\s+${NAME}|\s+${NAME}){1,2})(?=[\s,.;:!?)]|$)(?![’']s)`, 'gu')
// Capitalised words that follow "I'm" without being a name ("I'm Really Glad").
const NOT_NAMES = new Set(['really', 'just', 'so', 'not', 'very', 'glad', 'happy', 'here', 'sorry', 'going', 'excited', 'sure', 'thrilled', 'delighted', 'honored', 'pleased', 'back', 'also', 'still', 'the', 'a', 'an', 'in', 'from', 'with', 'at', 'on'])
const TITLE = String.raw`(?:Councilmember|Council Member|Councilwoman|Councilman|Senator|Assemblymember|Assembly Member|Commissioner|Supervisor|Representative|Delegate|Director|Chief|Mayor|Judge|Dr\.|Mr\.|Ms\.|Mrs\.)`
// Case-insensitive, for ALL-CAPS captions ("COUNCILMEMBER SMITH?"); the title is the evidence.
const CALLS = [
  new RegExp(String.raw`(?:^|[.!?,]\s+)(${TITLE}\s+${NAME}(?:\s+${NAME})?)\?\s*$`, 'iu'),
  new RegExp(String.raw`\b(?:you may (?:begin|proceed)|(?:the )?floor is yours|please (?:begin|proceed)|go ahead),?\s+(${TITLE}\s+${NAME}(?:\s+${NAME})?)[.!]?\s*$`, 'iu'),
]

const isPlaceholder = (member: RosterMember): boolean => member.key !== 'unknown' && placeholderId(member.key) !== undefined
const isFirstNameOnly = (member: RosterMember): boolean => member.name !== null && nameTokens(member.name).length === 1 && !placeholderId(member.name)

/**
 * `paragraphs.join(' ').slice(0, chars)`, joining no more than it keeps: a monologue's one turn
 * can be the whole episode.
 */
export const openingText = (paragraphs: readonly string[], chars: number): string => {
  let text = ''
  for (let i = 0; i < paragraphs.length && text.length < chars; i++) text = i === 0 ? paragraphs[i]! : `${text} ${paragraphs[i]!}`
  return text.slice(0, chars)
}

const introductionsOf = (drafts: readonly NamedDraft[], member: RosterMember): Set<string> => {
  const names = new Map<string, string>()
  let seen = 0
  for (const draft of drafts) {
    if (draft.member !== member) continue
    const text = openingText(draft.paragraphs, INTRO_CHARS)
    for (const match of text.matchAll(SELF_INTRO)) {
      const name = match[1]!
      if (nameTokens(name).some((t) => NOT_NAMES.has(t))) continue
      names.set(nameKey(name), name)
    }
    if (++seen >= INTRO_TURNS) break
  }
  return new Set(names.values())
}

/**
 * Renames, in place, placeholder and first-name speakers who introduce themselves, and gives unnamed
 * turns the name a chair just called. Returns the number of names inferred.
 *
 * @example
 * // SPEAKER_1: "Hi, I'm James Cridland, the editor of Podnews." → name "James Cridland", nameSource "self-introduction"
 */
export const inferNames = (drafts: NamedDraft[]): number => {
  let inferred = 0
  const members = [...new Set(drafts.map((d) => d.member))]
  const taken = new Set(members.map((m) => (m.name ? nameKey(m.name) : m.key)))
  const proposals = new Map<RosterMember, string>()
  const claims = new Map<string, number>()
  for (const member of members) {
    if (!isPlaceholder(member) && !isFirstNameOnly(member)) continue
    const names = introductionsOf(drafts, member)
    if (names.size !== 1) continue
    const [name] = names as unknown as [string]
    // A first-name label must agree with the name it is given.
    if (isFirstNameOnly(member) && nameTokens(name)[0] !== nameTokens(member.name!)[0]) continue
    if (taken.has(nameKey(name))) continue
    proposals.set(member, name)
    claims.set(nameKey(name), (claims.get(nameKey(name)) ?? 0) + 1)
  }
  for (const [member, name] of proposals) {
    // Two voices both saying "I'm Jane Doe" is no evidence for either.
    if (claims.get(nameKey(name)) !== 1) continue
    member.name = name
    member.inferred = 'self-introduction'
    inferred++
  }
  const called = new Map<string, RosterMember>()
  for (let i = 1; i < drafts.length; i++) {
    const draft = drafts[i]!
    if (!draft.unnamed || draft.member.key !== 'unknown') continue
    const before = drafts[i - 1]!.paragraphs.join(' ')
    const tail = before.slice(-CALL_CHARS)
    const match = CALLS.map((re) => re.exec(tail)).find(Boolean)
    if (!match) continue
    const name = displayName(match[1]!.replace(/\s+/g, ' '))
    const key = nameKey(name)
    let member = called.get(key)
    if (!member) {
      member = { key, name, role: 'unknown', inferred: 'called-on' }
      called.set(key, member)
    }
    draft.member = member
    inferred++
  }
  return inferred
}
