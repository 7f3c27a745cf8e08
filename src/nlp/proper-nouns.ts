import type { EntityType } from '../record/schema.js'
import { knownGivenNames, knownPlaces } from './knowledge.js'
import { lexiconTags, tagWords } from './pos.js'
import type { EntityMention, Token } from './types.js'

// Capitalised words that are never names on their own.
const NOT_NAMES = new Set([
  'I', 'Im', 'Yeah', 'Yes', 'No', 'Oh', 'Wow', 'Okay', 'OK', 'Ok', 'Well', 'Look', 'Hey', 'Sorry', 'Right', 'So',
  'And', 'But', 'Or', 'Now', 'Then', 'Also', 'Meanwhile', 'Basically', 'Obviously', 'Frankly', 'Personally',
  'Ultimately', 'Crucially', 'Additionally', 'Nonetheless', 'Alternatively', 'Exactly', 'Thanks', 'Mr', 'Mrs', 'Ms', 'Dr',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'First', 'Second', 'Third',
  'AI', 'API', 'APIs', 'GDP', 'CEO', 'CEOs', 'CFO', 'CTO', 'RMB', 'USD', 'EUR', 'TV', 'PC', 'ID', 'IT', 'PR', 'FAQ', 'PhD', 'Q', 'A',
])

// Capitalised words of idioms and eponyms, not entities of the conversation.
const IDIOMS = [['sword', 'of', 'Damocles'], ['Venn', 'diagram'], ['Achilles', 'heel'], ['Trojan', 'horse'], ['Pandora', '’', 's'], ['Ponzi', 'scheme']]

const IDIOM_STARTS = new Set(IDIOMS.map((w) => w[0] as string))

const ORG_WORDS = new Set(['Inc', 'Corp', 'Corporation', 'Company', 'Co', 'Ltd', 'LLC', 'Group', 'Holdings', 'Agency', 'Ministry', 'Department',
  'Bureau', 'Council', 'Committee', 'Commission', 'Administration', 'Office', 'University', 'Institute', 'Institution', 'Center',
  'Centre', 'Bank', 'Fund', 'Foundation', 'Association', 'Party', 'Survey', 'Service', 'Authority', 'Board', 'Army', 'Navy', 'Force',
  'Times', 'Post', 'Journal', 'Review', 'News', 'Technologies', 'Technology', 'Materials', 'Motors', 'Semiconductor', 'Electronics',
  'Brothers', 'Bros', 'Partners', 'Capital', 'Securities', 'Airlines', 'Airways', 'Systems', 'Labs', 'Media', 'Studios', 'Network',
  'Networks', 'Pictures', 'Records', 'Industries', 'Enterprises', 'Solutions', 'Pharmaceuticals', 'Club', 'FC', 'Reserve', 'Exchange'])
const LAW_WORDS = new Set(['Act', 'Treaty', 'Rule', 'Rules', 'Accords', 'Accord', 'Agreement', 'Law', 'Directive', 'Regulation',
  'Regulations', 'List', 'Convention', 'Protocol', 'Arrangement', 'Order', 'Amendment', 'Code', 'Bill'])
const LAW_NOUNS = new Set(['act', 'law', 'laws', 'bill', 'rule', 'rules', 'regulation', 'regulations', 'reform', 'reforms', 'statute', 'provisions', 'requirements'])
const EVENT_WORDS = new Set(['Summit', 'Conference', 'War', 'Crisis', 'Games', 'Olympics', 'Forum', 'Revolution', 'Talks', 'Election'])
const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'President', 'Senator', 'Secretary', 'Minister', 'Chairman', 'Chair', 'General',
  'Premier', 'Governor', 'Ambassador', 'Professor', 'Prof', 'Representative', 'Rep', 'Sen', 'Gov', 'Judge', 'Justice', 'Vice'])
const SAY_VERBS = new Set(['said', 'says', 'saying', 'argued', 'argues', 'thinks', 'told', 'wrote', 'believes', 'tweeted', 'campaigned',
  'goes', 'wants', 'complained', 'complaining', 'admitted', 'insisted'])
