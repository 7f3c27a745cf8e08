import { PodpipeError } from '../errors/index.js'
import { ENTITY_TYPES } from '../record/schema.js'
import { keyFilter, keyOf } from './phrase-index.js'
import { isCommonWord, lexiconTags } from './pos.js'
import { phraseTokens } from './tokens.js'
import type { EntityMention, GazetteerEntry, Token } from './types.js'

// Imported (not read by path) so the TypeScript build copies the data into dist/ with the code.
import gazetteerData from './data/gazetteer.json' with { type: 'json' }

const DEFAULT_ENTRIES = gazetteerData as GazetteerEntry[]

/** The shipped gazetteer entries (a fresh copy). */
export const defaultGazetteer = (): GazetteerEntry[] => DEFAULT_ENTRIES.map((e) => ({ ...e, aliases: [...e.aliases] }))

interface AliasForm {
  entry: number
  /** The alias tokens as written: their capitalisation constrains what they match. */
  tokens: string[]
  /**
   * Written with "the" before one common word ("the House", "the Fed", "the States"): it names the
   * entry only after "the", as "House prices" or "States differ" opening a sentence do not.
   */
  article: boolean
}

interface TrieNode {
  next: Map<string, TrieNode>
  forms: AliasForm[]
}

export interface Gazetteer {
  entries: GazetteerEntry[]
  /** By entry id: the words of its "the"-bound aliases ("House"), for entries that need them confirmed (confirmedBy). */
  unconfirmed: Map<string, Set<string>>
  byId: Map<string, GazetteerEntry>
  root: TrieNode
  /** The keys (phrase-index keyOf) of the words a name starts with: most tokens start none. */
  starts: { has: (key: number) => boolean }
}

const node = (): TrieNode => ({ next: new Map(), forms: [] })

/**
 * Entries merged by id (later wins), then every name and alias inserted into a token trie keyed by
 * lower-cased tokens. Matching is one walk per token position, longest match first.
 */
export const buildGazetteer = (base: readonly GazetteerEntry[], extra: readonly GazetteerEntry[] = []): Gazetteer => {
  const byId = new Map<string, GazetteerEntry>()
  for (const e of [...base, ...extra]) {
    if (!e.id || !(ENTITY_TYPES as readonly string[]).includes(e.type)) {
      throw new PodpipeError('CONFIG', `gazetteer entry ${JSON.stringify(e.id ?? e.name)} needs an id and a type among ${ENTITY_TYPES.join(', ')}`, { input: 'gazetteer' })
    }
    byId.set(e.id, e)
  }
  const entries = [...byId.values()]
  const root = node()
  const unconfirmed = new Map<string, Set<string>>()
  entries.forEach((e, entry) => {
    for (const alias of [e.name, ...e.aliases]) {
      // A leading article is not part of a name: "the United States" matches "United States".
      const bare = alias.replace(/^the\s+/i, '')
      const tokens = phraseTokens(bare)
      if (tokens.length === 0) continue
      const article = bare !== alias && tokens.length === 1 && isCommonWord(bare.toLowerCase())
      let at = root
      for (const t of tokens) {
        const key = t.toLowerCase()
        let next = at.next.get(key)
        if (!next) { next = node(); at.next.set(key, next) }
        at = next
      }
      // "PayPal" and "paypal" reach the same node; each spelling keeps its own case constraint.
      if (article && e.confirmedBy) unconfirmed.set(e.id, (unconfirmed.get(e.id) ?? new Set()).add(bare))
      const same = at.forms.find((f) => f.entry === entry && f.tokens.join(' ') === tokens.join(' '))
      // The same word listed both ways ("Fed" and "the Fed") needs no article.
      if (same) same.article &&= article
      else at.forms.push({ entry, tokens, article })
    }
  })
  return { entries, byId, unconfirmed, root, starts: keyFilter([...root.next.keys()].map(keyOf)) }
}

const isUpperCase = (s: string): boolean => s !== s.toLowerCase()

/** A word of an alias written as an acronym ("US", "NATO"). */
const isAcronymWord = (written: string): boolean => written.length > 1 && written === written.toUpperCase() && isUpperCase(written)

/** Acronyms match exactly ("US" is not "us"), capitalised words need a capital ("Treasury" is not "treasury"). */
const caseFits = (written: string, seen: string): boolean => {
  if (isAcronymWord(written)) return seen === written
  if (isUpperCase(written[0] as string)) return isUpperCase(seen[0] as string)
  return true
}

// Speech-to-text written all in lower case ("so microsoft sued the department of justice") gives
// names no capital to be read by: a turn whose words nearly all start in lower case (a share under
// this, past a few words) lets a capitalised name match in lower case where the words say it alone.
const LOWER_CASE_SHARE = 0.035
const LOWER_CASE_MIN_WORDS = 20

