/**
 * Who speaks, learned from the document (design.md): labels that recur, structural labels the
 * format carries (`<v Name>`, JSON `speaker`), hints from `--speakers` or `podcast:person`, and
 * short labels ("Chris:", "Miller:", "James C") resolved against the full names when only one
 * full name fits. Built once per document, so segmentation is a lookup per paragraph.
 *
 * Roles come only from hints (`podcast:person` role, `--hosts`, `--guests`) and from what a label
 * states itself (`AILSA CHANG, HOST:`, a bare `Host:` or `Guest:`); otherwise a speaker's role is "unknown". No guessing from
 * who asks questions: a wrong "host" is worse than "unknown".
 * A hint that never speaks does not appear in the output speakers.
 */
import type { Warning } from '../record/schema.js'
import { startsUnlabelledTurn } from './labels.js'
import { displayName, isAllCaps, isNumberedVoice, isTitleOnly, labelKey, labelRole, nameKey, nameTokens, placeholderId, TITLES, uninvertedName, withoutTitles } from './names.js'
import type { SpeakerHint } from './types.js'

export type Role = 'host' | 'guest' | 'unknown'

export interface RosterMember {
  /** Folded full name ("chris mcguire"), or the placeholder id ("speaker-1", "unknown"). */
  key: string
  /** Display name: a hint's spelling, else a mixed-case label, else the capitals title-cased. */
  name: string | null
  role: Role
  /** How a name that is not the label itself was found (initials against a roster, an introduction). */
  inferred?: 'self-introduction' | 'called-on' | 'roster'
}

/** What the splitter counted for one label spelling (by folded key) before the roster exists. */
export interface LabelCandidate {
  /** The preferred spelling seen so far (mixed case wins over capitals). */
  name: string
  /** Occurrences as an inline `Name:` label. */
  inline: number
  /** Occurrences as a structural label (`paragraph.speaker`). */
  structural: number
  /** Paragraph index of the first occurrence. */
  first: number
  /** A role the label states itself (`AILSA CHANG, HOST:`); a hint's role comes first. */
  role?: 'host' | 'guest'
  /** An office the label gives with the name (`The Prime Minister (Keir Starmer)`), which later labels use alone. */
  office?: string
  /** Written after a change-of-speaker marker (`>> JONES:`, `- ANN:`) at least once. */
  marked?: boolean
  /** Written in lower case (`jordan:`), where the text's case says nothing of which words are names. */
  lowerCase?: boolean
}

export interface Roster {
  members: readonly RosterMember[]
  /** The member a label (inline or structural) stands for, or undefined if it is not a speaker. */
  resolve: (label: string) => RosterMember | undefined
  /** A known full name opening a paragraph without its colon: the member and the length to strip. */
  matchUnlabelled: (text: string) => { member: RosterMember; length: number } | undefined
  warnings: Warning[]
}

/** Counts one label occurrence into the candidate table. */
export const addCandidate = (
  table: Map<string, LabelCandidate>, label: string, index: number, structural: boolean,
  { role, office, marked = false, lowerCase = false }: { role?: 'host' | 'guest' | undefined; office?: string | undefined; marked?: boolean; lowerCase?: boolean } = {},
): void => {
  const key = labelKey(label)
  if (!key) return
  label = uninvertedName(label)
  const seen = table.get(key)
  role ??= labelRole(label)
  if (!seen) {
    table.set(key, { name: label.trim(), inline: structural ? 0 : 1, structural: structural ? 1 : 0, first: index, ...(role ? { role } : {}), ...(office ? { office } : {}), ...(marked ? { marked: true } : {}), ...(lowerCase ? { lowerCase: true } : {}) })
    return
  }
  if (marked) seen.marked = true
  if (lowerCase) seen.lowerCase = true
  seen.office ??= office
  if (structural) seen.structural++
  else seen.inline++
  seen.role ??= role
  if (isAllCaps(seen.name) && !isAllCaps(label)) seen.name = label.trim()
}

// "James C" / "James C." (Podnews JSON): a first name plus the surname's initial.
const isInitialForm = (tokens: readonly string[]): boolean =>
  tokens.length === 2 && tokens[1]!.replace('.', '').length === 1

const isFullName = (tokens: readonly string[]): boolean => tokens.length >= 2 && !isInitialForm(tokens)

