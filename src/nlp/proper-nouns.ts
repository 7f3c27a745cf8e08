import type { EntityType } from '../record/schema.js'
import { knownCapitals, knownDemonyms, knownGivenNames, knownGroupWords, knownPlaces, knownRegions, knownWorldRegions, PLACE_ABBREVIATIONS } from './knowledge.js'
import { isLanguageUse } from './languages.js'
import { CALENDAR_WORDS, COMPASS, CONNECTORS, CONTRACTIONS, DETERMINERS, EVENT_WORDS, FIRM_ENDINGS, GENERATIONAL, HOLIDAYS, IDIOMS, IDIOM_STARTS, JOB_NOUNS, LAW_NOUNS, LAW_WORDS, LEGAL_SUFFIXES, MARKET_NOUNS_AFTER, NAME_ABBREVIATIONS, NAME_PARTICLES, NOT_NAMES, ORG_NOUNS_AFTER, ORG_WORDS, PERSON_PREFIXES, PLACE_PREPOSITIONS, PLACE_WORDS, QUANTIFYING, SAY_VERBS, SHORT_GIVEN, TITLES } from './name-words.js'
import { isCommonWord, isOrdinaryWord, lexiconTags, tagWords } from './pos.js'
import type { EntityMention, Token } from './types.js'

// "Apple shares fell": "shares" or "stock" before a verb or a preposition is the firm's, where
// "Fei-Fei shares a brief history" is a verb.
const MARKET_VERB_TAGS = /^(?:VB[DPZ]|MD|IN)$/
const marketNoun = (after: Token, next: Token | undefined): boolean =>
  MARKET_NOUNS_AFTER.has(after.text) && next !== undefined && !DETERMINERS.has(next.lower) && MARKET_VERB_TAGS.test(lexiconTags(next.lower)?.[0] ?? '')
const isGivenName = (t: Token): boolean => knownGivenNames().has(t.lower) || SHORT_GIVEN.has(t.text)

const MAX_RUN_TOKENS = 40
// natural's English Brill rules look at most three words away; one more covers a rule that reads another's change.
const TAG_WINDOW = 4
// "Bosnian", "Afghan": a word shaped like a demonym before a group word ("Bosnian Serbs").
const DEMONYM_ENDING = /(?:an|ese|i|ish)$/

// "MPs", "NGOs", "EVs", "MiGs": two capitals or more and a plural "s".
const PLURAL_ACRONYM = /^[A-Z][A-Za-z]*[A-Z]s$/

/**
 * "Israeli", "Russians", "Islamic": a word the lexicon knows in capitals as an adjective or a plural
 * proper noun is a nationality, religion or the like, which names no entity (the gazetteer links
 * the ones that stand for a state, "Chinese" → China). A given name ("Christian") still counts.
 */
const isNationalityWord = (t: Token): boolean => {
  if (knownGroupWords().has(t.lower)) return true
  // "Texas trader", "California wine": the lexicon lists many states and cities as adjectives too.
  if (knownGivenNames().has(t.lower) || knownPlaces().has(t.lower) || (knownRegions().has(t.lower) && !knownDemonyms().has(t.lower))) return false
  const tags = lexiconTags(t.text)
  return (tags !== undefined && (tags.includes('JJ') || tags.includes('NNPS'))) || knownDemonyms().has(t.lower)
}

const notName = (t: Token): boolean => NOT_NAMES.has(t.text) || CALENDAR_WORDS.has(t.lower)

export const isCapitalised = (t: Token): boolean => {
  const c = t.text.charCodeAt(0)
  return c >= 65 && c <= 90 || (c > 127 && t.text[0] !== (t.text[0] as string).toLowerCase())
}
const isAcronym = (s: string): boolean => s.length >= 2 && /^[A-Z][A-Z&]+$/.test(s)
const hasDigit = (s: string): boolean => /\d/.test(s)

/** A capitalised word that opens a sentence is a name only if the lexicon does not know it as a common word. */
const commonWord = (t: Token): boolean => isCommonWord(t.lower)
/** A country, capital, city or region of that name, in any case. */
const isKnownPlace = (name: string): boolean => {
  const lower = name.toLowerCase()
  return knownPlaces().has(lower) || knownRegions().has(lower)
}

// Events named after the place they are held in: "the Beijing Olympics", "the Moscow Summit".
const PLACE_EVENTS = new Set(['Summit', 'Conference', 'Olympics', 'Games', 'Forum', 'Talks', 'Expo', 'Marathon', 'Festival', 'Process', 'Round'])

/**
 * Whether a known name at tokens `first`–`last` is only a word of a longer name the proper-noun
 * pass should read whole: a place before a word that ends places' names ("Taiwan Strait", "South
 * China Sea", "Korean Peninsula"), laws' ("Paris Agreement", "Geneva Convention") or events' held
 * there ("Beijing Olympics"), or after "of" and such a word or a body's ("Gulf of Mexico",
 * "University of California", "Bank of China"), which the gazetteer does not list.
 */
export const insideLongerName = (tokens: readonly Token[], first: number, last: number): boolean => {
  const a = tokens[first] as Token
  const b = tokens[last] as Token
  const next = tokens[last + 1]
  if (next && next.sentence === b.sentence && next.start === b.end + 1 && (PLACE_WORDS.has(next.text) || LAW_WORDS.has(next.text) || PLACE_EVENTS.has(next.text))) return true
  // "Air France", "Statistics Canada", "Team USA": a capitalised noun mid-sentence right before a place names a body.
  const before = tokens[first - 1]
  if (before && joinsName(tokens, first) && !before.initial && isCapitalised(before) && !notName(before) && !TITLES.has(before.text) &&
    !COMPASS.has(before.lower) && !isKnownPlace(before.lower) && NOUN_TAGS.has(lexiconTags(before.lower)?.[0] ?? '') &&
    first === last && isKnownPlace(a.lower) && !capsSentence(tokens, first)) return true
  const of = tokens[first - 1]
  const head = tokens[first - 2]
  // "Institute for China Studies": a body's word and "for" too.
  return head !== undefined && head.sentence === a.sentence && ((of?.text === 'of' && (PLACE_WORDS.has(head.text) || ORG_WORDS.has(head.text))) ||
    (of?.text === 'for' && ORG_WORDS.has(head.text) && nameFollows(tokens, last)))
}

/**
 * "World War II ended", "Clean Air Act rules": a sentence opening with an adjective or noun of a
 * name of three words or more that ends in a law's or an event's word keeps it.
 */
const opensCuedName = (tokens: readonly Token[], i: number, j: number): boolean => {
  if (j - i < 1) return false
  const tag = lexiconTags((tokens[i] as Token).lower)?.[0] ?? ''
  if (tag !== 'JJ' && tag !== 'NN') return false
  const words = tokens.slice(i, j + 1).map((x) => x.text)
  // "United Airlines flies…", "Lucid Motors uses…": a firm's last word ends a name of two words too.
  if (FIRM_ENDINGS.has(words.at(-1) as string) && !QUANTIFYING.has((tokens[i] as Token).lower)) return true
  return j - i >= 2 && (cueAt(words, LAW_WORDS, true) || cueAt(words, EVENT_WORDS, true))
}

// Provisions cited by number: "Title 42", "Title IX", "Article 5", "Executive Order 14117",
// "Resolution 2231", "Section 301". Section and Resolution only with three digits or more: "Section
// 3" is as often a report's.
const NUMBERED_LAWS: ReadonlyArray<[string, RegExp]> = [['Title', /^(?:\d{1,3}|[IVXL]{1,5})$/], ['Article', /^\d{1,3}[a-z]?$/],
  ['Executive Order', /^\d{3,6}$/], ['Resolution', /^\d{3,5}$/], ['Section', /^\d{3,4}[a-z]?$/]]
const NUMBERED_HEADS = new Set(NUMBERED_LAWS.map(([words]) => words.split(' ')[0] as string))
/** The index of the number ending a provision cited by number whose head is tokens i–j, or -1. */
const numberedLawEnd = (tokens: readonly Token[], i: number, j: number): number => {
  const number = tokens[j + 1]
  if (number === undefined || !joinsName(tokens, j + 1)) return -1
  const head = tokens.slice(i, j + 1).map((t) => t.text).join(' ')
  for (const [words, shape] of NUMBERED_LAWS) if (head === words && shape.test(number.text)) return j + 1
  return -1
}

/** Whether a capitalised word follows token `last` as the next word of one name. */
export const nameFollows = (tokens: readonly Token[], last: number): boolean => joinsName(tokens, last + 1) && isCapitalised(tokens[last + 1] as Token)

/** Whether token `k` follows token `k - 1` as the next word of one name: one space, one sentence, one line. */
export const joinsName = (tokens: readonly Token[], k: number): boolean => {
  const a = tokens[k - 1]
  const b = tokens[k]
  return a !== undefined && b !== undefined && b.start === a.end + 1 && b.sentence === a.sentence && !b.lineStart
}

/**
 * Whether a known place or nationality at `last` opens the name of a body the gazetteer does not
 * list: capitalised words after it that end in an organisation's word ("Tokyo Stock Exchange",
 * "British Labour Party", "Central Jakarta District Court"), up to `before` (where the gazetteer's
 * next name starts). The proper-noun pass then reads the name whole.
 */
export const opensBodyName = (tokens: readonly Token[], last: number, before: number): boolean => {
  let k = last + 1
  let end = -1
  while (k < before && k - last <= 4 && joinsName(tokens, k) && isCapitalised(tokens[k] as Token) && !notName(tokens[k] as Token)) {
    const word = (tokens[k] as Token).text
    if (TITLES.has(word)) return false
    if (ORG_WORDS.has(word)) end = k
    k++
  }
  return end > last
}

// The last word of a sporting event a place or a people names: "U.S. Open", "Monaco Grand Prix", "Asian Games".
const TOURNAMENT_WORDS = new Set(['Open', 'Cup', 'Championship', 'Championships', 'Prix', 'Classic', 'Masters', 'Marathon', 'Games',
  'Tournament', 'Trophy', 'Invitational', 'Rally'])

