import type { Claim, Turn } from '../record/schema.js'
import { CHECKWORTHY_THRESHOLD, checkworthiness } from './checkworthiness/model.js'
import { notAStatement, scoreClaim } from './claims.js'
import { matchGazetteer, type Gazetteer } from './gazetteer.js'
import { COMPASS, JOB_NOUNS, TITLES } from './name-words.js'
import { isDemonym } from './knowledge.js'
import { findModelNames } from './model-names.js'
import { withoutTitles } from '../turns/names.js'
import { isLanguageUse } from './languages.js'
import { findHedges } from './hedges.js'
import { scanLexicons } from './lexicons.js'
import { NONE } from './phrase-index.js'
import type { Component } from './pipeline.js'
import { addSurname, bodyOfAnother, bodyOfPlace, capitalAsCity, capsSentence, findProperNouns, firmNameEnd, formalNameStart, insideLongerName, isCapitalised, nameFollows, namesTournament, opensBodyName, personNamedOtherwise, surnameAfterGivenName } from './proper-nouns.js'
import { extractQuantities } from './quantities.js'
import { ClaimRecord, EntityMentionRecord } from './records.js'
import { findRosterMentions } from './roster-mentions.js'
import { splitSentences } from './sentences.js'
import { tokenizeTurn } from './tokens.js'
import { assignTopics } from './topics.js'
import type { ClaimExplanation, EntityMention, Sentence, Token } from './types.js'

const sentences: Component = {
  name: 'sentences',
  run: (doc) => ({
    ...doc,
    sentences: doc.turns.flatMap((t) => splitSentences(t.text).map(([start, end], index) => ({ turn: t.index, start, end, index }))),
  }),
}

const tokens: Component = {
  name: 'tokens',
  run: (doc) => {
    const byTurn = new Map<number, { first: number; list: Sentence[] }>()
    doc.sentences.forEach((s, i) => {
      const e = byTurn.get(s.turn)
      if (e) e.list.push(s)
      else byTurn.set(s.turn, { first: i, list: [s] })
    })
    const tokens = doc.turns.map((t) => {
      const e = byTurn.get(t.index)
      return e ? tokenizeTurn(t.index, t.text, e.list, e.first, doc.turns.length === 1 ? doc.tokenPool : undefined) : []
    })
    return { ...doc, tokens, covered: tokens.map((ts) => new Uint8Array(ts.length)) }
  },
}

const US = 'united-states'