interface BuildInput {
  candidates: ReadonlyMap<string, LabelCandidate>
  hints: readonly SpeakerHint[]
  /**
   * Full names the document itself gives outside its labels (a roster block, front matter, an
   * introduction), against which initials (`JW`) and lone names (`Zooko`) are resolved.
   */
  documentNames?: readonly string[]
  /** Whether a one-word label is also written as an ordinary lower-case word in the document ("price"). */
  isCommonWord?: (word: string) => boolean
  /** The key of a label that opens the document's speech on its own (a speech: "TRUMP: Thank you."). */
  openingLabel?: string
  /** Whether the document is written in mixed case, so that a word in capitals stands out. */
  isMixedCase?: () => boolean
  /** Whether a capitalised word is an ordinary word (SplitOptions.isOrdinaryWord); absent, no one-word label counts once. */
  isOrdinaryWord?: (word: string) => boolean
  /** Whether a lower-case word is a given name (SplitOptions.isGivenName). */
  isGivenName?: (word: string) => boolean
}


// Roles that show notes list their people under.
const SHOW_ROLES = new Set(['host', 'cohost', 'co-host', 'guest'])

const RESOLVE_CACHE_MAX = 10_000

const FUNCTION_WORDS = new Set(['of', 'and', 'the', 'for', 'on', 'in', 'to', 'at', 'by', 'with', 'or', 'a', 'an', 'is', 'are', 'we', 'you', 'it', 'this', 'that', 'our', 'your', 'from', 'about'])