// Weak evidence ("from Trump 1 to Biden" names people): any stronger cue on another mention wins.
const PLACE_PREPOSITIONS = new Set(['in', 'from', 'to', 'across', 'into', 'throughout', 'near'])
const MAX_RUN_TOKENS = 40
const CONNECTORS = new Set(['of', 'and', 'for', 'on', 'de', '&'])
const CONTRACTIONS = new Set(['t', 're', 'll', 've', 'd', 'm'])
// "Chinese", "Russians", "Korean": a capitalised demonym names a state.
const DEMONYM = /^[A-Z][a-z]+(?:ese|ian|ians|ans|ean|eans|ish|ic)$/

const isCapitalised = (t: Token): boolean => {
  const c = t.text.charCodeAt(0)
  return c >= 65 && c <= 90 || (c > 127 && t.text[0] !== (t.text[0] as string).toLowerCase())
}
const isAcronym = (s: string): boolean => s.length >= 2 && /^[A-Z][A-Z&]+$/.test(s)
const hasDigit = (s: string): boolean => /\d/.test(s)

/** A capitalised word that opens a sentence is a name only if the lexicon does not know it as a common word. */
const commonWord = (t: Token): boolean => {
  const tags = lexiconTags(t.lower)
  return tags !== undefined && !tags[0]?.startsWith('NNP')
}

/** Whether most words of the sentence around token `i` are written in capitals (a headline, captions). */
export const capsSentence = (tokens: readonly Token[], i: number): boolean => {
  const { words, caps } = sentenceCase(tokens, i)
  // A one-word headline ("SOCCER -") counts too, when the word is long enough not to be an acronym.
  return words >= 3 ? caps >= words * 0.6 : words >= 1 && caps === words && (words === 2 || (tokens[i] as Token).text.length >= 5)
}

// Counted once per sentence: every name and every short alias in a sentence asks, and walking a
// long unpunctuated caption "sentence" again for each of them was quadratic.
const sentenceCases = new WeakMap<readonly Token[], Map<number, { words: number; caps: number }>>()

/** Words (of two letters or more) among the first 40 of token `i`'s sentence, and how many are in capitals. */
const sentenceCase = (tokens: readonly Token[], i: number): { words: number; caps: number } => {
  const sentence = (tokens[i] as Token).sentence
  let bySentence = sentenceCases.get(tokens)
  if (!bySentence) sentenceCases.set(tokens, (bySentence = new Map()))
  const known = bySentence.get(sentence)
  if (known) return known
  let lo = i
  while (lo > 0 && (tokens[lo - 1] as Token).sentence === sentence) lo--
  let caps = 0
  let words = 0
  for (let k = lo; k < tokens.length && (tokens[k] as Token).sentence === sentence && words < 40; k++) {
    const w = (tokens[k] as Token).text
    if (w.length < 2 || !/[A-Za-z]/.test(w)) continue
    words++
    if (w === w.toUpperCase()) caps++
  }
  const counted = { words, caps }
  bySentence.set(sentence, counted)
  return counted
}

/** A word that is nobody's name on its own in capitals: the lexicon knows it as a common word. */
const isPlainWord = (t: Token): boolean => commonWord(t) || t.text.length < 2

/**
 * Names that hold in any case inside a run of capitals: a country or capital (one or two words), or
 * a given name followed by a word the lexicon does not know (a surname): "ANTHONY GEARY", "ROMANIA".
 * Surnames that are also common words ("HILL") are missed: in capitals nothing tells them apart.
 */
const knownNamesIn = (run: readonly Token[]): Array<{ tokens: Token[]; type: EntityType; evidence: string }> => {
  const found: Array<{ tokens: Token[]; type: EntityType; evidence: string }> = []
  for (let k = 0; k < run.length; k++) {
    const t = run[k] as Token
    const next = run[k + 1]
    if (next && knownPlaces().has(`${t.lower} ${next.lower}`)) {
      found.push({ tokens: [t, next], type: 'GPE', evidence: 'a country or capital' })
      k++
    } else if (knownPlaces().has(t.lower) && t.lower.length > 3) {
      found.push({ tokens: [t], type: 'GPE', evidence: 'a country or capital' })
    } else if (next && knownGivenNames().has(t.lower) && !isPlainWord(t) && !isPlainWord(next) && !hasDigit(next.text) && !knownGivenNames().has(next.lower)) {
      found.push({ tokens: [t, next], type: 'PERSON', evidence: `given name "${t.text}"` })
      k++
    }
  }
  return found
}

export const slug = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

export interface ProperNoun extends EntityMention {
  type: EntityType
  evidence: string
  /** How much the evidence weighs when mentions of one name disagree (higher wins). */
  strength: number
}