/**
 * Whether the known place or people that ends at token `last` opens the name of a sporting event
 * (`the U.S. Open`, `French Open`, `U.S. Open Tennis Championships`): the event is the entity, not the place.
 */
export const namesTournament = (tokens: readonly Token[], last: number): boolean => {
  let k = last
  while (k < last + 4 && joinsName(tokens, k + 1) && isCapitalised(tokens[k + 1] as Token)) k++
  // The run's last word: "Chinese Open Source developers" names no event.
  return k > last && TOURNAMENT_WORDS.has((tokens[k] as Token).text)
}

// US bodies the news names by one word of a body's name alone: "Congress", "the Senate", "Treasury".
const BODY_NOUNS = new Set(['Congress', 'Senate', 'Treasury', 'Commerce', 'Parliament', 'Assembly', 'Cabinet'])

/**
 * Whether a known body's one-word name at `first` ("Senate", "Congress") ends another body's name:
 * another country's or a state's (`the Italian Senate`, `Texas Senate`, `NSW Treasury`), or a
 * longer name (`Indian National Congress`). `ownPlace` says the word before is the body's own
 * country (`U.S. Senate`, `American Congress`). A party (`a Republican Congress`) or a title does not.
 */
export const bodyOfAnother = (tokens: readonly Token[], first: number, ownPlace: boolean): boolean => {
  const before = tokens[first - 1]
  if (!BODY_NOUNS.has((tokens[first] as Token).text) || ownPlace || before === undefined || !joinsName(tokens, first) || !isCapitalised(before) || before.lower === 'the' ||
    TITLES.has(before.text) || PERSON_PREFIXES.has(before.text) || capsSentence(tokens, first)) return false
  // A word opening the sentence is capitalised anyway ("Last Congress…"): there only a place or a people counts.
  const opensSentence = tokens[first - 2]?.sentence !== before.sentence
  return !opensSentence || isKnownPlace(before.lower) || knownDemonyms().has(before.lower)
}

// The words of a state's formal name before "of": "Republic of Ireland", "Islamic Republic of Iran".
const DESIGNATIONS = new Set(['Republic', 'Kingdom', 'Commonwealth', 'Federation', 'Emirate', 'Sultanate', 'Principality', 'State'])

/**
 * Where a known country's formal name starts, when it is written with its designation ("the
 * Kingdom of Saudi Arabia", "Federal Republic of Germany", "Democratic Republic of the Congo"):
 * the index of its first word, or -1. The mention is then the whole formal name, of the same country.
 */
export const formalNameStart = (tokens: readonly Token[], first: number): number => {
  let of = first - 1
  if (tokens[of]?.lower === 'the' && joinsName(tokens, first)) of--
  const head = of - 1
  if (tokens[of]?.text !== 'of' || !DESIGNATIONS.has(tokens[head]?.text ?? '') || !joinsName(tokens, of) || !joinsName(tokens, of + 1)) return -1
  let start = head
  while (head - start < 2 && joinsName(tokens, start) && isCapitalised(tokens[start - 1] as Token) && !notName(tokens[start - 1] as Token) && !DETERMINERS.has((tokens[start - 1] as Token).lower)) start--
  return start
}

// Words a firm's full name adds to its short one: "Huawei Technologies", "Nvidia Corporation", "Meta Platforms Inc.".
const FIRM_SUFFIXES = new Set([...LEGAL_SUFFIXES, 'Technologies', 'Technology', 'Group', 'Holdings', 'Corporation', 'Company', 'Incorporated',
  'Limited', 'Motors', 'Electronics', 'Industries', 'Systems', 'Platforms'])

/**
 * Where a known firm's full name ends, when only such words follow its short name at `last`
 * ("Huawei Technologies Co., Ltd." is Huawei): the end offset, its full stop included, or -1.
 */
export const firmNameEnd = (tokens: readonly Token[], last: number): number => {
  let k = last + 1
  while (joinsName(tokens, k) && FIRM_SUFFIXES.has((tokens[k] as Token).text)) k++
  if (k === last + 1) return -1
  let end = tokens[k - 1] as Token
  let stop = tokens[k]
  // "Co., Ltd.": a second legal suffix after a comma.
  if (LEGAL_SUFFIXES.has(end.text) && stop?.text === '.' && tokens[k + 1]?.text === ',' && LEGAL_SUFFIXES.has(tokens[k + 2]?.text ?? '') && tokens[k + 2]!.start === tokens[k + 1]!.end + 1) {
    end = tokens[k + 2] as Token
    stop = tokens[k + 3]
  }
  return LEGAL_SUFFIXES.has(end.text) ? endWithFullStop(end, stop) : end.end
}

/** Where a name ends whose last word is an abbreviation: after its full stop, when one is written on it ("Corp.", "Jr."). */
const endWithFullStop = (last: Token, after: Token | undefined): number => (after?.text === '.' && after.start === last.end ? after.end : last.end)

/**
 * Whether the gazetteer's body at `first` is named with the place or nationality just before it
 * ("U.S. Treasury Department", "US Congress"): a descriptive name (its first word a common word,
 * not an acronym or a brand) written right after the place is one name with it.
 */
export const bodyOfPlace = (tokens: readonly Token[], first: number): boolean => {
  const t = tokens[first] as Token
  return joinsName(tokens, first) && isCapitalised(t) && !isAcronym(t.text) && commonWord(t)
}

const NOUN_TAGS = new Set(['NN', 'NNS'])

/**
 * The capitalised word right before a one-word name at `first`–`last`, joined to it as the words of
 * one name are, in a sentence not written in capitals: what may make that word a surname. Not a title.
 */
const nameWordBefore = (tokens: readonly Token[], first: number, last: number): Token | undefined => {
  const before = tokens[first - 1]
  return first === last && before !== undefined && joinsName(tokens, first) && isCapitalised(before) && !TITLES.has(before.text) &&
    !capsSentence(tokens, first) ? before : undefined
}

/**
 * Whether a known person's one-word alias at `first`–`last` is another person's surname or part of a
 * longer name: a given name or an unknown word right before it ("Hunter Biden", "Ivanka Trump"), or
 * a generational suffix after it ("Donald Trump Jr."). The proper-noun pass then reads the name whole.
 */
export const personNamedOtherwise = (tokens: readonly Token[], first: number, last: number): boolean => {
  const after = tokens[last + 1]
  if (after && joinsName(tokens, last + 1) && GENERATIONAL.has(after.text)) return true
  const before = nameWordBefore(tokens, first, last)
  return before !== undefined && !notName(before) && !PERSON_PREFIXES.has(before.text) && (isGivenName(before) || !commonWord(before)) &&
    before.text !== (tokens[first] as Token).text
}

/** Whether the one word at `first`–`last` follows a given name as its surname ("Chris Cornell"), not a place. */
export const surnameAfterGivenName = (tokens: readonly Token[], first: number, last: number): boolean => {
  const before = nameWordBefore(tokens, first, last)
  return before !== undefined && isGivenName(before) && !isKnownPlace(before.lower)
}

// Where a capital is the city: after a preposition of place ("born in Kyiv", "a summit outside Paris"),
// or of movement after a verb of going ("moved back to Berlin", "flew in from Tokyo").
const AT_PLACE = new Set(['in', 'near', 'outside', 'around', 'into'])
const TO_OR_FROM = new Set(['to', 'from'])
const GOING = new Set(['back', 'moved', 'move', 'moving', 'went', 'go', 'going', 'goes', 'came', 'come', 'comes', 'coming', 'flew', 'fly',
  'flying', 'travel', 'traveled', 'travelled', 'traveling', 'travelling', 'returned', 'return', 'returning', 'drove', 'drive', 'driving',
  'relocated', 'emigrated', 'trip', 'flight', 'flights', 'train', 'way', 'commute', 'commuted', 'in', 'all'])
// "visited Kyiv", "toured Taipei": the city someone is in, with no preposition.
const VISITING = new Set(['visit', 'visits', 'visited', 'visiting', 'toured', 'touring', 'reached', 'landed'])
// "officials in Beijing", "hawks in Washington": the government the capital stands for.
const GOVERNING = new Set(['officials', 'leaders', 'leadership', 'government', 'governments', 'regime', 'authorities', 'policymakers',
  'hawks', 'doves', 'diplomats', 'negotiators', 'elites', 'planners', 'bureaucrats', 'politicians', 'lawmakers', 'establishment',
  'consensus', 'thinking', 'mood', 'view', 'views', 'people'])

/**
 * Whether the gazetteer's capital alias at `first`–`last` (`Kyiv` for Ukraine) names the city
 * rather than its country's government: after "in" and the like, unless officials are the ones in
 * it, or after "to"/"from" following a verb of going. The proper-noun pass then reads it as a city.
 */
export const capitalAsCity = (tokens: readonly Token[], first: number, last: number): boolean => {
  const before = tokens[first - 1]
  if (!before || before.sentence !== (tokens[first] as Token).sentence) return false
  const earlier = tokens[first - 2]?.lower ?? ''
  const place = AT_PLACE.has(before.lower) ? !GOVERNING.has(earlier) : (TO_OR_FROM.has(before.lower) && GOING.has(earlier)) || VISITING.has(before.lower)
  return place && knownCapitals().has(tokens.slice(first, last + 1).map((t) => t.lower).join(' '))
}

/** Whether most words of the sentence around token `i` are written in capitals (a headline, captions). */
export const capsSentence = (tokens: readonly Token[], i: number): boolean => {
  const { words, caps } = sentenceCase(tokens, i)
  // A one-word headline ("SOCCER -") counts too, when the word is long enough not to be an acronym.
  return words >= 3 ? caps >= words * 0.6 : words >= 1 && caps === words && (words === 2 || (tokens[i] as Token).text.length >= 5)
}

// Counted once per unit (a sentence, or a line of one): every name and every short alias in it asks,
// and walking a long unpunctuated caption "sentence" again for each of them was quadratic.
const unitCases = new WeakMap<readonly Token[], Map<number, { words: number; caps: number }>>()