/** One word in capitals that can be a surname: `MILLER`, `O'BRIEN`, not `PS` or `Q1`. */
const isCapitalsSurname = (label: string): boolean => /^\p{Lu}[\p{Lu}'’-]{2,}$/u.test(label.trim())

/** One capitalised word in mixed case that can be a first name: `Maria`, `Jean-Luc`, not `MARIA` or `Q`. */
const isCapitalisedWord = (label: string): boolean => /^\p{Lu}\p{Ll}[\p{Ll}'’-]+$/u.test(label.trim())

/** Tokens that can name a person: titles and one-letter initials do not. */
const personalTokens = (tokens: readonly string[]): string[] => tokens.filter((t) => !TITLES.has(t))

/**
 * A person's name without titles and with hyphens as spaces: a feed's `Fei-Fei Li` is the
 * transcript's `Dr. Fei Fei Li:`. Empty for a single word, which is too weak to match on.
 */
const personKey = (name: string): string => {
  const tokens = personalTokens(nameTokens(name.replace(/[-\u2010\u2011]/g, ' ')))
  return tokens.length >= 2 ? tokens.join(' ') : ''
}

// `JW`, `BL`, `AA`: two or three capitals, the initials of someone the document names.
const isInitials = (label: string): boolean => /^\p{Lu}{2,3}$/u.test(label.trim())

const initialsOf = (name: string): string => personalTokens(nameTokens(name)).map((t) => t.charAt(0)).join('')

/** The surname of a label that is titles and a surname: `Senator Smith`, `Chief Justice Roberts`. */
const titledSurname = (tokens: readonly string[]): string | undefined => {
  if (tokens.length < 2 || !TITLES.has(tokens[0]!)) return undefined
  const personal = personalTokens(tokens)
  return personal.length === 1 ? personal[0] : undefined
}

/** Whether a short label (`JW`, `Zooko`, `James C`, `Senator Smith`) fits a full name. */
const fitsName = (tokens: readonly string[], name: string, label: string): boolean => {
  const full = personalTokens(nameTokens(name))
  if (full.length < 2) return false
  if (isInitials(label)) return initialsOf(name) === label.trim().toLowerCase()
  const surname = titledSurname(tokens)
  if (surname) return full[full.length - 1] === surname
  if (isInitialForm(tokens)) return full[0] === tokens[0] && full[full.length - 1]!.startsWith(tokens[1]!.replace('.', ''))
  return tokens.length === 1 && !TITLES.has(tokens[0]!) && (full[0] === tokens[0] || full[full.length - 1] === tokens[0])
}

/**
 * Full names indexed by their initials and their first and last words: the items a short label
 * fits, looked for among a handful of names rather than all of them (100k distinct labels stay linear).
 */
const nameIndex = <T>(items: readonly T[], nameOf: (item: T) => string): ((tokens: readonly string[], label: string) => T[]) => {
  const buckets = new Map<string, T[]>()
  for (const item of items) {
    const full = personalTokens(nameTokens(nameOf(item)))
    if (full.length < 2) continue
    for (const at of new Set([`#${initialsOf(nameOf(item))}`, full[0]!, full[full.length - 1]!])) {
      const bucket = buckets.get(at)
      if (bucket) bucket.push(item)
      else buckets.set(at, [item])
    }
  }
  return (tokens, label) =>
    (buckets.get(isInitials(label) ? `#${label.trim().toLowerCase()}` : titledSurname(tokens) ?? tokens[0] ?? '') ?? []).filter((item) => fitsName(tokens, nameOf(item), label))
}

/**
 * @example
 * const roster = buildRoster({ candidates, hints: [{ name: 'Chris McGuire', role: 'guest' }], mentionedBefore })
 * roster.resolve('CHRIS MCGUIRE')?.key // 'chris mcguire'
 */
export const buildRoster = ({ candidates, hints, documentNames = [], isCommonWord = () => false, openingLabel, isMixedCase = () => false, isOrdinaryWord, isGivenName }: BuildInput): Roster => {
  const warnings: Warning[] = []
  const hintByKey = new Map<string, SpeakerHint>()
  const hintByPerson = new Map<string, SpeakerHint>()
  for (const hint of hints) {
    const key = nameKey(hint.name)
    if (key) hintByKey.set(key, hint)
    const person = personKey(hint.name)
    if (person) hintByPerson.set(person, hint)
  }
  // Each hint is one person: the member its name was first found under.
  const claimed = new Map<SpeakerHint, RosterMember>()
  const hintFor = (key: string, name: string | null): SpeakerHint | undefined =>
    hintByKey.get(key) ?? (name === null ? undefined : hintByPerson.get(personKey(name)))
  const members = new Map<string, RosterMember>()
  // Label key → member; null marks a label that fits several people and so names nobody.
  const aliases = new Map<string, RosterMember | null>()
  const addMember = (key: string, name: string | null, stated?: Role): RosterMember => {
    const hint = hintFor(key, name)
    // `Fei-Fei Li:` and `Dr. Fei Fei Li:` beside a hint for that person are one speaker.
    const holder = hint && claimed.get(hint)
    if (holder) {
      aliases.set(key, holder)
      return holder
    }
    const member: RosterMember = { key, name: hint?.name ?? name, role: hint?.role ?? stated ?? 'unknown' }
    if (hint) claimed.set(hint, member)
    members.set(key, member)
    aliases.set(key, member)
    return member
  }

  // Names the document gives elsewhere, for labels no speaking member fits (one entry per name).
  const distinctNames = new Map<string, string>()
  for (const name of documentNames) {
    const key = nameKey(name)
    if (key && !distinctNames.has(key)) distinctNames.set(key, name)
  }
  const documentFits = nameIndex([...distinctNames].map(([key, name]) => ({ key, name })), (n) => n.name)

  // The splitter only counts labels of the document's own conventions, so a full name, a role, a
  // placeholder or initials is a speaker even when it speaks once; a lone word must recur and
  // must not be an ordinary word of the text ("Price:" on a product page).
  const isAccepted = (key: string, c: LabelCandidate): boolean => {
    if (c.structural > 0 || hintByKey.has(key)) return true
    const tokens = nameTokens(c.name)
    // "DEPARTMENT OF HEALTH AND:" in a case caption: names do not hold function words; and
    // "The Supreme Court: it's what it's all about" is no speaker, unlike "The Chairman:".
    // A capitalised one in a name in mixed case is the name's ("Nguyen Van An"); and "The Honorable
    // John Smith" is a title and a name.
    if (c.name.trim().split(/\s+/).some((w, i) => i > 0 && FUNCTION_WORDS.has(w.toLowerCase()) && (w === w.toLowerCase() || isAllCaps(c.name)))) return false
    if (tokens[0] === 'the' && !isTitleOnly(tokens.slice(1)) && !TITLES.has(tokens[1] ?? '')) return false
    // "Host: Jordan Schneider", "Guest: Chris Miller" head show notes once: those roles speak only if
    // they recur (a `Moderator:` or `Interviewer:` may speak once, as other titles may).
    if (labelRole(c.name) && (!isTitleOnly(tokens) || tokens.some((t) => SHOW_ROLES.has(t)))) return c.inline >= 2
    // `jordan:` in a text labelled in lower case: the dictionary, not the text's case, says it is a
    // word; and a lone one is no convention, even opening the text.
    // A full name said once whose first word (after its titles) is a given name speaks too, once two
    // other labels recur: `chris skipper:`, `dr. jane li:`.
    if (c.lowerCase) {
      const named = nameTokens(withoutTitles(c.name))
      if (c.inline === 1 && named.length >= 2 && isGivenName?.(named[0]!) === true && recurringLabels() >= 2) return true
      return c.inline >= 2 && (tokens.length > 1 || placeholderId(c.name) !== undefined || !(isOrdinaryWord?.(c.name.trim()) ?? false))
    }
    // "Key Takeaways:", "Final Thoughts:": headings of dictionary words, none a given name, name no one;
    // unless they head paragraphs again and again beside other such labels, as the roles of a meeting
    // do (`Project Manager:`, `Industrial Designer:`, `User Interface:` in the AMI corpus).
    if (isOrdinaryWord && isGivenName && tokens.length >= 2 && !isTitleOnly(tokens) && !TITLES.has(tokens[0]!) && !placeholderId(c.name) &&
      tokens.every((t) => isOrdinaryWord(t) && !isGivenName(t)) && !(c.inline >= 2 && recurringLabels() >= 3)) return false
    if (key === openingLabel) return true
    // A title with a name or an initial after it (`Senator R`, `Chairman Lee`) is a speaker too.
    if (isFullName(tokens) || isTitleOnly(tokens) || placeholderId(c.name) || (tokens.length > 1 && TITLES.has(tokens[0]!))) return true
    // "PS:" is a postscript unless the document names someone with those initials.
    if (isInitials(c.name)) return c.inline >= 2 || documentFits(tokens, c.name).length === 1 || (!isCommonWord(tokens[0]!) && (c.marked === true || shapeInUse(key, isInitials)))
    if (tokens.length !== 1) return false
    // "Zooko:" beside "Zooko Wilcox" in the roster block, even though "zooko" is also written in lower case.
    if (documentFits(tokens, c.name).length === 1) return true
    if (isCommonWord(tokens[0]!)) return false
    // `>> JONES:`: a caption's change of speaker already says a speaker is named here.
    if (c.inline >= 2 || c.marked === true || (isCapitalsSurname(c.name) && shapeInUse(key, isCapitalsSurname))) return true
    // `P2:` once beside a recurring `P1:`.
    if (isNumberedVoice(c.name) && shapeInUse(key, isNumberedVoice)) return true
    // `Maria:` once beside recurring `Jordan:` and `Chris:`, unless the word is in the dictionary (`Remember:`).
    return isOrdinaryWord !== undefined && isCapitalisedWord(c.name) && !isOrdinaryWord(c.name.trim()) && shapeInUse(key, isCapitalisedWord)
  }

  // How many labels head two paragraphs or more: a document's cast, when it is three or more.
  let recurring: number | undefined
  const recurringLabels = (): number => (recurring ??= [...candidates.values()].filter((c) => c.inline >= 2).length)

  // Broadcast transcripts label by surname in capitals (`BLITZER:`), interviews by initials (`JS:`),
  // and someone may speak once (a clip's `BIDEN:`): once another label of that shape is established,
  // in a text in mixed case, so is it.
  const shapeKeys = new Map<(label: string) => boolean, string[]>()
  const shapeInUse = (key: string, shape: (label: string) => boolean): boolean => {
    let keys = shapeKeys.get(shape)
    if (!keys) {
      keys = isMixedCase()
        ? [...candidates].filter(([k, c]) => shape(c.name) && (c.inline >= 2 || k === openingLabel) && !isCommonWord(nameTokens(c.name)[0]!)).map(([k]) => k)
        : []
      shapeKeys.set(shape, keys)
    }
    return keys.some((k) => k !== key)
  }

  // Full names first, so the short forms below can be resolved against them.
  for (const [key, c] of candidates) {
    if (placeholderId(c.name)) {
      addMember(key, key === 'unknown' ? null : c.name.trim())
      continue
    }
    const tokens = nameTokens(c.name)
    if (isFullName(personalTokens(tokens)) && isAccepted(key, c)) addMember(key, displayName(c.name), c.role)
  }
  for (const [key, hint] of hintByKey) {
    if (!members.has(key) && !claimed.has(hint) && isFullName(nameTokens(hint.name))) addMember(key, hint.name)
  }
  // `The Prime Minister` after `The Prime Minister (Keir Starmer)` is Keir Starmer.
  for (const [key, c] of candidates) {
    const member = members.get(key)
    if (c.office && member) aliases.set(nameKey(c.office), member)
  }
  const fullNames = [...members.values()].filter((m) => isFullName(personalTokens(nameTokens(m.key))))

  const fitting = nameIndex(fullNames, (m) => m.key)

  const shortForms: Array<[string, string, boolean]> = []
  for (const [key, c] of candidates) {
    if (!aliases.has(key)) shortForms.push([key, c.name, isAccepted(key, c)])
  }
  for (const [key, hint] of hintByKey) {
    if (!members.has(key) && !candidates.has(key) && !claimed.has(hint)) shortForms.push([key, hint.name, false])
  }
  // `Senator Kennedy` and `Mr. Kennedy` in one hearing may be two people: a surname the document
  // gives under more than one title is resolved under none.
  const titlesOfSurname = new Map<string, Set<string>>()
  for (const [key, name] of shortForms) {
    const surname = titledSurname(nameTokens(name))
    if (surname) titlesOfSurname.set(surname, (titlesOfSurname.get(surname) ?? new Set()).add(key))
  }
  const isSharedSurname = (tokens: readonly string[]) => (titlesOfSurname.get(titledSurname(tokens) ?? '')?.size ?? 0) > 1
  for (const [key, name, accepted] of shortForms) {
    const tokens = nameTokens(name)
    if (isSharedSurname(tokens)) {
      if (accepted) addMember(key, displayName(name), candidates.get(key)?.role)
      continue
    }
    const fits = fitting(tokens, name)
    if (fits.length === 0 && accepted) {
      // `JW` next to a roster block naming "Jason Weinstein": the speaker is that person.
      const fits = documentFits(tokens, name)
      if (fits.length === 1) {
        const { key: fullKey, name: full } = fits[0]!
        const member = members.get(fullKey) ?? addMember(fullKey, full)
        member.inferred ??= 'roster'
        aliases.set(key, member)
        continue
      }
    }
    if (fits.length === 1) {
      const member = fits[0]!
      aliases.set(key, member)
      const hint = hintByKey.get(key)
      if (hint?.role && member.role === 'unknown') member.role = hint.role
      continue
    }
    if (fits.length > 1 && accepted) {
      warnings.push({
        code: 'AMBIGUOUS_SPEAKER_LABEL',
        message: `the label "${name}" fits ${fits.map((m) => `"${m.name ?? m.key}"`).join(' and ')}; it is kept as its own speaker`,
      })
    }
    if (accepted) addMember(key, displayName(name), candidates.get(key)?.role)
    else if (fits.length > 1) aliases.set(key, null)
  }

  // Colon-less labels are recognised only for full names, indexed by their first word.
  const byFirstWord = new Map<string, RosterMember[]>()
  for (const member of fullNames) {
    const first = member.key.slice(0, member.key.indexOf(' '))
    const list = byFirstWord.get(first) ?? []
    list.push(member)
    byFirstWord.set(first, list)
  }

  const resolved = new Map<string, RosterMember | undefined>()
  return {
    members: [...members.values()],
    warnings,
    // Memoised: a transcript repeats a handful of labels thousands of times, and nameKey normalises Unicode.
    resolve: (label) => {
      let member = resolved.get(label)
      if (member === undefined && !resolved.has(label)) {
        member = aliases.get(labelKey(label)) ?? undefined
        if (resolved.size < RESOLVE_CACHE_MAX) resolved.set(label, member)
      }
      return member
    },
    matchUnlabelled: (text) => {
      const space = text.indexOf(' ')
      if (space <= 0 || byFirstWord.size === 0) return undefined
      const list = byFirstWord.get(nameKey(text.slice(0, space)))
      if (!list) return undefined
      for (const member of list) {
        if (nameKey(text.slice(0, member.key.length)) !== member.key) continue
        const length = startsUnlabelledTurn(text, member.key.length)
        if (length > 0) return { member, length }
      }
      return undefined
    },
  }
}