// A cue word types a name only where cue words stand: last ("Clean Air Act"), or before "of"
// ("Bank of England", "Bill of Rights"); "Bill Gates" is no bill.
const cueAt = (words: readonly string[], cues: ReadonlySet<string>): boolean =>
  words.some((w, k) => cues.has(w) && (k === words.length - 1 || words[k + 1] === 'of'))

const typeOf = (run: readonly Token[], before: Token | undefined, after: Token | undefined, name: string): [EntityType, string, number] => {
  const words = run.map((t) => t.text)
  if (cueAt(words, LAW_WORDS)) return ['LAW', 'law word', 3]
  if (cueAt(words, EVENT_WORDS)) return ['EVENT', 'event word', 3]
  if (cueAt(words, ORG_WORDS)) return ['ORG', 'organisation word', 3]
  // "Dodd-Frank rules", "the Sarbanes-Oxley law": a hyphenated name before a word for a law.
  if (words.includes('-') && after && LAW_NOUNS.has(after.lower)) return ['LAW', `hyphenated name before "${after.text}"`, 3]
  if (before && TITLES.has(before.text)) return ['PERSON', `title "${before.text}"`, 3]
  if (knownPlaces().has(name.toLowerCase())) return ['GPE', 'a country or capital', 2.5]
  if (after && SAY_VERBS.has(after.text)) return ['PERSON', `speech verb "${after.text}"`, 3]
  if (run.length >= 2 && run.length <= 3 && knownGivenNames().has((run[0] as Token).lower)) return ['PERSON', `given name "${(run[0] as Token).text}"`, 2]
  // "Adam", "Sarah" alone: a given name the lexicon does not also know as a common word ("Will", "Bill").
  if (run.length === 1 && knownGivenNames().has((run[0] as Token).lower) && !commonWord(run[0] as Token)) return ['PERSON', 'given name', 1.5]
  if (run.length === 1 && isAcronym(words[0] as string)) return ['ORG', 'acronym', 1]
  if (run.length === 1 && DEMONYM.test(words[0] as string)) return ['GPE', 'demonym', 2]
  if (run.length === 1 && before && PLACE_PREPOSITIONS.has(before.lower)) return ['GPE', `after "${before.text}"`, 1]
  if (run.length >= 2 && run.length <= 3) return ['PERSON', 'two or three capitalised words', 1]
  return ['ORG', 'capitalised word', 0.5]
}

/**
 * Names nobody listed: runs of capitalised words (joined by "of", "and", "for"…) among the tokens
 * no earlier stage claimed. Sentence-initial words, months, weekdays, interjections and idioms are
 * skipped; a lone sentence-initial word counts only if the lexicon does not know it as a common
 * word and the Brill tagger tags it NNP. Types come from evidence (see `typeOf`).
 */
