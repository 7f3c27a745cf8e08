import { PodpipeError } from '../errors/index.js'
import type { Claim, Entity, Mention, Speaker, Turn, Warning } from '../record/schema.js'
import { PIPELINE, PIPELINE_NAMES } from './components.js'
import { buildGazetteer, defaultGazetteer, dropUnconfirmed, type Gazetteer } from './gazetteer.js'
import { isAllCaps, titleCase, withoutTitles } from '../turns/names.js'
import { isDemonym, knownGivenNames, knownPlaces, knownRegions, PLACE_ABBREVIATIONS } from './knowledge.js'
import { lexiconTags } from './pos.js'
import { slug } from './proper-nouns.js'
import type { Doc } from './pipeline.js'
import { MentionRecord } from './records.js'
import { namesNoOne } from './roster-mentions.js'
import type { ClaimExplanation, ExtractOptions, GazetteerEntry, Token } from './types.js'

export interface ExtractInput {
  turns: Turn[]
  speakers: Speaker[]
  /** ISO date of the episode: resolves "December 1st" to a full date. */
  episodeDate?: string | null
}

export interface ExtractResult {
  entities: Entity[]
  claims: Claim[]
  explanations: ClaimExplanation[]
  /** LANGUAGE_SKIPPED when turns in another language were left out of extraction. */
  warnings: Warning[]
}

// The rules (lexicons, gazetteer, proper-noun heuristics) are English: on other languages they make
// entities of function words ("Es", "Da") and claims of nothing. "und" (too short to tell) is read.
const isEnglish = (turn: Turn): boolean => turn.language === undefined || turn.language === 'en' || turn.language === 'und'

// Building the trie is the one costly setup: cache it per gazetteer option object.
const DEFAULT = { value: null as Gazetteer | null }
const cached = new WeakMap<readonly GazetteerEntry[], Gazetteer>()
const gazetteerFor = (options: ExtractOptions): Gazetteer => {
  const useDefault = options.defaultGazetteer ?? true
  const extra = options.gazetteer ?? []
  if (useDefault && extra.length === 0) return (DEFAULT.value ??= buildGazetteer(defaultGazetteer()))
  const hit = useDefault ? cached.get(extra) : undefined
  if (hit) return hit
  const g = buildGazetteer(useDefault ? defaultGazetteer() : [], extra)
  if (useDefault) cached.set(extra, g)
  return g
}

/** Text order of mentions: by turn, then by offset. */
const byPosition = (a: Mention, b: Mention): number => a.turn - b.turn || a.start - b.start

const inOrder = (mentions: readonly Mention[]): boolean => {
  for (let k = 1; k < mentions.length; k++) if (byPosition(mentions[k - 1] as Mention, mentions[k] as Mention) > 0) return false
  return true
}

/**
 * A name found in captions written all in capitals, as running text writes it: "SANTA CLARA" →
 * "Santa Clara", "RICHARD MARCUSSEN" → "Richard Marcussen", "CALIFORNIA" → "California". A lone
 * word nothing knows as a name stays as written: it may be an acronym ("UNESCO", "NASDAQ"); a person's
 * is no acronym ("SENATOR GALGIANI" → "Galgiani"). In a text in mixed case, capitals are the writer's
 * choice ("ESMA", "JAWS") and are kept.
 */
const shownName = (name: string, inCapitals: boolean, person = false): string => {
  if (!inCapitals || !isAllCaps(name) || !/\p{Lu}{2}/u.test(name)) return name
  const words = name.split(' ')
  if (words.length > 1) return words.every((w) => w.length >= 2) && words.some((w) => w.length >= 4) ? titleCase(name) : name
  const lower = name.toLowerCase()
  const known = person || knownRegions().has(lower) || knownPlaces().has(lower) || knownGivenNames().has(lower) || lexiconTags(titleCase(name))?.[0]?.startsWith('NNP') === true
    || isDemonym(name)
  return name.length >= 4 && known ? titleCase(name) : name
}

