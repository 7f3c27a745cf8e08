import type { Speaker, Turn } from '../record/schema.js'
import { isRoleName, placeholderId } from '../turns/names.js'
import type { EntityMention, Token } from './types.js'
import { knownGivenNames } from './knowledge.js'
import { isCommonWord } from './pos.js'
import { EntityMentionRecord } from './records.js'

/**
 * Whether a speaker's name names no one: a diarization placeholder ("Speaker 2"), a role ("Host"),
 * or a meeting's role of two dictionary words or more, none a given name ("Project Manager",
 * "User Interface"). A lone word ("Rice", "Brown") may be a surname and is kept.
 */
export const namesNoOne = (name: string): boolean => {
  if (placeholderId(name) || isRoleName(name)) return true
  const words = name.toLowerCase().split(/\s+/).filter(Boolean)
  return words.length >= 2 && words.every((w) => isCommonWord(w) && !knownGivenNames().has(w))
}

interface RosterName {
  id: string
  full: string[]
  first: string
  last: string
}

interface Roster { names: RosterName[]; tokens: Set<string> }

// Parsed once per speakers array, not once per turn.
const rosters = new WeakMap<readonly Speaker[], Roster>()
const rosterOf = (speakers: readonly Speaker[]): Roster => {
  let r = rosters.get(speakers)
  if (!r) {
    const names = speakers.flatMap((s) => {
      // A diarization placeholder ("Speaker 2", "SPEAKER_1") is not a name anyone says: its "2" is a
      // number; nor is a role ("Host", "Moderator"): "our host" names no entity.
      if (!s.name || namesNoOne(s.name)) return []
      const parts = s.name.split(/\s+/).filter(Boolean)
      if (parts.length === 0) return []
      return [{ id: s.id, full: parts, first: parts[0] as string, last: parts.at(-1) as string }]
    })
    r = { names, tokens: new Set(names.flatMap((n) => n.full)) }
    rosters.set(speakers, r)
  }
  return r
}

// Not a closure in the loop below: one that captures the loop's index makes V8 allocate a context
// for every token of the turn, name or not.
const fullNameAt = (names: readonly RosterName[], tokens: readonly Token[], i: number): RosterName | undefined => {
  search: for (const n of names) {
    for (let k = 0; k < n.full.length; k++) if (tokens[i + k]?.text !== n.full[k]) continue search
    return n
  }
  return undefined
}

const isComma = (t: Token | undefined): boolean => t !== undefined && t.text === ','
const closesClause = (t: Token | undefined): boolean => t === undefined || [',', '?', '.', '!', '\u2014'].includes(t.text)

/**
 * Speaker names in the text. Full names and unique first or last names resolve directly. A first
 * name that several speakers share is resolved only when the conversation decides it:
 * - addressed ("I agree with you, Chris, …"): not the speaker; if the speaker is not a candidate
 *   either, the candidate who speaks next (or spoke last);
 * - spoken about ("as Chris said"): a speaker does not name himself, so the other candidate; else
 *   the candidate last named in full earlier in the same turn.
 * Otherwise the mention stays unresolved (entityId null) rather than guessed.
 */
export const findRosterMentions = (
  turn: Turn,
  tokens: readonly Token[],
  covered: Uint8Array,
  speakers: readonly Speaker[],
  neighbours: { previous: string | null; next: string | null },
): { mentions: EntityMention[]; covered: Uint8Array } => {
  const { names, tokens: nameTokens } = rosterOf(speakers)
  const mentions: EntityMention[] = []
  if (!tokens.some((t) => nameTokens.has(t.text))) return { mentions, covered }
  const mask = covered.slice()
  const lastFull = new Map<string, string>() // first name → speaker id last named in full in this turn
  for (let i = 0; i < tokens.length; i++) {
    if (mask[i]) continue
    const t = tokens[i] as Token
    if (!nameTokens.has(t.text)) continue
    const full = fullNameAt(names, tokens, i)
    if (full && full.full.length > 1) {
      const last = tokens[i + full.full.length - 1] as Token
      mentions.push(new EntityMentionRecord(turn.index, t.start, last.end, turn.text.slice(t.start, last.end), full.id, 'roster'))
      lastFull.set(full.first, full.id)
      for (let k = 0; k < full.full.length; k++) mask[i + k] = 1
      i += full.full.length - 1
      continue
    }
    const byLast = names.filter((n) => n.last === t.text && n.full.length > 1)
    const byFirst = names.filter((n) => n.first === t.text)
    const candidates = byFirst.length > 0 ? byFirst : byLast
    if (candidates.length === 0) continue
    mask[i] = 1
    if (candidates.length === 1) { mentions.push(new EntityMentionRecord(turn.index, t.start, t.end, t.text, (candidates[0] as RosterName).id, 'roster')); continue }
    const others = candidates.filter((c) => c.id !== turn.speakerId)
    const addressed = (t.initial || isComma(tokens[i - 1])) && closesClause(tokens[i + 1])
    let id: string | null = null
    let note: string
    if (others.length === 1 && others.length < candidates.length) {
      id = (others[0] as RosterName).id
      note = addressed ? 'addressed by the other speaker of that name' : 'named by the other speaker of that name'
    } else if (addressed) {
      const pick = [neighbours.next, neighbours.previous].find((s) => s !== null && candidates.some((c) => c.id === s))
      id = pick ?? null
      note = pick ? 'addressed: the candidate who speaks next or last' : 'addressed, but no neighbouring turn decides'
    } else {
      id = lastFull.get(t.text) ?? null
      note = id ? 'the candidate last named in full in this turn' : `ambiguous between ${candidates.map((c) => c.id).join(', ')}`
    }
    mentions.push(new EntityMentionRecord(turn.index, t.start, t.end, t.text, id, 'roster', note))
  }
  return { mentions, covered: mask }
}