export const findProperNouns = (tokens: readonly Token[], covered: Uint8Array, text: string): ProperNoun[] => {
  const out: ProperNoun[] = []
  const skip = covered.slice()
  for (let i = 0; i < tokens.length; i++) {
    if (!IDIOM_STARTS.has((tokens[i] as Token).text)) continue
    for (const idiom of IDIOMS) {
      if (idiom.every((w, k) => tokens[i + k]?.text === w)) for (let k = 0; k < idiom.length; k++) skip[i + k] = 1
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token
    if (skip[i] || !isCapitalised(t) || NOT_NAMES.has(t.text) || hasDigit(t.text)) continue
    let j = i
    // Bounded: a run of capitals in a caption file can be the whole text, and it is cut at its first
    // "and" below, so scanning it to its end from every start was quadratic. No name is this long.
    while (j - i < MAX_RUN_TOKENS) {
      const n = tokens[j + 1]
      if (n && !skip[j + 1] && n.sentence === t.sentence && isCapitalised(n) && !NOT_NAMES.has(n.text) && !hasDigit(n.text) && n.start - (tokens[j] as Token).end <= 1) { j++; continue }
      // "Dodd-Frank", "Sarbanes-Oxley": capitalised words joined by a hyphen are one name.
      const h = tokens[j + 2]
      // Not "US-China" or "Sino-Japanese": a pair of places is a relation, not a name.
      if (n && h && n.text === '-' && n.start === (tokens[j] as Token).end && h.start === n.end && !skip[j + 2] && isCapitalised(h) && !hasDigit(h.text) &&
        !isAcronym((tokens[j] as Token).text) && !isAcronym(h.text) && !knownPlaces().has((tokens[j] as Token).lower) && !knownPlaces().has(h.lower)) { j += 2; continue }
      const c = tokens[j + 1]
      // "Ministry of Commerce of the PRC": "of the" joins as one connector.
      const gap = c?.lower === 'of' && tokens[j + 2]?.lower === 'the' ? 2 : 1
      const m = tokens[j + 1 + gap]
      if (c && m && CONNECTORS.has(c.lower) && !skip[j + 1 + gap] && m.sentence === t.sentence && isCapitalised(m) && !NOT_NAMES.has(m.text) && !hasDigit(m.text)) { j += 1 + gap; continue }
      break
    }
    let first = i
    // Drop a common word opening the sentence ("Take Lutnick" keeps "Lutnick"), and any connector after it.
    // …unless it is a given name before another name ("Bill Gates said").
    if (t.initial && commonWord(t) && !(j > i && knownGivenNames().has(t.lower))) first = i + 1
    while (first <= j && CONNECTORS.has((tokens[first] as Token).lower)) first++
    // "Iran and Russia" is two names; "Bureau of Industry and Security" is one (it has an organisation word).
    let last = j
    let andAt = -1
    let named = false
    for (let k = first; k <= j; k++) {
      const x = tokens[k] as Token
      if (andAt < 0 && (x.lower === 'and' || x.text === '&')) andAt = k - first
      if (ORG_WORDS.has(x.text) || LAW_WORDS.has(x.text) || EVENT_WORDS.has(x.text)) named = true
    }
    if (andAt >= 0 && !named) last = first + andAt - 1
    if (first > last) { i = j; continue }
    j = last
    const run = tokens.slice(first, j + 1)
    const next = tokens[j + 1]
    // "Isn’t", "We’re": a contraction, not a name.
    if (next && (next.text === '\u2019' || next.text === "'") && CONTRACTIONS.has(tokens[j + 2]?.lower ?? '')) { i = j; continue }
    if (run.length === 1 && TITLES.has((run[0] as Token).text)) { i = j; continue }
    // "Secretary Smith": the title is evidence, not part of the name.
    if (run.length > 1 && TITLES.has((run[0] as Token).text)) { first++; run.shift() }
    // A lone capitalised common word mid-sentence ("Western") is an adjective, not a name.
    if (run.length === 1 && !(run[0] as Token).initial && !isAcronym((run[0] as Token).text) && commonWord(run[0] as Token) && !lexiconTags((run[0] as Token).text)?.[0]?.startsWith('NNP')) { i = j; continue }
    if (run.length === 1 && (run[0] as Token).initial) {
      // The sentence's tokens are contiguous: find its ends around i instead of filtering the turn.
      let lo = i
      while (lo > 0 && (tokens[lo - 1] as Token).sentence === t.sentence) lo--
      let hi = i + 1
      while (hi < tokens.length && (tokens[hi] as Token).sentence === t.sentence) hi++
      const words = new Array<string>(hi - lo)
      for (let k = lo; k < hi; k++) words[k - lo] = (tokens[k] as Token).text
      const at = words.indexOf((run[0] as Token).text)
      if (!tagWords(words)[at]?.startsWith('NNP')) { i = j; continue }
    }
    const before = tokens[first - 1]
    const after = tokens[j + 1]
    const a = run[0] as Token
    const b = run.at(-1) as Token
    const name = text.slice(a.start, b.end)
    // In a sentence written in capitals, capitals say nothing: only names known as such count,
    // looked for inside the run ("WELCOME SENATOR JERRY HILL TODAY" holds "JERRY HILL").
    if (capsSentence(tokens, i)) {
      for (const known of knownNamesIn(run)) {
        const x = known.tokens[0] as Token
        const y = known.tokens.at(-1) as Token
        const knownName = text.slice(x.start, y.end)
        out.push({ turn: x.turn, start: x.start, end: y.end, text: knownName, entityId: slug(knownName), source: 'proper-noun', type: known.type, evidence: known.evidence, strength: 2 })
      }
      i = j
      continue
    }
    const [type, evidence, strength] = typeOf(run, before, after, name)
    out.push({ turn: a.turn, start: a.start, end: b.end, text: name, entityId: slug(name), source: 'proper-noun', type, evidence, strength })
    i = j
  }
  return out
}