// Letters of the text looked at to tell a text in capitals: enough to see its case, a bounded cost.
const CASE_SAMPLE_CHARS = 4000

/** Whether the turns are written all in capitals (captions), judged on a sample of their letters. */
const writtenInCapitals = (turns: readonly Turn[]): boolean => {
  let upper = 0
  let lower = 0
  for (const t of turns) {
    for (let i = 0; i < t.text.length && upper + lower < CASE_SAMPLE_CHARS; i++) {
      const c = t.text.charCodeAt(i)
      if (c >= 65 && c <= 90) upper++
      else if (c >= 97 && c <= 122) lower++
    }
    if (upper + lower >= CASE_SAMPLE_CHARS) break
  }
  return upper > 0 && upper >= (upper + lower) * 0.8
}

/** A speaker as an entity: the person, without the titles of the label (the speaker list keeps them). */
const speakerName = (speakers: readonly Speaker[], id: string): string | undefined => {
  const name = speakers.find((sp) => sp.id === id)?.name
  return name ? withoutTitles(name) : undefined
}

const entitiesOf = (doc: Doc): Entity[] => {
  const inCapitals = writtenInCapitals(doc.turns)
  const byId = new Map<string, Mention[]>()
  for (const m of doc.mentions) {
    if (!m.entityId) continue
    const list = byId.get(m.entityId) ?? []
    list.push(new MentionRecord(m.turn, m.start, m.end, m.text))
    byId.set(m.entityId, list)
  }
  // Placeholders and roles (`Speaker 2`, `Host`) name no one: the speaker list has them, the entities do not.
  for (const s of doc.speakers) if (s.name && !namesNoOne(s.name) && !byId.has(s.id)) byId.set(s.id, [])
  const out: Entity[] = []
  for (const [id, mentions] of byId) {
    // Mentions arrive turn by turn, so most lists are in order already; sort() copies its array.
    if (!inOrder(mentions)) mentions.sort(byPosition)
    const entry = doc.gazetteer.byId.get(id)
    const found = doc.found.get(id)
    const name = entry?.name ?? (found ? shownName(found.name, inCapitals, found.type === 'PERSON') : undefined) ?? speakerName(doc.speakers, id) ?? id
    // The listed aliases, then each mention's text, once each and in that order; not the name.
    const seen = new Set(entry?.aliases)
    for (const m of mentions) seen.add(m.text)
    seen.delete(name)
    const aliases = [...seen]
    out.push({ id, name, type: entry?.type ?? found?.type ?? 'PERSON', aliases, ...(entry?.wikidataId ? { wikidataId: entry.wikidataId } : {}), mentions })
  }
  const first = (e: Entity): number => (e.mentions[0] ? e.mentions[0].turn * 1e7 + e.mentions[0].start : -1)
  return splitPeoples(out, inCapitals).sort((a, b) => first(a) - first(b))
}

/**
 * "Chinese", "Australians": a country's people are a NORP entity of their own, linked to the country
 * by `countryId`, as news NER schemes keep them apart from the place. The country stays in the record
 * (without those mentions), so claims about "Chinese exports" still name it.
 */