const NO_LETTER = 0
const CAPITALS = 1
const MIXED = 2
/**
 * Whether a word holds an ASCII letter (NO_LETTER if not) and is written in capitals (it does not
 * change upper-cased): one pass over its code units instead of a regex test and a new upper-case
 * string for every word of every unit. Words with other letters than ASCII ask toUpperCase.
 */
const caseShape = (w: string): number => {
  let letter = false
  let lower = false
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k)
    if (c > 127) return /[A-Za-z]/.test(w) ? (w === w.toUpperCase() ? CAPITALS : MIXED) : NO_LETTER
    if (c >= 97 && c <= 122) letter = lower = true
    else if (c >= 65 && c <= 90) letter = true
  }
  return !letter ? NO_LETTER : lower ? MIXED : CAPITALS
}

/**
 * Words (of two letters or more) among the first 40 of token `i`'s unit, and how many are in
 * capitals. A unit ends at its sentence's end or a line break, so one headline line or table row
 * in capitals does not make the running text after it count as capitals too.
 */
const sentenceCase = (tokens: readonly Token[], i: number): { words: number; caps: number } => {
  const sentence = (tokens[i] as Token).sentence
  let lo = i
  while (lo > 0 && !(tokens[lo] as Token).lineStart && (tokens[lo - 1] as Token).sentence === sentence) lo--
  let byUnit = unitCases.get(tokens)
  if (!byUnit) unitCases.set(tokens, (byUnit = new Map()))
  const known = byUnit.get(lo)
  if (known) return known
  let caps = 0
  let words = 0
  for (let k = lo; k < tokens.length && (tokens[k] as Token).sentence === sentence && !(k > lo && (tokens[k] as Token).lineStart) && words < 40; k++) {
    const w = (tokens[k] as Token).text
    if (w.length < 2) continue
    const shape = caseShape(w)
    if (shape === NO_LETTER) continue
    words++
    if (shape === CAPITALS) caps++
  }
  const counted = { words, caps }
  byUnit.set(lo, counted)
  return counted
}

/** A word that is nobody's name on its own in capitals: the lexicon knows it as a common word. */
const isPlainWord = (t: Token): boolean => commonWord(t) || t.text.length < 2

// Titles that in capitals still stand before a person's name: "SENATOR CHUCK SCHUMER", "PRESIDENT BIDEN".
// Not the words that also open a body's or a thing's name ("GENERAL MOTORS", "KING COUNTY", "CHIEF EXECUTIVE").
const CAPS_TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'president', 'senator', 'sen', 'rep', 'representative', 'congressman', 'congresswoman',
  'governor', 'gov', 'secretary', 'minister', 'premier', 'ambassador', 'professor', 'prof', 'mayor', 'chancellor', 'judge', 'justice',
  'sheikh', 'pope', 'cardinal', 'rabbi', 'councilmember', 'councilman', 'councilwoman', 'assemblymember', 'assemblyman', 'assemblywoman'])