const gazetteer: Component = {
  name: 'gazetteer',
  run: (doc) => {
    const mentions: EntityMention[] = [...doc.mentions]
    const covered = doc.turns.map((t, i) => {
      const mask = (doc.covered[i] as Uint8Array).slice()
      const tokens = doc.tokens[i] ?? []
      const matches = matchGazetteer(doc.gazetteer, tokens, t.text)
      // "the Italian Senate", "Indian National Congress": not the US body the one word names alone.
      const foreign = matches.map((m, k) => m.first === m.last &&
        bodyOfAnother(tokens, m.first, matches[k - 1]?.last === m.first - 1 && matches[k - 1]?.entityId === US) && doc.gazetteer.byId.get(m.entityId as string)?.type === 'ORG')
      for (let k = 0; k < matches.length; k++) {
        const m = matches[k] as (typeof matches)[number]
        const { first, last } = m
        if (foreign[k]) continue
        // "JOIN US THIS MORNING": in a sentence in capitals, a short capitals alias is just a word.
        if (first === last && m.text.length <= 3 && m.text === m.text.toUpperCase() && capsSentence(tokens, first)) continue
        // "I grew up speaking Russian", "taught in Ukrainian": a language, which names no entity.
        if (first === last && isLanguageUse(tokens, first)) { mask[first] = 1; continue }
        const type = doc.gazetteer.byId.get(m.entityId as string)?.type
        // "in Kyiv" is the city; "in Singapore", a city-state's own name, is the country still.
        if (type === 'GPE' && capitalAsCity(tokens, first, last) && doc.gazetteer.byId.get(m.entityId as string)?.name !== m.text) continue
        const formal = type === 'GPE' ? formalNameStart(tokens, first) : -1
        if (formal >= 0) {
          const from = (tokens[formal] as Token).start
          mentions.push(new EntityMentionRecord(m.turn, from, m.end, t.text.slice(from, m.end), m.entityId, m.source))
          mask.fill(1, formal, last + 1)
          continue
        }
        if (insideLongerName(tokens, first, last)) continue
        // "Western Australia", "Inner Mongolia": a region the compass word names, left to the proper-noun pass.
        // "West Indian", "North American" are peoples' adjectives, which stay the gazetteer's.
        if (type === 'GPE' && first > 0 && COMPASS.has((tokens[first - 1] as Token).lower) && isCapitalised(tokens[first - 1] as Token) && !isDemonym(m.text)) continue
        if (type === 'PERSON' && personNamedOtherwise(tokens, first, last)) continue
        // "Chief Economist" is a job, not The Economist.
        if (type === 'ORG' && first === last && JOB_NOUNS.has(m.text) && TITLES.has(tokens[first - 1]?.text ?? '')) continue
        // "Chris Cornell", "Leland Stanford", "Michael Dell": a firm's or school's one word after a given name is a surname.
        if (type === 'ORG' && surnameAfterGivenName(tokens, first, last)) continue
        const next = foreign[k + 1] ? undefined : matches[k + 1]
        // Every rule below needs a capitalised word right after the name; most names have none.
        const followed = nameFollows(tokens, last)
        if ((type === 'GPE' || type === 'NORP') && followed && namesTournament(tokens, last)) continue
        if ((type === 'GPE' || type === 'ORG') && followed && !capsSentence(tokens, first)) {
          // "U.S. Treasury Department" is the Treasury; "Huawei Technologies" is Huawei.
          if (type === 'GPE' && next && next.first === last + 1 && doc.gazetteer.byId.get(next.entityId as string)?.type === 'ORG' && bodyOfPlace(tokens, next.first)) {
            mentions.push(new EntityMentionRecord(m.turn, m.start, next.end, t.text.slice(m.start, next.end), next.entityId, next.source))
            mask.fill(1, first, next.last + 1)
            k++
            continue
          }
          const end = type === 'ORG' ? firmNameEnd(tokens, last) : -1
          if (end >= 0) {
            mentions.push(new EntityMentionRecord(m.turn, m.start, end, t.text.slice(m.start, end), m.entityId, m.source))
            let to = last
            while (to + 1 < tokens.length && (tokens[to + 1] as Token).end <= end) to++
            mask.fill(1, first, to + 1)
            continue
          }
          // "Tokyo Stock Exchange", "Senate Foreign Relations Committee": a body of its own, which the known name opens.
          if (opensBodyName(tokens, last, next?.first ?? matches[k + 2]?.first ?? tokens.length)) continue
        }
        // Written out rather than `{ first, last, ...mention } = m`: a rest pattern copies through V8's slow path.
        mentions.push(new EntityMentionRecord(m.turn, m.start, m.end, m.text, m.entityId, m.source))
        mask.fill(1, first, last + 1)
      }
      return mask
    })
    return { ...doc, mentions, covered }
  },
}

const roster: Component = {
  name: 'roster',
  run: (doc) => {
    const mentions: EntityMention[] = [...doc.mentions]
    const found = new Map(doc.found)
    // The person, named without the titles the label gave (`Hon. Pierre Poilievre`); the speaker list keeps them.
    for (const s of doc.speakers) if (s.name) found.set(s.id, { name: withoutTitles(s.name), type: 'PERSON' })
    const covered = doc.turns.map((t: Turn, i) => {
      const neighbours = doc.neighbours.get(t.index) ?? { previous: null, next: null }
      const r = findRosterMentions(t, doc.tokens[i] ?? [], doc.covered[i] as Uint8Array, doc.speakers, neighbours)
      mentions.push(...r.mentions)
      return r.covered
    })
    return { ...doc, mentions, covered, found }
  },
}

// The one-word names of the gazetteer's people ("Trump", "Biden"): a surname, wherever it ends a name.
const surnameSets = new WeakMap<Gazetteer, Set<string>>()
const listedSurnames = (gazetteer: Gazetteer): Set<string> => {
  let set = surnameSets.get(gazetteer)
  if (!set) {
    set = new Set()
    for (const e of gazetteer.entries) if (e.type === 'PERSON') for (const alias of e.aliases) if (!alias.includes(' ')) set.add(alias.toLowerCase())
    surnameSets.set(gazetteer, set)
  }
  return set
}