const splitPeoples = (entities: Entity[], inCapitals: boolean): Entity[] => {
  const ids = new Set(entities.map((e) => e.id))
  const out: Entity[] = []
  // A country's mentions repeat a few forms thousands of times: each form is looked up once.
  const demonyms = new Map<string, boolean>()
  const demonym = (text: string): boolean => {
    let known = demonyms.get(text)
    if (known === undefined) demonyms.set(text, (known = isDemonym(text)))
    return known
  }
  for (const e of entities) {
    const peoples = e.type === 'GPE' ? e.mentions.filter((m) => m.text !== e.name && demonym(m.text)) : []
    if (peoples.length === 0) { out.push(e); continue }
    const forms = [...new Set(peoples.map((m) => m.text))]
    const name = shownName(forms.find((f) => !f.endsWith('s')) ?? (forms[0] as string), inCapitals)
    let id = slug(name)
    if (ids.has(id)) id = `${e.id}-people`
    ids.add(id)
    // Sets, not includes(): a country named thousands of times in a long episode made this quadratic.
    const asPeople = new Set(peoples)
    const own = e.mentions.filter((m) => !asPeople.has(m))
    const ownTexts = new Set(own.map((m) => m.text))
    out.push({ ...e, aliases: e.aliases.filter((a) => !forms.includes(a) || ownTexts.has(a)), mentions: own })
    out.push({ id, name, type: 'NORP', aliases: forms.filter((f) => f !== name), countryId: e.id, mentions: peoples })
  }
  return out
}

/** Records that `key` names entity `id`: null once two entities share it, as no one of them is meant for sure. */
const claim = (names: Map<string, string | null>, key: string, id: string): void => {
  names.set(key, names.has(key) && names.get(key) !== id ? null : id)
}

/** Forgets the entities among `moved` whose every mention was linked to another. */
const dropEmptied = (doc: Doc, moved: ReadonlySet<string>): void => {
  if (moved.size === 0) return
  const remaining = new Set(doc.mentions.map((m) => m.entityId))
  for (const id of moved) if (!remaining.has(id)) doc.found.delete(id)
}

/**
 * A lone surname ("Yeltsin") found by capitalisation alone is the person the episode names in full
 * ("Boris Yeltsin"), when exactly one such person has that surname: its mentions join that entity,
 * and take its type, instead of standing apart as an untyped capitalised word. So is a lone given
 * name ("Thank you, Judy" after "Judy Woodruff") that begins exactly one full name and ends none.
 */
const linkSurnames = (doc: Doc): void => {
  const bySurname = new Map<string, string | null>()
  const byGivenName = new Map<string, string | null>()
  const person = (id: string, name: string) => {
    claim(bySurname, name.slice(name.lastIndexOf(' ') + 1).toLowerCase(), id)
    claim(byGivenName, name.slice(0, name.indexOf(' ')).toLowerCase(), id)
  }
  for (const [id, f] of doc.found) if (f.type === 'PERSON' && f.name.includes(' ')) person(id, f.name)
  // The gazetteer's people the episode names ("Elon Musk"), whose given name may stand alone later ("Elon thinks…").
  const listed = new Set<string>()
  for (const m of doc.mentions) {
    const entry = m.entityId && !doc.found.has(m.entityId) && !listed.has(m.entityId) ? doc.gazetteer.byId.get(m.entityId) : undefined
    if (entry?.type !== 'PERSON' || !entry.name.includes(' ')) continue
    listed.add(entry.id)
    person(entry.id, entry.name)
  }
  // Two words typed a body only because the second is a common word ("Condoleezza Rice"): a person
  // if the episode says that word alone as someone's name ("Rice said").
  const weakBySurname = new Map<string, string | null>()
  for (const [id, f] of doc.found) {
    if (f.type !== 'PERSON' && (f.strength ?? 0) < 1 && /^\S+ \S+$/.test(f.name)) claim(weakBySurname, f.name.slice(f.name.indexOf(' ') + 1).toLowerCase(), id)
  }
  if (bySurname.size === 0 && weakBySurname.size === 0) return
  const moved = new Set<string>()
  for (const m of doc.mentions) {
    if (!m.entityId || m.text.includes(' ')) continue
    const own = doc.found.get(m.entityId)
    // Only names a person could bear: typed PERSON, or typed by weak evidence; never a gazetteer entry.
    if (!own || (own.type !== 'PERSON' && (own.strength ?? 0) >= 2) || doc.gazetteer.byId.has(m.entityId)) continue
    const word = m.text.toLowerCase()
    const weak = own.type === 'PERSON' && (own.strength ?? 0) >= 1.2 && !bySurname.has(word) ? weakBySurname.get(word) : undefined
    if (weak) {
      doc.found.get(weak)!.type = 'PERSON'
      moved.add(m.entityId)
      m.entityId = weak
      continue
    }
    // A word that ends one full name and begins another ("Morgan" of Piers Morgan and Morgan Freeman) is neither's for sure.
    const named = bySurname.has(word) ? bySurname.get(word) : byGivenName.get(word)
    // The surname of two people ("Collins" with Michael and Eileen Collins): which one is unknown,
    // but that it names a person is not.
    if (named === null && own.type !== 'PERSON') own.type = 'PERSON'
    if (!named || named === m.entityId) continue
    moved.add(m.entityId)
    m.entityId = named
  }
  dropEmptied(doc, moved)
}