// Tags of words that close no name: "SENATOR JOHN SAID", "MAYOR ADAMS AND".
const NO_SURNAME_TAGS = new Set(['DT', 'IN', 'CC', 'PRP', 'PRP$', 'MD', 'TO', 'WDT', 'WP', 'WRB', 'EX', 'VBZ', 'VBD', 'VBP', 'CD'])
const canEndName = (t: Token | undefined): t is Token =>
  t !== undefined && /^[A-Z][A-Z'’-]+$/.test(t.text) && !CAPS_TITLES.has(t.lower) && !SAY_VERBS.has(t.lower) &&
  !(lexiconTags(t.lower) ?? []).some((tag) => NO_SURNAME_TAGS.has(tag))

/**
 * The person a title names in capitals: "SENATOR ELIZABETH WARREN" (a given name and the next word,
 * whatever it means elsewhere), "PRESIDENT BIDEN" (one word the lexicon does not know). Returns the
 * index in the run of the name's first word and its length, or nothing.
 */
const titledNameAt = (run: readonly Token[], k: number): { at: number; length: 1 | 2 } | undefined => {
  if (!CAPS_TITLES.has((run[k] as Token).lower)) return undefined
  let n = k + 1
  while (run[n] !== undefined && (CAPS_TITLES.has((run[n] as Token).lower) || (run[n] as Token).text === '.')) n++
  const given = run[n]
  if (given === undefined || !/^[A-Z]/.test(given.text)) return undefined
  if (knownGivenNames().has(given.lower) && canEndName(run[n + 1])) return { at: n, length: 2 }
  return given.text.length >= 3 && !isPlainWord(given) && !knownGivenNames().has(given.lower) && canEndName(given) ? { at: n, length: 1 } : undefined
}

/**
 * Names that hold in any case inside a run of capitals: a country or capital (one or two words), a
 * name after a person's title, or a given name followed by a word the lexicon does not know (a
 * surname): "ANTHONY GEARY", "ROMANIA". Untitled surnames that are also common words ("HILL") are
 * missed: in capitals nothing tells them apart.
 */
const knownNamesIn = (run: readonly Token[]): Array<{ at: number; tokens: Token[]; type: EntityType; evidence: string }> => {
  const found: Array<{ at: number; tokens: Token[]; type: EntityType; evidence: string }> = []
  for (let k = 0; k < run.length; k++) {
    const t = run[k] as Token
    const next = run[k + 1]
    const pair = next ? `${t.lower} ${next.lower}` : ''
    const titled = titledNameAt(run, k)
    if (titled) {
      found.push({ at: titled.at, tokens: run.slice(titled.at, titled.at + titled.length), type: 'PERSON', evidence: `title "${t.text}"` })
      k = titled.at + titled.length - 1
    } else if (next && isKnownPlace(pair)) {
      found.push({ at: k, tokens: [t, next], type: 'GPE', evidence: 'a known place' })
      k++
    } else if (isKnownPlace(t.lower) && t.lower.length > 3 && !knownGivenNames().has(t.lower)) {
      found.push({ at: k, tokens: [t], type: 'GPE', evidence: 'a known place' })
    } else if (next && knownGivenNames().has(t.lower) && !isPlainWord(t) && !isPlainWord(next) && !hasDigit(next.text) && !knownGivenNames().has(next.lower)) {
      found.push({ at: k, tokens: [t, next], type: 'PERSON', evidence: `given name "${t.text}"` })
      k++
    }
  }
  return found
}

// ASCII text is its own NFKD form with no combining marks: most names skip both steps.
const NON_ASCII = /[\u0080-\uffff]/
export const slug = (s: string): string => (!NON_ASCII.test(s) ? s : s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

export interface ProperNoun extends EntityMention {
  type: EntityType
  /** The entity's name when the mention is another word for it ("Austrians" → "Austria"). */
  canonical?: string
  evidence: string
  /** How much the evidence weighs when mentions of one name disagree (higher wins). */
  strength: number
}

// A cue word types a name only where cue words stand: last ("Clean Air Act"), or before "of"
// ("Bank of England", "Bill of Rights"); "Bill Gates" is no bill.
// "World War II": a number in Roman numerals after an event's or a law's word ends the name (after
// other words it is a generation: "Carl Mark Force IV").
const ROMAN = /^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$/
const cueAt = (words: readonly string[], cues: ReadonlySet<string>, numbered = false): boolean =>
  words.some((w, k) => cues.has(w) && (k === words.length - 1 || words[k + 1] === 'of' || (numbered && k === words.length - 2 && ROMAN.test(words[k + 1] as string))))

/** Words of a name, not counting the apostrophes, full stops and particles inside it ("Keith O'Neill": 3). */
const nameLength = (run: readonly Token[]): number => {
  let n = 0
  for (const t of run) if (isCapitalised(t)) n++
  return n
}

// Words after a name and a hyphen that make it an adjective ("Hong Kong-based", "Biden-era"), not a syllable of the name.
const NOT_SYLLABLES = new Set(['era', 'based', 'led', 'style', 'like', 'born', 'made', 'run', 'owned', 'backed', 'linked', 'type', 'sized',
  'level', 'wide', 'free', 'bound', 'ruled', 'held', 'built', 'brand', 'size', 'ish', 'esque', 'only', 'first', 'plus', 'lite',
  'area', 'zone', 'wing', 'side', 'day', 'year', 'time', 'age', 'war', 'law', 'act', 'bill', 'deal', 'talk', 'talks', 'class', 'scale'])

// Chinese surnames in pinyin (the hundred most common), and a pinyin syllable: "He Lifeng", "Liu He",
// "Han Zheng" are people, though "he", "han" and "liu"… look like common words or none.
const PINYIN_SURNAMES = new Set(['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu',
  'guo', 'he', 'gao', 'lin', 'luo', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng', 'zeng', 'xiao', 'tian',
  'dong', 'yuan', 'pan', 'yu', 'jiang', 'cai', 'du', 'ye', 'cheng', 'su', 'wei', 'lu', 'ding', 'ren', 'shen', 'yao', 'cui', 'zhong', 'tan',
  'fan', 'jin', 'shi', 'liao', 'jia', 'xia', 'fu', 'fang', 'bai', 'zou', 'meng', 'xiong', 'qin', 'qiu', 'yin', 'xue', 'yan', 'duan', 'lei',
  'hou', 'long', 'tao', 'gu', 'mao', 'hao', 'gong', 'shao', 'wan', 'qian', 'dai', 'mo', 'kong', 'xiang', 'kang', 'ni', 'bi', 'chang', 'qi'])
const PINYIN_SYLLABLE = String.raw`(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|iao|ian|ing|uai|uan|ang|eng|ong|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|a|o|e|i|u)`
const PINYIN_GIVEN = new RegExp(String.raw`^${PINYIN_SYLLABLE}(?:['’-]?${PINYIN_SYLLABLE})?$`)

const ROMANIZED_NAME = /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+-\p{Ll}+$/u

/** A Chinese name in pinyin, surname first: a common surname, then one or two syllables ("He Lifeng", "Liu He"). */
const isPinyinName = (run: readonly Token[]): boolean =>
  run.length === 2 && PINYIN_SURNAMES.has((run[0] as Token).lower) && PINYIN_GIVEN.test((run[1] as Token).lower)

// Common nouns for a place, before "of" its name or (the second set) after it.
const PLACE_NOUNS = new Set(['village', 'town', 'city', 'province', 'region', 'district', 'county', 'state', 'island', 'capital', 'port',
  'municipality', 'prefecture', 'oblast', 'republic', 'enclave', 'territory', 'suburb', 'outskirts'])
const PLACE_NOUNS_AFTER = new Set(['region', 'province', 'district', 'village', 'town', 'county', 'oblast', 'prefecture', 'municipality', 'enclave', 'airport'])
// Words for a kind of body right before its name: "the news agency Tanjug", "the carmaker Geely".
const ORG_NOUNS_BEFORE = new Set(['agency', 'newspaper', 'daily', 'weekly', 'magazine', 'broadcaster', 'company', 'firm', 'bank', 'airline',
  'carrier', 'club', 'conglomerate', 'automaker', 'carmaker', 'retailer', 'insurer', 'publisher', 'startup', 'chipmaker', 'brokerage', 'lender'])
// Words before a name that only a person follows: "we asked Kessler", "I agree with Kessler".
const ADDRESSED = new Set(['asked', 'asks', 'told', 'tells', 'thanked', 'thank', 'interviewed', 'invited', 'congratulated', 'quoted'])
const WITH_SOMEONE = new Set(['agree', 'agreed', 'agrees', 'disagree', 'disagreed', 'disagrees', 'spoke', 'spoken', 'speaking', 'talked',
  'talking', 'chatted', 'chatting', 'met', 'meeting', 'sat', 'conversation', 'interview'])

/** Whether the words around a lone name say it is a person: who is asked or agreed with, or who "put it". */
const personByContext = (before: Token | undefined, earlier: Token | undefined, after: Token | undefined, next: Token | undefined): string | undefined => {
  if (before && ADDRESSED.has(before.lower)) return `after "${before.text}"`
  if (before?.lower === 'with' && earlier && WITH_SOMEONE.has(earlier.lower)) return `after "${earlier.text} with"`
  // "As Kessler put it": the phrase of quoting someone.
  if ((after?.lower === 'put' || after?.lower === 'puts') && next?.lower === 'it') return `"${after.text} it" after it`
  return undefined
}

const INNER_CAPITAL = /^\p{Lu}\p{Ll}+\p{Lu}/u
const NAME_PREFIX = /^(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|Fitz|St)\p{Lu}/u
// Endings of surnames in a dozen languages: -son, -sen, -ez, -ski, -ov, -enko, -escu, -opoulos, -stein…
const SURNAME_ENDING = /^\p{Lu}\p{Ll}{2,}(?:son|sen|ez|ski|sky|ov|ova|ev|eva|enko|vic|vich|wicz|escu|opoulos|ides|stein|berg)$/u

// Who works or studies at a school, before "at" and its name.
const ACADEMIC = new Set(['professor', 'professors', 'fellow', 'fellows', 'student', 'students', 'studied', 'studies', 'study', 'studying', 'teaches', 'taught',
  'teach', 'teaching', 'dean', 'researcher', 'researchers', 'scholar', 'scholars', 'lecturer', 'graduate', 'graduated', 'alumnus', 'alumni', 'undergrad', 'postdoc', 'phd', 'provost'])

const typeOf = (run: readonly Token[], before: Token | undefined, after: Token | undefined, name: string, earlier?: Token, next?: Token): [EntityType, string, number] => {
  const words = run.map((t) => t.text)
  const length = nameLength(run)
  if (HOLIDAYS.has(name.toLowerCase())) return ['EVENT', 'a holiday', 3]
  // "DeepMind", "WordPress", "ImageNet": a capital inside a lone word is a brand's, not a place's or a
  // person's ("McCarthy", "DeSantis", "LeBron" aside).
  if (run.length === 1 && INNER_CAPITAL.test(words[0] as string) && !NAME_PREFIX.test(words[0] as string)) return ['ORG', 'a capital inside the word', 1.5]
  // "Soviet Union", "Isle of Man": a known place whose last word is also a cue word.
  if (run.length >= 2 && isKnownPlace(name)) return ['GPE', 'a known place', 3]
  // "Florida Gov. Ron DeSantis": a place before a title, which no person's name is.
  if (after && TITLES.has(after.text) && isKnownPlace(name)) return ['GPE', `a place before the title "${after.text}"`, 2.5]
  // "State of Texas", "Commonwealth of Virginia": a state's formal name.
  if (run.length >= 3 && DESIGNATIONS.has(words[0] as string) && words[1] === 'of' && isKnownPlace(words.slice(2).join(' '))) return ['GPE', 'a state\'s formal name', 3]
  // "Organisation of Islamic Conference", "Treaty of Rome", "Summit of the Americas": the word before
  // the first "of" is the head, whatever a later word says.
  const of = words.indexOf('of')
  const head = (of >= 0 ? of : words.indexOf('for')) - 1
  if (head >= 0 && ORG_WORDS.has(words[head] as string)) return ['ORG', 'organisation word', 3]
  if (cueAt(words, LAW_WORDS, true)) return ['LAW', 'law word', 3]
  if (cueAt(words, EVENT_WORDS, true)) return ['EVENT', 'event word', 3]
  if (cueAt(words, ORG_WORDS)) return ['ORG', 'organisation word', 3]
  if (words.includes('&')) return ['ORG', 'names joined by "&"', 2.5]
  // "Taiwan Strait", and "Strait of Hormuz", "Gulf of Mexico" with the place word before "of".
  if (run.length >= 2 && cueAt(words, PLACE_WORDS)) return ['GPE', 'place word', 3]
  if (run.length === 3 && NAME_ABBREVIATIONS.has(words[0] as string) && words[1] === '.') return ['GPE', `"${words[0]}." opening it`, 2]
  if (run.length >= 2 && COMPASS.has((run[0] as Token).lower) && isKnownPlace(name.slice(name.indexOf(' ') + 1))) return ['GPE', 'compass word and a known place', 2.5]
  // "Dodd-Frank rules", "the Sarbanes-Oxley law": a hyphenated name before a word for a law.
  if (words.includes('-') && after && LAW_NOUNS.has(after.lower)) return ['LAW', `hyphenated name before "${after.text}"`, 3]
  if (before && TITLES.has(before.text)) return ['PERSON', `title "${before.text}"`, 3]
  // "a professor at Georgetown", "studied at Cambridge": a school named after its town.
  if (before?.lower === 'at' && earlier && ACADEMIC.has(earlier.lower)) return ['ORG', `a school, after "${earlier.text} at"`, 2.4]
  if (knownPlaces().has(name.toLowerCase())) return ['GPE', 'a country or capital', 2.5]
  // "Interfax news agency", "Ruch club", "the Zycie Warszawy daily": the noun after the name says what it is.
  if (after && (ORG_NOUNS_AFTER.has(after.text) || marketNoun(after, next)) && !knownRegions().has(name.toLowerCase())) return ['ORG', `"${after.text}" after it`, 2.5]
  // "the Yugoslav news agency Tanjug", "the carmaker Geely": the noun before the name says it too.
  if (before && ORG_NOUNS_BEFORE.has(before.text) && !isKnownPlace(name)) return ['ORG', `"${before.text}" before it`, 2.5]
  // "Lockerbie, Scotland", "Kherson, Ukraine": a place named with the country or state it is in.
  if (length <= 3 && after?.text === ',' && next && isCapitalised(next) && isKnownPlace(next.text) && !isKnownPlace(name)) return ['GPE', `a place before "${next.text}"`, 2.5]
  const lower = name.toLowerCase()
  // "to Odessa", "in Austin": a city that is also a given name, after a word of place; "officials in
  // Chicago said" is no person either.
  if (run.length === 1 && before && PLACE_PREPOSITIONS.has(before.lower) && knownRegions().has(lower)) return ['GPE', `a city, after "${before.text}"`, 2]
  // "the village of Mahala", "the town of Tavildara", "the disputed Nagorno-Karabakh region".
  if (before?.lower === 'of' && earlier && (PLACE_NOUNS.has(earlier.text) || COMPASS.has(earlier.text))) return ['GPE', `after "${earlier.text} of"`, 2.5]
  // "Chris Miller of Tufts", "Fei-Fei Li of Stanford": the one word after a person and "of" (the run
  // stopped there) is where they work, not another person.
  if (run.length === 1 && before?.lower === 'of' && earlier && isCapitalised(earlier) && !TITLES.has(earlier.text) && !earlier.initial && !isKnownPlace(lower)) {
    return ['ORG', `after "${earlier.text} of"`, 2.5]
  }
  if (after && PLACE_NOUNS_AFTER.has(after.text)) return ['GPE', `"${after.text}" after it`, 2]
  const person = run.length === 1 ? personByContext(before, earlier, after, next) : undefined
  if (person) return ['PERSON', person, 1.2]
  // Agencies and firms say things too ("Interfax said"): for a lone word it is weak evidence.
  // An acronym of four letters or more is a body ("NATO said"); three may be initials ("AOC said").
  if (after && SAY_VERBS.has(after.text) && !(run.length === 1 && isAcronym(words[0] as string) && (words[0] as string).length >= 4)) {
    return ['PERSON', `speech verb "${after.text}"`, length >= 2 ? 3 : 1.2]
  }
  // "Kansas City", "Los Angeles": before the given-name rule ("San", "Santa" are given names too).
  if (run.length >= 2 && knownRegions().has(lower)) return ['GPE', 'a city or region', 2]
  // "Carl Mark Force IV", "Martin Luther King Jr": a generational suffix follows a person's name.
  if (length >= 2 && GENERATIONAL.has(words.at(-1) as string) && knownGivenNames().has((run[0] as Token).lower)) return ['PERSON', `given name and "${words.at(-1)}"`, 2.5]
  if (length >= 2 && length <= 3 && isGivenName(run[0] as Token)) return ['PERSON', `given name "${(run[0] as Token).text}"`, 2]
  // "Asia", "Africa": a continent or a region of the world, which given-name lists hold too.
  if (run.length === 1 && knownWorldRegions().has(lower)) return ['GPE', 'a region of the world', 2]
  // "Adam", "Sarah" alone: a given name the lexicon does not also know as a common word ("Will", "Bill").
  if (run.length === 1 && knownGivenNames().has((run[0] as Token).lower) && !commonWord(run[0] as Token)) return ['PERSON', 'given name', 1.5]
  // Below 2: a lone "Austin" or "Jackson" later found to be someone's surname is relinked to the person.
  if (run.length === 1 && knownRegions().has(lower)) return ['GPE', 'a city or region', 1.8]
  if (run.length === 1 && PLACE_ABBREVIATIONS.has(words[0] as string)) return ['GPE', `abbreviation of ${PLACE_ABBREVIATIONS.get(words[0] as string)}`, 2]
  if (run.length === 1 && isAcronym(words[0] as string)) return ['ORG', 'acronym', 1]
  // "According to Kessler" quotes a source, which is no place.
  if (run.length === 1 && before && PLACE_PREPOSITIONS.has(before.lower) && !(before.lower === 'to' && earlier?.lower === 'according')) return ['GPE', `after "${before.text}"`, 1]
  // "S. Waugh", "J. R. Smith": initials belong to people.
  if (length >= 2 && run.some((t, k) => t.text.length === 1 && run[k + 1]?.text === '.')) return ['PERSON', 'an initial', 2]
  if (isPinyinName(run)) return ['PERSON', 'a Chinese name in pinyin', 2]
  // "Moon Jae-in", "Lai Ching-te": a surname and a romanized two-syllable given name.
  if (ROMANIZED_NAME.test(name)) return ['PERSON', 'a romanized given name', 2]
  // People's names are rarely made of common words; "Red Star", "Real Madrid", "Gold Fields" are.
  if (length >= 2 && length <= 3 && run.some((t) => isCapitalised(t) && t.text.length > 1 && commonWord(t))) return ['ORG', 'a name made with a common word', 0.8]
  // "Cambridge Analytica", "Boston Dynamics": a place opening a two-word name, no given name, names a body.
  if (run.length === 2 && knownRegions().has((run[0] as Token).lower) && !isGivenName(run[0] as Token) && !isKnownPlace((run[1] as Token).lower)) return ['ORG', 'a place opening a name', 1]
  // "KYC AML": acronyms side by side name no one.
  if (length >= 2 && length <= 3 && !run.every((t) => isAcronym(t.text))) return ['PERSON', 'two or three capitalised words', 1]
  // "Gonzalez", "Jensen", "Kuznetsov": a lone word with a surname's ending, a little more likely someone.
  if (run.length === 1 && SURNAME_ENDING.test(words[0] as string)) return ['PERSON', 'a surname\'s ending', 0.6]
  return ['ORG', 'capitalised word', 0.5]
}

// "CHICAGO 74 59" in the standings is the team, "Atlanta at Chicago" the city: two entities, so the
// document's one-type-per-entity vote never makes the city a club.
const teamId = (name: string): string => `${slug(name)}-team`

const isFigure = (t: Token | undefined): boolean => t !== undefined && t.text.charCodeAt(0) >= 48 && t.text.charCodeAt(0) <= 57

/**
 * "Leeds 2 Newcastle 1", "NEW YORK 74 59 .556", "Leicestershire 22 points, Somerset 4": a city or
 * region that opens a line of figures, or follows a score, with a figure after it, is a team, as
 * results and standings are written. A country is not retyped: national sides are named as places.
 */
const inResultsRow = (tokens: readonly Token[], first: number, last: number, text: string): boolean => {
  // A dateline ("NEW YORK 1996-08-29") is a place and a date.
  // A clock ("Andre 12:03", a speaker's timestamp) is no score either.
  const after = text.slice((tokens[last] as Token).end, (tokens[last] as Token).end + 14)
  if (!isFigure(tokens[last + 1]) || DATE_AFTER.test(after) || CLOCK_AFTER.test(after)) return false
  const opens = first === 0 || (tokens[first] as Token).lineStart || isFigure(tokens[first - 1]) || tokens[first - 1]?.text === ','
  if (!opens) return false
  let lo = first
  while (lo > 0 && !(tokens[lo] as Token).lineStart && first - lo < 20) lo--
  let figures = 0
  for (let k = lo; k < tokens.length && (k === lo || !(tokens[k] as Token).lineStart) && k - lo < 40; k++) if (isFigure(tokens[k])) figures++
  return figures >= 2
}
/**
 * "Karlsruhe won the match 3-1", "Jim Thome homered for Cleveland", "the Newcastle striker": a city
 * or region in a sentence of a sports report is its club. The sentence must use a word only sport
 * uses, and a score or a word for a result (a vote of "52-48 against Texas" is no match).
 */
const inSportsReport = (tokens: readonly Token[], first: number, last: number): boolean => {
  const role = tokens[last + 1]
  if (role && SPORTS_ROLES.has(role.lower)) return true
  // Where a match is played, and a dateline: "In Toronto, Tapani allowed…", "At Portsmouth:",
  // "Edgbaston, Birmingham", "ARLINGTON, Texas 1996-08-31", "BONN 1996-08-31".
  const before = tokens[first - 1]
  if (before && (PLACE_PREPOSITIONS.has(before.lower) || before.text === ',' || before.text === '(')) return false
  if (role?.text === ',' || role?.text === ':' || (role !== undefined && /^\d{4}$/.test(role.text) && tokens[last + 2]?.text === '-')) return false
  const sentence = (tokens[first] as Token).sentence
  let sport = false
  let result = false
  for (let k = Math.max(0, first - 40); k < Math.min(tokens.length, last + 40); k++) {
    const t = tokens[k] as Token
    if (t.sentence !== sentence) continue
    if (SPORTS_WORDS.has(t.lower)) sport = true
    if (SPORTS_RESULTS.has(t.lower) || isScore(tokens, k)) result = true
  }
  return sport && result
}
// "3-1", not a date ("1996-08-30") or a range of years.
const isScore = (tokens: readonly Token[], k: number): boolean => {
  const [a, dash, b] = [tokens[k] as Token, tokens[k + 1], tokens[k + 2]]
  return dash?.text === '-' && b !== undefined && a.end === dash.start && dash.end === b.start && /^\d{1,3}$/.test(a.text) && /^\d{1,3}$/.test(b.text) &&
    tokens[k - 1]?.text !== '-' && tokens[k + 3]?.text !== '-'
}
const SPORTS_ROLES = new Set(['striker', 'strikers', 'midfielder', 'defender', 'goalkeeper', 'winger', 'batsman', 'bowler', 'pitcher', 'outfielder',
  'quarterback', 'skipper', 'fans', 'team-mate', 'teammate'])
// Words only sport uses: "goal", "match", "penalty" and "cup" name other things in policy talk too.
const SPORTS_WORDS = new Set(['league', 'innings', 'inning', 'wicket', 'wickets', 'homer', 'homers', 'homered', 'striker', 'midfielder',
  'goalkeeper', 'coach', 'half-time', 'halftime', 'tournament', 'championship', 'playoff', 'playoffs', 'fixture', 'stadium', 'touchdown',
  'touchdowns', 'rbi', 'pitcher', 'batsman', 'bowler', 'quarterback', 'soccer', 'football', 'baseball', 'basketball', 'hockey', 'cricket',
  'rugby', 'referee'])
const SPORTS_RESULTS = new Set(['beat', 'beats', 'won', 'lost', 'drew', 'draw', 'defeated', 'defeat', 'victory', 'tied', 'homered',
  'routed', 'edged', 'thrashed', 'hammered'])
const DATE_AFTER = /^\s*\d{4}-\d\d-\d\d/
const CLOCK_AFTER = /^\s*\(?\d{1,2}:\d\d/
const TEAM = { type: 'ORG' as const, evidence: 'a place in a row of results: a team', strength: 2.6 }

// One object shape for every name found, written out: a spread of a typing object into the literal
// went through V8's slow path and made objects of several shapes.
const properNoun = (first: Token, end: number, text: string, entityId: string, type: EntityType, evidence: string, strength: number): ProperNoun =>
  ({ turn: first.turn, start: first.start, end, text, entityId, source: 'proper-noun', type, evidence, strength })
/** The name written from token `a` to token `z`, its id the slug of that text. */
const spanNoun = (a: Token, z: Token, text: string, type: EntityType, evidence: string, strength: number): ProperNoun => {
  const name = text.slice(a.start, z.end)
  return properNoun(a, z.end, name, slug(name), type, evidence, strength)
}
const teamNoun = (first: Token, end: number, name: string): ProperNoun => properNoun(first, end, name, teamId(name), TEAM.type, TEAM.evidence, TEAM.strength)

// No closures inside findProperNouns' loops: an arrow that captures a loop variable makes V8 allocate
// a context for every iteration, taken or not (measured: half of what the stage allocated, 13 kB a turn).
const idiomAt = (tokens: readonly Token[], i: number, idiom: readonly string[]): boolean => {
  for (let k = 0; k < idiom.length; k++) if (tokens[i + k]?.text !== idiom[k]) return false
  return true
}

// Titles that are also surnames ("King", "Bishop"), unlike abbreviations ("Gov", "Sen").
const TITLE_ABBREVIATIONS = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Rep', 'Sen', 'Gov'])
/** "Stephen King", "Billie Jean King": after a given name that is no place, a title word ending the run is the surname. */
const surnameTitle = (run: readonly Token[]): boolean =>
  run.length <= 3 && isGivenName(run[0] as Token) && !isKnownPlace((run[0] as Token).lower) && !TITLE_ABBREVIATIONS.has((run.at(-1) as Token).text)

/** Index of the last title word of a run, its last word aside; -1 if none. */
const lastTitleBeforeEnd = (run: readonly Token[]): number => {
  // "General Services Administration", "General Accounting Office": a body's name opens with the word.
  if (ORG_WORDS.has((run.at(-1) as Token).text)) return -1
  // "Martin Luther King Jr": a title word before nothing but a generational suffix is the surname.
  const end = GENERATIONAL.has((run.at(-1) as Token).text) ? run.length - 3 : run.length - 2
  for (let k = end; k >= 0; k--) if (TITLES.has((run[k] as Token).text)) return k
  return -1
}

/** "CTO Club", "AI Institute": an acronym that names nothing alone opens the name of the body after it. */
const acronymBeforeCue = (tokens: readonly Token[], i: number): boolean => {
  const t = tokens[i] as Token
  const n = tokens[i + 1]
  return isAcronym(t.text) && n !== undefined && n.start === t.end + 1 && n.sentence === t.sentence && ORG_WORDS.has(n.text)
}

/** Whether the one-letter token at `j` is an initial: its full stop right on it, then a capitalised word of the same sentence. */
const isInitialBefore = (tokens: readonly Token[], j: number, skip: Uint8Array): boolean => {
  const t = tokens[j] as Token
  const n = tokens[j + 1]
  const h = tokens[j + 2]
  return t.text.length === 1 && n !== undefined && h !== undefined && n.text === '.' && n.start === t.end && !skip[j + 2] && h.sentence === t.sentence &&
    isCapitalised(h) && !notName(h) && !h.lineStart
}

/**
 * Whether the token at `j` is "St", "Mt" or "Ft" with its full stop right on it, then one space and
 * a word that is no ordinary word: the sentence splitter may end a sentence at that full stop, so
 * "Maple St. The next day" is kept apart by "The" being a word, not by the sentence.
 */
const abbreviationBefore = (tokens: readonly Token[], j: number, skip: Uint8Array): boolean => {
  const n = tokens[j + 1]
  const h = tokens[j + 2]
  return NAME_ABBREVIATIONS.has((tokens[j] as Token).text) && n !== undefined && h !== undefined && n.text === '.' && n.start === (tokens[j] as Token).end &&
    !skip[j + 2] && h.start === n.end + 1 && isCapitalised(h) && !notName(h) && !isOrdinaryWord(h.text) && !h.lineStart
}

/**
 * "captain A. Smith", "and I. Austin": "A" and "I" are words, but with a full stop on them before
 * a name they are initials. Not opening a sentence or a line, where "A." and "I." head the points
 * of an outline ("I. Introduction").
 */
const initialOfName = (tokens: readonly Token[], i: number, skip: Uint8Array): boolean => {
  const t = tokens[i] as Token
  // After an opening bracket mid-line ("( A. Dale 69 , H. Morris 69 )") the word opens no outline either.
  if ((t.text !== 'A' && t.text !== 'I') || t.lineStart || !isInitialBefore(tokens, i, skip)) return false
  return !t.initial || (tokens[i - 1]?.text === '(' && !(tokens[i - 1] as Token).lineStart && !commonWord(tokens[i + 2] as Token))
}

const NO_NAMES: ReadonlySet<string> = new Set()

// Word classes no surname belongs to: "There", "So", "Such", "May" (the modal) stay words.
const CLOSED_CLASSES = new Set(['EX', 'DT', 'PDT', 'IN', 'CC', 'MD', 'UH', 'WDT', 'WP', 'PRP', 'TO'])

/**
 * Adds the last word of a person's full name to `into` where the lexicon knows it as a name and
 * never as a function word: "Rice" of "Susan Rice", not "There" of a misread "Y. There".
 */
export const addSurname = (name: string, into: Set<string>): void => {
  const space = name.lastIndexOf(' ')
  if (space <= 0) return
  const word = name.slice(space + 1)
  const tags = lexiconTags(word)
  if (tags?.includes('NNP') && !tags.some((t) => CLOSED_CLASSES.has(t))) into.add(word)
}

const ORDINALS = new Set(['First', 'Second', 'Third'])
const PEERAGE = new Set(['Prince', 'Princess', 'Duke', 'Duchess', 'King', 'Queen', 'Emperor', 'Empress', 'Marquess', 'Countess', 'Baron', 'Baroness', 'Viscount'])
// After "the", a capitalised number opens a law's or a body's name as an ordinal does: "the One Big
// Beautiful Bill Act", "the Four Freedoms Fund"; elsewhere it counts ("Two Senate committees").
const CARDINALS = new Set(['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'])

/**
 * "First Albany Corp.", "First of Michigan Corp.", "the Second Amendment", "the First World War": an
 * ordinal opens the name of a body, a law or an event that a word for one ends.
 */
const ordinalOpensName = (tokens: readonly Token[], i: number): boolean => {
  const word = (tokens[i] as Token).text
  if (!ORDINALS.has(word) && !(CARDINALS.has(word) && tokens[i - 1]?.lower === 'the')) return false
  for (let k = i + 1; k <= i + 5 && joinsName(tokens, k); k++) {
    const t = tokens[k] as Token
    if (ORG_WORDS.has(t.text) || LEGAL_SUFFIXES.has(t.text) || LAW_WORDS.has(t.text) || EVENT_WORDS.has(t.text)) return true
    if (!isCapitalised(t) && !CONNECTORS.has(t.lower)) return false
  }
  return false
}

/** The known place of up to three words after the "of" at run[of] (and a "the"), as [first, last] indices of run. */
const placeAfterOf = (run: readonly Token[], of: number, text: string): [number, number] | undefined => {
  const from = run[of + 1]?.lower === 'the' ? of + 2 : of + 1
  for (let last = Math.min(run.length - 1, from + 2); last >= from; last--) {
    if (isKnownPlace(text.slice((run[from] as Token).start, (run[last] as Token).end))) return [from, last]
  }
  return undefined
}

/**
 * Tokens of a title's "of" phrase at the start of `rest` ("of State" in "of State Marco Rubio", "of the
 * House" before "Mike Johnson"): up to a given name that a surname follows, or else one word; all of
 * `rest` when nothing is left.
 */
const titleObjectLength = (rest: readonly Token[]): number => {
  const from = rest[1]?.lower === 'the' ? 2 : 1
  // A given name with a surname after it: a last word that is a given name too ("Shinzo Abe") is the surname.
  for (let k = from + 1; k < rest.length - 1; k++) if (knownGivenNames().has((rest[k] as Token).lower)) return k
  return Math.min(rest.length, from + 1)
}

const VERB_TAGS = /^(?:VB[DZP]?|MD)$/

/**
 * "the biosimilar red tape Elimination Act", "the open America's waters Act": where speech-to-text
 * writes a bill's name in lower case, a cue word with only common words before it ("Elimination
 * Act") starts further back, at the article. The start, or -1 when nothing says so: no article within
 * ten tokens, a verb or punctuation on the way, or fewer than two words between ("the new Act").
 */
const lowerCaseLawStart = (tokens: readonly Token[], first: number, run: readonly Token[]): number => {
  // "a tax for Anti-Injunction Act purposes": capitals joined by a hyphen are a name already.
  if (!run.every((t, k) => k === run.length - 1 || commonWord(t)) || run.some((t) => t.text === '-')) return -1
  const sentence = (run[0] as Token).sentence
  let words = 0
  for (let k = first - 1; k >= 0 && first - k <= 10; k--) {
    const t = tokens[k] as Token
    if (t.sentence !== sentence) return -1
    if (DETERMINERS.has(t.lower)) return words >= 2 ? k + 1 : -1
    if (t.text === "'" || t.text === '\u2019' || t.text === '-') continue
    const c = t.lower.charCodeAt(0)
    const letter = (c >= 97 && c <= 122) || c > 127
    if (!letter || VERB_TAGS.test(lexiconTags(t.text)?.[0] ?? '')) return -1
    words++
  }
  return -1
}

/**
 * Names nobody listed: runs of capitalised words (joined by "of", "and", "for"…) among the tokens
 * no earlier stage claimed. Sentence-initial words, months, weekdays, interjections and idioms are
 * skipped; a lone sentence-initial word counts only if the lexicon does not know it as a common
 * word and the Brill tagger tags it NNP. Types come from evidence (see `typeOf`).
 */
export const findProperNouns = (tokens: readonly Token[], covered: Uint8Array, text: string, inLowerCase: (lower: string) => boolean = () => false, named: ReadonlySet<string> = NO_NAMES): ProperNoun[] => {
  const out: ProperNoun[] = []
  // The last words of the people named before (`named`, from earlier turns) and so far in the turn
  // ("Woods" of "Tiger Woods"), read from `out` as it grows: a surname that is also a word ("Woods
  // said", "said King") still names them.
  const surnames = new Set<string>(named)
  let read = 0
  const surnameOfNamed = (word: string): boolean => {
    for (; read < out.length; read++) if ((out[read] as ProperNoun).type === 'PERSON') addSurname((out[read] as ProperNoun).text, surnames)
    return surnames.has(word)
  }
  // A name never runs over a line break: lines of a caption, a table or a headline are separate
  // units. True when no token after `from`, up to `to`, starts a line.
  const unbroken = (from: number, to: number): boolean => {
    for (let k = from + 1; k <= to; k++) if ((tokens[k] as Token).lineStart) return false
    return true
  }
  // A person's full name: a given name and one or two more words, none an organisation's or a title.
  const fullName = (run: readonly Token[]): boolean => {
    const words = nameLength(run)
    return words >= 2 && words <= 3 && isGivenName(run[0] as Token) && !run.some((x) => ORG_WORDS.has(x.text) || TITLES.has(x.text))
  }
  // Where a connector may not join the name so far to the next: "Chris Miller of Tufts University"
  // is a person and a university, as "Bank of England" is not; "Johnson Controls Inc and Lear Corp"
  // are two firms, for a legal suffix ends a firm's name; "Tufts University and Lynn Reaser" are two
  // names, where "Bill and Melinda Gates Foundation" is one.
  const endsBefore = (from: number, to: number, connector: Token, next: number): boolean => {
    const last = tokens[to] as Token
    if (LEGAL_SUFFIXES.has(last.text)) return true
    if (connector.lower === 'of') {
      let s = to
      while (s > from && !CONNECTORS.has((tokens[s - 1] as Token).lower)) s--
      // "Dr. Fei-Fei Li of Stanford", "President Xi of China": a person's title says who is named before "of".
      let t = s
      while (t < to && (TITLES.has((tokens[t] as Token).text) || (tokens[t] as Token).text === '.')) t++
      const name = tokens.slice(t, to + 1)
      const before = tokens[s - 1]?.text === '.' ? tokens[s - 2] : tokens[s - 1]
      const titled = (t > s || (before !== undefined && TITLES.has(before.text))) && !name.some((x) => ORG_WORDS.has(x.text) || TITLES.has(x.text))
      return fullName(name) || (titled && nameLength(name) <= 3)
    }
    if (connector.lower !== 'and') return false
    let e = next
    while (e + 1 < tokens.length && e - next < 3 && isCapitalised(tokens[e + 1] as Token) && !(tokens[e + 1] as Token).lineStart) e++
    return fullName(tokens.slice(next, e + 1))
  }
  const skip = covered.slice()
  for (let i = 0; i < tokens.length; i++) {
    if (!IDIOM_STARTS.has((tokens[i] as Token).text)) continue
    for (const idiom of IDIOMS) if (idiomAt(tokens, i, idiom)) skip.fill(1, i, i + idiom.length)
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token
    if (skip[i] || !isCapitalised(t) || (notName(t) && !acronymBeforeCue(tokens, i) && !ordinalOpensName(tokens, i) && !initialOfName(tokens, i, skip)) || hasDigit(t.text)) continue
    let j = i
    // Bounded: a run of capitals in a caption file can be the whole text, and it is cut at its first
    // "and" below, so scanning it to its end from every start was quadratic. No name is this long.
    while (j - i < MAX_RUN_TOKENS) {
      const n = tokens[j + 1]
      const h = tokens[j + 2]
      // "Coldcard Coldcard Coldcard": a word said again is speech-to-text's echo, not a longer name.
      if (n && !skip[j + 1] && n.sentence === t.sentence && isCapitalised(n) && !notName(n) && !hasDigit(n.text) && n.start - (tokens[j] as Token).end <= 1 && !n.lineStart &&
        n.text !== (tokens[j] as Token).text) { j++; continue }
      // "O'Brien", "D'Alema": a capital, an apostrophe and a capitalised word, with no space, are one word.
      if (n && h && (n.text === "'" || n.text === '\u2019') && (tokens[j] as Token).text.length === 1 && n.start === (tokens[j] as Token).end && h.start === n.end && isCapitalised(h)) { j += 2; continue }
      // "S. Waugh": an initial and its full stop before a capitalised word.
      if (isInitialBefore(tokens, j, skip) || abbreviationBefore(tokens, j, skip)) { j += 2; continue }
      // "Dodd-Frank", "Sarbanes-Oxley": capitalised words joined by a hyphen are one name.
      // Not "US-China" or "Sino-Japanese": a pair of places is a relation, not a name.
      if (n && h && n.text === '-' && n.start === (tokens[j] as Token).end && h.start === n.end && !skip[j + 2] && isCapitalised(h) && !hasDigit(h.text) &&
        !isAcronym((tokens[j] as Token).text) && !isAcronym(h.text) && !knownPlaces().has((tokens[j] as Token).lower) && !knownPlaces().has(h.lower)) { j += 2; continue }
      // "Tsai Ing-wen", "Moon Jae-in", "Kim Jong-un": a romanized given name's second syllable in lower
      // case, after a capitalised word that follows another ("Hong Kong-based", "Trump-era" are not).
      if (n && h && n.text === '-' && j > i && n.start === (tokens[j] as Token).end && h.start === n.end && /^[a-z]{1,5}$/.test(h.text) &&
        !NOT_SYLLABLES.has(h.text) && !/^\p{L}/u.test(text.charAt(h.end))) { j += 2; break }
      // "Inzamam-ul-Haq", "Chester-le-Street": a short lower-case particle between hyphens.
      const l = tokens[j + 3]
      const r = tokens[j + 4]
      if (n && h && l && r && n.text === '-' && l.text === '-' && h.text.length <= 3 && NAME_PARTICLES.has(h.text) && n.start === (tokens[j] as Token).end &&
        h.start === n.end && l.start === h.end && r.start === l.end && !skip[j + 4] && isCapitalised(r)) { j += 4; continue }
      const c = tokens[j + 1]
      // "van der Westhuizen": particles between capitalised words, or after a given name.
      let p = j + 1
      while (p - j <= 2 && tokens[p] && NAME_PARTICLES.has((tokens[p] as Token).text) && !(tokens[p] as Token).lineStart) p++
      const q = tokens[p]
      if (p > j + 1 && q && !skip[p] && q.sentence === t.sentence && isCapitalised(q) && !notName(q) && !hasDigit(q.text) && !q.lineStart) { j = p; continue }
      // "Ministry of Commerce of the PRC": "of the" joins as one connector.
      const gap = c?.lower === 'of' && tokens[j + 2]?.lower === 'the' ? 2 : 1
      const m = tokens[j + 1 + gap]
      if (c && m && CONNECTORS.has(c.lower) && !skip[j + 1 + gap] && m.sentence === t.sentence && isCapitalised(m) && !notName(m) && !hasDigit(m.text) && unbroken(j, j + 1 + gap) &&
        !endsBefore(i, j, c, j + 1 + gap)) { j += 1 + gap; continue }
      break
    }
    // "Scottish MPs", "Ukrainian NGOs": a plural acronym is a common noun, and what is left before it
    // is read on its own.
    while (j >= i && PLURAL_ACRONYM.test((tokens[j] as Token).text)) j--
    if (j < i) continue
    // The number ends the run when written in Roman numerals ("Title IX"); a word opening the
    // sentence before the head ("Under Title IX") is not the provision's.
    const from = (tokens[i] as Token).initial && j > i && commonWord(tokens[i] as Token) && !NUMBERED_HEADS.has((tokens[i] as Token).text) ? i + 1 : i
    const numbered = j > from && numberedLawEnd(tokens, from, j - 1) === j ? j : numberedLawEnd(tokens, from, j)
    if (numbered >= j && numbered > from) {
      out.push(spanNoun(tokens[from] as Token, tokens[numbered] as Token, text, 'LAW', 'a numbered provision', 3))
      i = numbered
      continue
    }
    let first = i
    // Drop a common word opening the sentence ("Take Lutnick" keeps "Lutnick"), and any connector after it.
    // …unless it is a given name before another name ("Bill Gates said"), or a title whose "of"
    // phrase follows ("Secretary of State Marco Rubio met…": "State" is the title's).
    if (t.initial && t.text.length > 1 && commonWord(t) && !(j === i && surnameOfNamed(t.text)) && !(j > i && (isGivenName(t) || (TITLES.has(t.text) && (tokens[i + 1] as Token).lower === 'of') || isKnownPlace(t.lower) || isKnownPlace(`${t.lower} ${(tokens[i + 1] as Token).lower}`) || isKnownPlace(text.slice(t.start, (tokens[j] as Token).end)) || opensCuedName(tokens, i, j)))) first = i + 1
    while (first <= j && (CONNECTORS.has((tokens[first] as Token).lower) || (first > i && (tokens[first] as Token).lower === 'the'))) first++
    // "Iran and Russia" is two names; "Bureau of Industry and Security" is one (it has an organisation
    // word), and so is "Douglas & Lomason": an ampersand joins the names of one firm.
    let last = j
    let andAt = -1
    let named = false
    // The cue must stand before the "and": in "Silk Road and Carl Mark Force" it names only the second.
    for (let k = first; k <= j; k++) {
      const x = tokens[k] as Token
      if (andAt < 0 && x.lower === 'and') andAt = k - first
      if (andAt < 0 && (ORG_WORDS.has(x.text) || LAW_WORDS.has(x.text) || EVENT_WORDS.has(x.text))) named = true
    }
    if (andAt >= 0 && !named) last = first + andAt - 1
    if (first > last) { i = j; continue }
    j = last
    const run = tokens.slice(first, j + 1)
    const next = tokens[j + 1]
    // "Isn’t", "We’re": a contraction, not a name.
    if (next && (next.text === '\u2019' || next.text === "'") && CONTRACTIONS.has(tokens[j + 2]?.lower ?? '')) { i = j; continue }
    // "Prime Minister", "South Carolina Gov.": a title that ends a run names nobody; what is before it may.
    // Not after "of": "Department of Justice" ends in a title word and is one name.
    let popped = false
    while (run.length > 1 && TITLES.has((run.at(-1) as Token).text) && (run.at(-2) as Token).lower !== 'of' && !surnameTitle(run)) { run.pop(); j--; popped = true }
    // "Press Secretary", "Foreign Minister": a common word before a title is part of the title.
    if (popped && run.length === 1 && commonWord(run[0] as Token) && !isKnownPlace((run[0] as Token).lower) && !isGivenName(run[0] as Token)) { i = j; continue }
    // "Disappointingly Vague", "Simultaneously Bold": a headline's words in capitals, opened by an
    // adverb, which no name is.
    if (run.length <= 3 && /ly$/.test((run[0] as Token).lower) && lexiconTags((run[0] as Token).lower)?.[0] === 'RB' && run.every((x) => commonWord(x))) { i = j; continue }
    // "Chief Privacy Officer", "Senior Software Engineer", "Product Manager": a job, written in
    // capitals as guests introduce themselves, made of common words, names no one and no body.
    if (JOB_NOUNS.has((run.at(-1) as Token).text) && run.every((x) => TITLES.has(x.text) || (commonWord(x) && x.lower !== 'of' && !isGivenName(x)))) { i = j; continue }
    // "Secretary Smith", "Palestinian President Yasser Arafat": a title is evidence, not part of the
    // name, and the name is what follows it.
    const titleAt = lastTitleBeforeEnd(run)
    const title = titleAt >= 0 ? run[titleAt] : undefined
    if (titleAt >= 0) {
      // "Texas Governor Greg Abbott": a place before the title is named too.
      const x = run[0] as Token
      const y = run[titleAt - 1]
      if (y !== undefined && isKnownPlace(text.slice(x.start, y.end))) out.push(spanNoun(x, y, text, 'GPE', 'a place before a title', 2.5))
      // "Secretary of State Marco Rubio": the title's "of" phrase is the title's too; a place in it
      // ("Mayor of Chicago", "Archbishop of Cape Town") is still named.
      const of = run[titleAt + 1]?.lower === 'of'
      const seatAt = of ? placeAfterOf(run, titleAt + 1, text) : undefined
      const cut = seatAt ? seatAt[1] + 1 : titleAt + 1 + (of ? titleObjectLength(run.slice(titleAt + 1)) : 0)
      // "the Prince of Wales", "the Duke of Edinburgh": a title of nobility with its seat and no name
      // after it is how the person is named; in a row of results, a club ("Queen of South 2").
      if (cut === run.length && cut > titleAt + 1 && PEERAGE.has((title as Token).text) && !inResultsRow(tokens, first + titleAt, j, text)) {
        out.push(spanNoun(title as Token, run.at(-1) as Token, text, 'PERSON', 'a title of nobility and its seat', 2.5))
        i = j
        continue
      }
      if (seatAt) out.push(spanNoun(run[seatAt[0]] as Token, run[seatAt[1]] as Token, text, 'GPE', `the seat of the title "${(title as Token).text}"`, 2.5))
      first += cut
      run.splice(0, cut)
    }
    // "Republican Tom Cotton", "MP Iain Duncan Smith": a party or a seat before a full name says who
    // the person is, as a title does; before other words it names a body ("MP Materials").
    let prefixes = 0
    while (title === undefined && prefixes < run.length && PERSON_PREFIXES.has((run[prefixes] as Token).text)) prefixes++
    if (prefixes > 0 && fullName(run.slice(prefixes))) {
      first += prefixes
      run.splice(0, prefixes)
    }
    // A title, or a "Jr." set off by a comma ("Martin Luther King, Jr."), alone names no one.
    if (run.length === 0 || (run.length === 1 && (TITLES.has((run[0] as Token).text) || GENERATIONAL.has((run[0] as Token).text)) && !surnameOfNamed((run[0] as Token).text))) { i = j; continue }
    const lawStart = LAW_WORDS.has((run.at(-1) as Token).text) ? lowerCaseLawStart(tokens, first, run) : -1
    if (lawStart >= 0) {
      // A name found inside it on the way ("America") was a word of the law's name.
      while (out.length > 0 && (out.at(-1) as ProperNoun).start >= (tokens[lawStart] as Token).start) out.pop()
      run.unshift(...tokens.slice(lawStart, first))
      first = lawStart
    } else if (run.length === 1 && LAW_WORDS.has((run[0] as Token).text) && !knownGivenNames().has((run[0] as Token).lower)) {
      // "Act", "Treaty" alone name no law ("Bill" is someone).
      i = j
      continue
    }
    // "Brown argued", "said King": a word that is also the surname of someone named before in the turn.
    if (run.length === 1 && commonWord(run[0] as Token) && !capsSentence(tokens, i) && surnameOfNamed((run[0] as Token).text)) {
      const x = run[0] as Token
      out.push(properNoun(x, x.end, x.text, slug(x.text), 'PERSON', 'the surname of a person named before', 2))
      i = j
      continue
    }
    const people = run.length === 2 ? text.slice((run[0] as Token).start, (run[1] as Token).end) : undefined
    // "Bosnian Serbs", "Shia Muslim", "Roman Catholics": a group word after a nationality, another
    // group word, or any word when the group is plural, which no one's name is.
    const second = (run[1] as Token | undefined)?.lower ?? ''
    const group = people !== undefined && knownGroupWords().has(second) && (isNationalityWord(run[0] as Token) ||
      (second.endsWith('s') && knownGroupWords().has(second.slice(0, -1))) ||
      (DEMONYM_ENDING.test((run[0] as Token).text) && !knownGivenNames().has((run[0] as Token).lower)))
    // "the Mets beat the Cubs 5-3", "the Eagles' quarterback": in a sports report, a capitalised plural
    // after "the", or before a player's role, is a club's nickname, not a people or a player.
    const plural = run[0] as Token
    if (run.length === 1 && plural.text.length > 3 && plural.text.endsWith('s') && (tokens[first - 1]?.lower === 'the' || SPORTS_ROLES.has(tokens[j + 1]?.lower ?? '')) &&
      !capsSentence(tokens, i) && !knownDemonyms().has(plural.lower) && !isKnownPlace(plural.lower) && !knownGroupWords().has(plural.lower.slice(0, -1)) &&
      !surnameOfNamed(plural.text) && inSportsReport(tokens, first, j)) {
      out.push(properNoun(plural, plural.end, plural.text, slug(plural.text), 'ORG', 'a plural name in a sports report: a club', 2.5))
      i = j
      continue
    }
    if ((run.length === 1 && isNationalityWord(run[0] as Token)) || (people && knownDemonyms().has(people.toLowerCase())) || group) {
      // "Austrians", "Sri Lankans" speak of a country's people (extract links them to the country).
      const x = run[0] as Token
      const y = run.at(-1) as Token
      const country = knownDemonyms().get(people?.toLowerCase() ?? x.lower)
      if (country && !(run.length === 1 && isLanguageUse(tokens, first))) out.push({ turn: x.turn, start: x.start, end: y.end, text: people ?? x.text, entityId: slug(country), canonical: country, source: 'proper-noun', type: 'GPE', evidence: `people of ${country}`, strength: 2.5 })
      i = j
      continue
    }
    // A lone capitalised common word mid-sentence ("Western") is an adjective, not a name.
    if (run.length === 1 && !(run[0] as Token).initial && !isAcronym((run[0] as Token).text) && commonWord(run[0] as Token) && !lexiconTags((run[0] as Token).text)?.[0]?.startsWith('NNP')) { i = j; continue }
    // "every Community was going to", "the new r2a Zone": speech-to-text capitalises a word the same
    // text writes in lower case too, which the lexicon knows as a common noun as well as a name.
    if (run.length === 1 && !(run[0] as Token).initial && !isAcronym((run[0] as Token).text) && commonWord(run[0] as Token) &&
      (lexiconTags((run[0] as Token).text)?.length ?? 0) > 1 && inLowerCase((run[0] as Token).lower)) { i = j; continue }
    if (run.length === 1 && (run[0] as Token).initial && inLowerCase((run[0] as Token).lower)) { i = j; continue }
    if (run.length === 1 && (run[0] as Token).initial) {
      // Brill's rules look a few words either side: a window of its unit is enough, and tagging the
      // whole of a long unpunctuated "sentence" for each of its line starts was quadratic.
      let lo = i
      while (lo > 0 && i - lo < TAG_WINDOW && !(tokens[lo] as Token).lineStart && (tokens[lo - 1] as Token).sentence === t.sentence) lo--
      let hi = i + 1
      while (hi < tokens.length && hi - i < TAG_WINDOW && !(tokens[hi] as Token).lineStart && (tokens[hi] as Token).sentence === t.sentence) hi++
      const words = new Array<string>(hi - lo)
      for (let k = lo; k < hi; k++) words[k - lo] = (tokens[k] as Token).text
      if (!tagWords(words)[i - lo]?.startsWith('NNP')) { i = j; continue }
    }
    // The title, even when its "of" phrase stands between ("Secretary of State Rubio"), is the evidence.
    const before = title ?? tokens[first - 1]
    const after = tokens[j + 1]
    const a = run[0] as Token
    const b = run.at(-1) as Token
    const name = text.slice(a.start, b.end)
    // In a sentence written in capitals, capitals say nothing: only names known as such count,
    // looked for inside the run ("WELCOME SENATOR JERRY HILL TODAY" holds "JERRY HILL").
    if (capsSentence(tokens, i)) {
      // "CLEVELAND 80 53 .602", "LEICESTERSHIRE 22 points": the row says what capitals cannot.
      if (run.length <= 3 && !knownPlaces().has(name.toLowerCase()) && inResultsRow(tokens, first, j, text)) {
        out.push(teamNoun(a, b.end, name))
        i = j
        continue
      }
      // Read from the run's first word, even when it opens the sentence as a common word: "SENATOR CHUCK SCHUMER SAID".
      const whole = tokens.slice(i, j + 1)
      for (const known of knownNamesIn(whole)) {
        const x = known.tokens[0] as Token
        const y = known.tokens.at(-1) as Token
        const knownName = text.slice(x.start, y.end)
        const from = i + known.at
        const team = known.type === 'GPE' && !knownPlaces().has(knownName.toLowerCase()) && inResultsRow(tokens, from, from + known.tokens.length - 1, text)
        out.push(team ? teamNoun(x, y.end, knownName) : properNoun(x, y.end, knownName, slug(knownName), known.type, known.evidence, 2))
      }
      i = j
      continue
    }
    // "U S", "A B C": letters spelled out in captions, no one's name.
    if (run.length > 1 && run.every((x) => x.text.length === 1)) { i = j; continue }
    const [type, evidence, strength] = typeOf(run, before, after, name, title ? undefined : tokens[first - 2], tokens[j + 2])
    // Weakly typed names too ("Lotte 6 Hyundai 2"): a lone given name or unknown word in a results row.
    const lowerName = name.toLowerCase()
    const placeLike = type === 'GPE' && (knownRegions().has(lowerName) || b.text === 'City')
    // In a sports report, a city typed weakly otherwise ("for Cleveland", a given name) is its club too.
    const team = !knownPlaces().has(lowerName) && (
      ((placeLike || (run.length === 1 && strength < 2)) && inResultsRow(tokens, first, j, text)) ||
      ((placeLike || (knownRegions().has(lowerName) && strength < 2.5)) && inSportsReport(tokens, first, j)))
    // "Norwest Corp.", "Donald Trump Jr.": the full stop of a legal or generational suffix is written as part of the name.
    const end = run.length > 1 && (LEGAL_SUFFIXES.has(b.text) || b.text === 'Jr' || b.text === 'Sr') ? endWithFullStop(b, after) : b.end
    out.push(team ? teamNoun(a, b.end, name) : properNoun(a, end, text.slice(a.start, end), slug(name), type, evidence, strength))
    i = j
  }
  return out
}