const properNouns: Component = {
  name: 'proper-nouns',
  run: (doc) => {
    const mentions: EntityMention[] = [...doc.mentions]
    const found = new Map(doc.found)
    const speakerIds = new Set(doc.speakers.map((s) => s.id))
    // Words the episode writes in lower case somewhere ("blockchain"): capitalised only because a
    // sentence starts with them elsewhere, they name nothing.
    // Built on first need: few turns ask, and filling a set with every word of every turn was a
    // tenth of what extraction allocated.
    let lowerCased: Set<string> | undefined
    const inLowerCase = (lower: string): boolean => {
      if (!lowerCased) {
        lowerCased = new Set()
        for (const list of doc.tokens) for (const t of list) if (!t.initial && t.text === t.lower) lowerCased.add(t.lower)
      }
      return lowerCased.has(lower)
    }
    const models = new Map(doc.models)
    const surnames = new Set(doc.surnames)
    // The people the gazetteer found ("Susan Rice"), whose surnames may stand alone later.
    for (const m of doc.mentions) if (m.entityId !== null && doc.gazetteer.byId.get(m.entityId)?.type === 'PERSON') addSurname(m.text, surnames)
    doc.turns.forEach((t, i) => {
      const tokens = doc.tokens[i] ?? []
      const covered = (doc.covered[i] as Uint8Array).slice()
      // Model codes first: "Ascend" of "Ascend 910C" is the product line's, not a name of its own.
      const codes = findModelNames(tokens, covered, t.text, models)
      for (const p of [...codes, ...findProperNouns(tokens, covered, t.text, inLowerCase, surnames)]) {
        const { canonical } = p
        let { type, evidence, strength } = p
        // "Ivanka Trump", "Hunter Biden": a name weakly typed otherwise that ends in a known person's surname is a relative's.
        if (type !== 'PERSON' && strength < 2 && p.text.includes(' ') && listedSurnames(doc.gazetteer).has(p.text.slice(p.text.lastIndexOf(' ') + 1).toLowerCase())) {
          type = 'PERSON'
          evidence = 'a known person\'s surname'
          strength = 2
        }
        const id = p.entityId as string
        // A gazetteer or roster id wins over a name found by capitalisation alone; a country's
        // demonym is still a mention of the gazetteer's country.
        const listed = doc.gazetteer.byId.has(id)
        // Reaching here, a listed name was not matched as the gazetteer writes it: a name of two
        // words or more written in another case ("the Chips Act" for "CHIPS Act") is still that
        // entry; one word ("House" without "the") is left to the gazetteer's own rules.
        if (speakerIds.has(id) || (listed && !canonical && !p.text.includes(' '))) continue
        // Mentions of one name may disagree on type: the strongest evidence so far wins.
        const seen = found.get(id)
        if (!listed && (!seen || (seen.strength ?? 0) < strength)) found.set(id, { name: canonical ?? seen?.name ?? p.text, type, strength })
        // Written out rather than spread from a rest pattern, which copies through V8's slow path.
        mentions.push(new EntityMentionRecord(p.turn, p.start, p.end, p.text, p.entityId, p.source, evidence))
        if (type === 'PERSON') addSurname(p.text, surnames)
      }
    })
    return { ...doc, mentions, found, models, surnames }
  },
}

const quantities: Component = {
  name: 'quantities',
  run: (doc) => {
    const text = new Map(doc.turns.map((t) => [t.index, t.text]))
    return { ...doc, quantities: doc.sentences.map((s) => extractQuantities((text.get(s.turn) ?? '').slice(s.start, s.end), doc.episodeDate)) }
  },
}

/** Index of the first mention starting at or after `start` (mentions sorted by start). */
const firstAtOrAfter = (mentions: readonly EntityMention[], start: number): number => {
  let lo = 0
  let hi = mentions.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (mentions[mid]!.start < start) lo = mid + 1
    else hi = mid
  }
  return lo
}