// Words an acronym skips: "Council on Foreign Relations" is CFR, "Center for Strategic and International Studies" CSIS.
const ACRONYM_SKIPS = new Set(['of', 'on', 'for', 'and', 'the', 'in', 'at', 'to', '&'])
// An acronym as a mention's whole text: "CFR", "MERICS".
const ACRONYM = /^[A-Z]{2,8}$/
const initialsOf = (name: string): string => name.split(/[\s-]+/).filter((w) => w && !ACRONYM_SKIPS.has(w.toLowerCase())).map((w) => w[0]).join('').toUpperCase()

/**
 * An acronym found by its capitals alone ("CFR") is the body the episode names in full ("Council on
 * Foreign Relations") when exactly one such name has those initials, or when the episode gives it
 * in brackets right after that name: its mentions join that entity.
 */
const linkAcronyms = (doc: Doc): void => {
  const byInitials = new Map<string, string | null>()
  const named = new Set(doc.mentions.map((m) => m.entityId))
  for (const id of named) {
    if (!id) continue
    const entity = doc.found.get(id) ?? doc.gazetteer.byId.get(id)
    if (!entity || entity.type === 'PERSON' || !entity.name.includes(' ')) continue
    const initials = initialsOf(entity.name)
    if (initials.length < 2) continue
    claim(byInitials, initials, id)
  }
  // "the Mercator Institute for China Studies (MERICS)": an acronym in brackets right after a name is that name's, whatever its letters.
  const bracketed = new Map<string, string>()
  const textOf = new Map(doc.turns.map((t) => [t.index, t.text]))
  const ordered = [...doc.mentions].sort(byPosition)
  for (let k = 1; k < ordered.length; k++) {
    const m = ordered[k]!
    const before = ordered[k - 1]!
    if (!m.entityId || !before.entityId || before.turn !== m.turn || !ACRONYM.test(m.text) || !before.text.includes(' ')) continue
    const text = textOf.get(m.turn) ?? ''
    if (text.slice(before.end, m.start) === ' (' && text[m.end] === ')') bracketed.set(m.text, before.entityId)
  }
  if (byInitials.size === 0 && bracketed.size === 0) return
  const moved = new Set<string>()
  for (const m of doc.mentions) {
    if (!m.entityId || !ACRONYM.test(m.text) || doc.gazetteer.byId.has(m.entityId)) continue
    // A place's abbreviation ("DC", "NY") stays the place.
    if (PLACE_ABBREVIATIONS.has(m.text)) continue
    const full = bracketed.get(m.text) ?? byInitials.get(m.text)
    if (!full || full === m.entityId) continue
    moved.add(m.entityId)
    m.entityId = full
  }
  dropEmptied(doc, moved)
}

/**
 * The Token objects every extraction in this thread overwrites (Doc.tokenPool), kept between calls:
 * a turn longer than the pool used to allocate its tokens afresh on every call, and those survive
 * the young generation (they live through every stage), so a 40k-word monologue spent 3x as long
 * tokenizing as 2k-word turns. Extraction is synchronous and nothing it returns holds a token,
 * so one pool per thread is safe. Up to TOKEN_POOL_MAX tokens (about 6 MB) stay between calls.
 */