/** Whether nearly all words of the turn start in lower case. */
const writtenInLowerCase = (tokens: readonly Token[]): boolean => {
  let words = 0
  let capitalised = 0
  for (const t of tokens) {
    const c = t.text.charCodeAt(0)
    if (c >= 97 && c <= 122) words++
    else if (c >= 65 && c <= 90 && t.text !== 'I') { words++; capitalised++ }
  }
  return words >= LOWER_CASE_MIN_WORDS && capitalised <= words * LOWER_CASE_SHARE
}

/**
 * In lower-case text, a name of two words or more ("department of justice", "joe biden"), or of one
 * word the lexicon does not know as a common one ("microsoft", "russia"), or a country's one word
 * it knows only as a noun ("china", unlike "turkey"). Acronyms still need their capitals: "us" is not "US".
 */
const fitsInLowerCase = (form: AliasForm, type: string): boolean => {
  if (form.tokens.some(isAcronymWord)) return false
  if (form.tokens.length > 1) return true
  const word = (form.tokens[0] as string).toLowerCase()
  if (!isCommonWord(word)) return true
  const tags = lexiconTags(word)
  return type === 'GPE' && tags !== undefined && tags.every((tag) => tag === 'NN')
}

export interface GazetteerMatch extends EntityMention {
  /** Token range [first, last] inside the tokens given. */
  first: number
  last: number
}

/**
 * Drops the mentions by a "the"-bound alias of an entry that needs confirming when the episode
 * names none of its confirmedBy ids, nor the entry by another alias: "the House" is the US House
 * beside the Senate or Congress, and no body we know in a debate of the Commons.
 */
export const dropUnconfirmed = (g: Gazetteer, mentions: readonly EntityMention[]): EntityMention[] => {
  if (g.unconfirmed.size === 0) return mentions as EntityMention[]
  const named = new Set<string>()
  for (const m of mentions) if (m.entityId && !g.unconfirmed.get(m.entityId)?.has(m.text)) named.add(m.entityId)
  const unconfirmed = (m: EntityMention): boolean => {
    const words = m.entityId ? g.unconfirmed.get(m.entityId) : undefined
    if (!words?.has(m.text) || named.has(m.entityId!)) return false
    return !g.byId.get(m.entityId!)!.confirmedBy!.some((id) => named.has(id))
  }
  return mentions.some(unconfirmed) ? mentions.filter((m) => !unconfirmed(m)) : mentions as EntityMention[]
}

/** "the House of Lords", "the House Armed Services Committee": the word at `i` opens a longer name. */
const opensLongerName = (tokens: readonly Token[], i: number): boolean => {
  const next = tokens[i + 1]
  return next !== undefined && next.sentence === (tokens[i] as Token).sentence && (next.lower === 'of' || isUpperCase(next.text[0] as string))
}

/** Longest gazetteer matches over a turn's tokens, never crossing a sentence. */
export const matchGazetteer = (g: Gazetteer, tokens: readonly Token[], text: string): GazetteerMatch[] => {
  const out: GazetteerMatch[] = []
  const lowerCase = writtenInLowerCase(tokens)
  for (let i = 0; i < tokens.length; i++) {
    if (!g.starts.has(keyOf((tokens[i] as Token).lower))) continue
    let at: TrieNode | undefined = g.root
    let best: { entry: number; last: number } | null = null
    const sentence = (tokens[i] as Token).sentence
    for (let j = i; j < tokens.length; j++) {
      const t = tokens[j] as Token
      if (t.sentence !== sentence) break
      at = at.next.get(t.lower)
      if (!at) break
      for (const f of at.forms) {
        let ok = !f.article || (tokens[i - 1]?.lower === 'the' && !opensLongerName(tokens, i))
        // In lower-case text a name that fits it needs no capitals; elsewhere each word its own case.
        const anyCase = ok && lowerCase && fitsInLowerCase(f, (g.entries[f.entry] as GazetteerEntry).type)
        for (let k = 0; k < f.tokens.length && ok && !anyCase; k++) ok = caseFits(f.tokens[k] as string, (tokens[i + k] as Token).text)
        if (ok) { best = { entry: f.entry, last: j }; break }
      }
    }
    if (best) {
      const a = tokens[i] as Token
      const b = tokens[best.last] as Token
      const entry = g.entries[best.entry] as GazetteerEntry
      out.push({ turn: a.turn, start: a.start, end: b.end, text: text.slice(a.start, b.end), entityId: entry.id, source: 'gazetteer', first: i, last: best.last })
      i = best.last
    }
  }
  return out
}