const claims: Component = {
  name: 'claims',
  run: (doc) => {
    const turns = new Map(doc.turns.map((t) => [t.index, t]))
    const speakerIds = new Set(doc.speakers.map((s) => s.id))
    const byTurn = new Map<number, EntityMention[]>()
    for (const m of doc.mentions) {
      const list = byTurn.get(m.turn)
      if (list) list.push(m)
      else byTurn.set(m.turn, [m])
    }
    // Sorted by start, so each sentence reads only its own mentions (a binary search to the first):
    // scanning every mention of the turn for every sentence was quadratic in a long monologue.
    for (const list of byTurn.values()) list.sort((a, b) => a.start - b.start)
    const out: Claim[] = []
    const explanations: ClaimExplanation[] = []
    // Lower-cased word tokens per sentence, from the tokens stage: the lexicons match on them.
    // A sentence's tokens are contiguous: each list is made at its size, not grown word by word.
    const words = new Array<string[]>(doc.sentences.length)
    for (const list of doc.tokens) {
      for (let k = 0; k < list.length;) {
        const sentence = (list[k] as Token).sentence
        let end = k + 1
        while (end < list.length && (list[end] as Token).sentence === sentence) end++
        const w = new Array<string>(end - k)
        for (let x = k; x < end; x++) w[x - k] = (list[x] as Token).lower
        words[sentence] = w
        k = end
      }
    }
    let previousKept = false
    let previousTurn = -1
    doc.sentences.forEach((s, i) => {
      const turn = turns.get(s.turn) as Turn
      if (s.turn !== previousTurn) { previousKept = false; previousTurn = s.turn }
      const text = turn.text.slice(s.start, s.end)
      // Most sentences mention nothing: their lists are the shared empty one until a mention comes.
      let entityIds: string[] = NONE
      let topicalIds: string[] = NONE
      // Notes only explain: no list for the sentences of a run without explanations.
      const notes: string[] = doc.explain ? [] : NONE
      const mentions = byTurn.get(s.turn) ?? []
      for (let k = firstAtOrAfter(mentions, s.start); k < mentions.length && mentions[k]!.start < s.end; k++) {
        const m = mentions[k]!
        if (m.end > s.end) continue
        if (m.entityId === null) { if (doc.explain) notes.push(`unresolved mention "${m.text}": ${m.note ?? 'no candidate'}`); continue }
        if (entityIds.includes(m.entityId)) continue
        if (entityIds === NONE) entityIds = []
        entityIds.push(m.entityId)
        if (speakerIds.has(m.entityId)) continue
        if (topicalIds === NONE) topicalIds = []
        topicalIds.push(m.entityId)
      }
      const qs = doc.quantities[i] ?? []
      const w = words[i] ?? NONE
      const hits = scanLexicons(w)
      const decision = scoreClaim({ text, entityIds: topicalIds, quantities: qs, previousKept, words: w, hits })
      // A sentence fact-checkers would check is a claim, whatever the policy lexicon says; but no
      // score makes a claim of what the rules found to be no statement, so that is not scored
      // unless it is kept or explained (the model was a fifth of extraction's time).
      const byRules = decision.confidence >= doc.claimThreshold
      const statement = byRules || !notAStatement(decision)
      const worth = statement || doc.explain ? checkworthiness(text, w) : 0
      const kept = byRules || (statement && worth >= CHECKWORTHY_THRESHOLD)
      previousKept = kept
      // Hedges and topics only matter to a claim or an explanation: most sentences are neither.
      if (!kept && !doc.explain) return
      const hedges = findHedges(text, hits)
      const topics = assignTopics(text, entityIds, hits)
      const id = `t${s.turn}-s${s.index}`
      if (doc.explain) explanations.push({ id, turn: s.turn, start: s.start, end: s.end, text, kept, kind: kept ? decision.kind : null, confidence: decision.confidence, hedges, topics, features: decision.features, notes })
      if (kept) {
        out.push(new ClaimRecord(id, s.turn, turn.speakerId, text, s.start, s.end, decision.kind, hedges.length > 0, topics, qs, entityIds === NONE ? [] : entityIds, decision.confidence, worth, worth >= CHECKWORTHY_THRESHOLD))
      }
    })
    return { ...doc, claims: out, explanations }
  },
}


/** The components in order. Each reads what the ones before it added. */
export const PIPELINE: readonly Component[] = [sentences, tokens, gazetteer, roster, properNouns, quantities, claims]
export const PIPELINE_NAMES: readonly string[] = PIPELINE.map((c) => c.name)