const TOKEN_POOL: Token[] = []
const TOKEN_POOL_MAX = 1 << 16

/**
 * Entities and policy claims of one episode's turns, and with `explain` an explanation for every sentence.
 * Pure and synchronous: the same input always gives the same output.
 * @example
 * const { entities, claims } = extract({ turns, speakers, episodeDate: '2025-10-10' })
 */
export const extract = (input: ExtractInput, options: ExtractOptions = {}): ExtractResult => {
  const unknown = (options.disable ?? []).filter((n) => !PIPELINE_NAMES.includes(n))
  if (unknown.length > 0) throw new PodpipeError('CONFIG', `unknown pipeline components ${unknown.join(', ')}; known: ${PIPELINE_NAMES.join(', ')}`, { input: 'extract options' })
  const threshold = options.claimThreshold ?? 0.5
  if (!(threshold >= 0 && threshold <= 1)) throw new PodpipeError('CONFIG', `claimThreshold must be within [0, 1], got ${threshold}`, { input: 'extract options' })
  const neighbours = new Map(input.turns.map((t, i) => [t.index, { previous: input.turns[i - 1]?.speakerId ?? null, next: input.turns[i + 1]?.speakerId ?? null }]))
  const gazetteer = gazetteerFor(options)
  const disabled = new Set(options.disable ?? [])
  const components = PIPELINE.filter((c) => !disabled.has(c.name))
  // One turn at a time: a turn's tokens and sentences die young, so a long episode never piles
  // millions of them into the old generation (measured: about half the time on 1M words).
  const merged: Doc = {
    turns: input.turns, speakers: input.speakers, neighbours, episodeDate: input.episodeDate ?? null, gazetteer, claimThreshold: threshold, explain: options.explain ?? false,
    sentences: [], tokens: [], tokenPool: TOKEN_POOL, covered: [], mentions: [], found: new Map(), models: new Map(), surnames: new Set(), quantities: [], claims: [], explanations: [],
  }
  const skipped = new Map<string, number>()
  for (const turn of input.turns) {
    if (!isEnglish(turn)) {
      skipped.set(turn.language!, (skipped.get(turn.language!) ?? 0) + 1)
      continue
    }
    const doc = components.reduce<Doc>((d, c) => c.run(d), { ...merged, turns: [turn], mentions: [], found: new Map(), claims: [], explanations: [] })
    for (const m of doc.mentions) merged.mentions.push(m)
    for (const c of doc.claims) merged.claims.push(c)
    for (const e of doc.explanations) merged.explanations.push(e)
    merged.models = doc.models
    merged.surnames = doc.surnames
    for (const [id, f] of doc.found) {
      const seen = merged.found.get(id)
      if (!seen || (seen.strength ?? 0) < (f.strength ?? 0)) merged.found.set(id, seen ? { ...f, name: seen.name } : f)
    }
  }
  // What a very long turn grew beyond the cap is let go: memory stays bounded between episodes.
  if (TOKEN_POOL.length > TOKEN_POOL_MAX) TOKEN_POOL.length = TOKEN_POOL_MAX
  linkSurnames(merged)
  linkAcronyms(merged)
  merged.mentions = dropUnconfirmed(gazetteer, merged.mentions)
  const warnings: Warning[] = []
  if (skipped.size > 0) {
    const counts = [...skipped].map(([language, n]) => `${n} in "${language}"`).join(', ')
    warnings.push({ code: 'LANGUAGE_SKIPPED', message: `no entities or claims were extracted from ${counts} of ${input.turns.length} turns: the extraction rules are English only` })
  }
  return { entities: entitiesOf(merged), claims: merged.claims, explanations: merged.explanations, warnings }
}
