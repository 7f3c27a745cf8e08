/**
 * Paragraphs → speakers, turns and sections. Two passes over the paragraphs: the first counts
 * label candidates so the roster is learned from the whole document (design.md); the second
 * reads each paragraph's label with that roster and groups paragraphs into turns. Both are
 * linear, and no regex is built per paragraph.
 */
import type { Section, SectionKind, Speaker, Turn, Warning } from '../record/schema.js'
import type { Paragraph } from '../transcript/types.js'
import { chooseConventions, type Conventions } from './conventions.js'
import { detectLabel, type LabelMatch } from './labels.js'
import { detectLanguage, scriptClass, turnLanguage, type ScriptClass } from './language.js'
import { addCandidate, buildRoster, type LabelCandidate, type Roster, type RosterMember } from './roster.js'
import { classifySections, continuesSponsorRead, isClosingLine, isCredits, isMarkerLine, isNonSpeech, isOutro, isSponsorRead, sponsorName } from './sections.js'
import { markCaptionAds } from './caption-ads.js'
import { inferNames } from './introductions.js'
import { nameKey, placeholderId } from './names.js'
import { cleanSpeech } from './speech-text.js'
import { assignSpeakerIds } from './speaker-ids.js'
import type { SplitOptions, SplitResult } from './types.js'
import { countWords } from './word-count.js'

/** A paragraph after caption fragments are joined and its label, if any, is read and removed. */
interface Unit {
  text: string
  /** Set when the paragraph opens with a speaker label; absent means "same speaker as before". */
  member?: RosterMember
  /** An unnamed change of speaker (`>>`, a subtitle dash): a new turn even if the speaker is "unknown" again. */
  change?: boolean
  /** Not speech (a heading, a sponsor read, a marker line): kept out of the turns, as a section of this kind. */
  nonSpeech?: SectionKind
  /** A heading that announces speech (`# Prepared remarks`, `## Transcript`). */
  speechHeading?: boolean
  /** Markdown heading level (1–6), for headings. */
  headingLevel?: number
  start?: number
  end?: number
}

// Only the opening of a long document is searched for the names a roster block or intro gives.
const INTRO_PARAGRAPHS = 300
const INTRO_CHARS = 60_000
const LANGUAGE_SAMPLE_CHARS = 2000

const UNKNOWN: RosterMember = { key: 'unknown', name: null, role: 'unknown' }

// Two or three capitalised words: "Jason Weinstein", "Zooko Wilcox", "Aaron van Wirdum".
const FULL_NAME = /\b\p{Lu}[\p{Ll}'’-]+(?: (?:van|von|de|der|da|del|di|la|le))?(?: \p{Lu}[\p{Ll}'’-]+){1,2}\b/gu
// `>>` inside a caption line: each one starts a new speaker's text.
const CAPTION_CHANGE_INSIDE = /[ \t](?:>>>?|&gt;&gt;(?:&gt;)?)[ \t]+(?=\S)/g
// A subtitle dash inside a cue after the end of a phrase: "A while ago now. - I think so as well".
const DASH_CHANGE_INSIDE = /(?<=[.?!,…—-]) [-–] (?=[\p{Lu}\p{N}"“(])/gu
const MD_HEADING = /^#{1,6}[ \t]/
// How a speaker opens an event, as opposed to how show notes are written.
const SPOKEN_ADDRESS = /^(?:ladies and gentlemen|good (?:morning|afternoon|evening)|(?:hello|hi),? (?:everyone|everybody|and welcome)|please (?:welcome|take your seats|join me)|welcome,? everyone|thank you (?:all )?for (?:coming|joining))\b/i
const SPEECH_HEADING = /\b(?:remarks|statement|testimony|opening|transcript|speech|address|keynote|spoken|said|words)\b/i

/** Splits paragraphs where a change-of-speaker marker stands inside them; each piece keeps its marker. */
const splitInside = (paragraphs: readonly Paragraph[], pattern: RegExp, test: (p: Paragraph) => boolean): Paragraph[] => {
  const out: Paragraph[] = []
  for (const paragraph of paragraphs) {
    if (!test(paragraph)) {
      out.push(paragraph)
      continue
    }
    let from = 0
    for (const match of paragraph.text.matchAll(pattern)) {
      const piece = paragraph.text.slice(from, match.index)
      if (piece.trim()) out.push({ ...paragraph, text: piece.trim() })
      // The match opens with one space or tab; the piece starts at the marker.
      from = match.index + 1
    }
    const piece = paragraph.text.slice(from)
    if (from === 0) out.push(paragraph)
    else if (piece.trim()) out.push({ ...paragraph, text: piece.trim() })
  }
  return out
}

interface Labelled {
  paragraphs: Paragraph[]
  labels: Array<LabelMatch | undefined>
  conventions: Conventions
}

const detectAll = (paragraphs: readonly Paragraph[]): Array<LabelMatch | undefined> =>
  paragraphs.map((p) => (p.speaker ? undefined : detectLabel(p.text, p.fragment === true)))

/** Reads every paragraph's label, learns the document's conventions, and splits at markers inside paragraphs. */
const labelParagraphs = (input: readonly Paragraph[]): Labelled => {
  let paragraphs = input.some((p) => p.text.includes('>>') || p.text.includes('&gt;&gt;'))
    ? splitInside(input, CAPTION_CHANGE_INSIDE, (p) => p.text.includes('>>') || p.text.includes('&gt;&gt;'))
    : [...input]
  let labels = detectAll(paragraphs)
  const captions = paragraphs.reduce((n, p) => n + (p.fragment ? 1 : 0), 0)
  const firstText = paragraphs.findIndex((p) => /[\p{L}\p{N}]/u.test(p.text))
  const conventions = chooseConventions(labels, captions, Math.max(0, firstText))
  if (conventions.dashChanges) {
    paragraphs = splitInside(paragraphs, DASH_CHANGE_INSIDE, (p) => p.fragment === true && p.text.includes(' -'))
    labels = detectAll(paragraphs)
  }
  return { paragraphs, labels, conventions }
}

const inUse = (label: LabelMatch | undefined, conventions: Conventions): label is LabelMatch => {
  if (!label) return false
  if (label.syntax === 'dash-change') return conventions.dashChanges
  if (label.syntax === 'caption-change') return conventions.captionChanges
  return conventions.named.has(label.syntax)
}

// Labels in a script that under this share of the labels use are not speakers: "评价: 推荐" (a
// rating field) repeated in an English transcript, where every speaker label is Latin.
const MINOR_SCRIPT_SHARE = 0.1

const collectCandidates = (paragraphs: readonly Paragraph[], labels: Array<LabelMatch | undefined>, conventions: Conventions) => {
  const byScript = { cjk: 0, other: 0 }
  for (const label of labels) if (inUse(label, conventions) && label.name !== null) byScript[scriptClass(label.name)]++
  const total = byScript.cjk + byScript.other
  const table = new Map<string, LabelCandidate>()
  let firstLabel = -1
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]!
    if (paragraph.speaker) addCandidate(table, paragraph.speaker, i, true)
    const label = labels[i]
    if (inUse(label, conventions) && label.name !== null) {
      if (byScript[scriptClass(label.name)] < total * MINOR_SCRIPT_SHARE) {
        labels[i] = undefined
        continue
      }
      addCandidate(table, label.name, i, false)
    }
    if (firstLabel < 0 && (paragraph.speaker || inUse(label, conventions))) firstLabel = i
  }
  return { table, firstLabel }
}

/** The opening label's key, unless it is in another script than the text ("评价: 推荐" over an English post). */
const openingKey = (label: LabelMatch | undefined, script: ScriptClass): string | undefined =>
  label?.name && scriptClass(label.name) === script ? placeholderId(label.name) ?? nameKey(label.name) : undefined


/** Full names in the document's opening (a roster block, front matter, the announcer's intro). */
const namesInIntro = (paragraphs: readonly Paragraph[], until: number): string[] => {
  const names: string[] = []
  let chars = 0
  const end = Math.min(until < 0 ? paragraphs.length : until, INTRO_PARAGRAPHS)
  for (let i = 0; i < end && chars < INTRO_CHARS; i++) {
    const text = paragraphs[i]!.text
    chars += text.length
    for (const match of text.matchAll(FULL_NAME)) names.push(match[0])
  }
  return names
}

/**
 * How often each word is written in lower case and capitalised, to tell "Price:" (a word the text
 * also writes as "price") from "SANDERS:" (a name, whatever one typo "Senator sanders" says).
 */
const wordCases = (paragraphs: readonly Paragraph[]): Map<string, { lower: number; capital: number }> => {
  const cases = new Map<string, { lower: number; capital: number }>()
  for (const paragraph of paragraphs) {
    for (const match of paragraph.text.matchAll(/(?<![\p{L}\p{N}])\p{L}[\p{L}'’-]{2,}/gu)) {
      const word = match[0]
      const key = word.toLowerCase()
      // Scripts without case (主持人) say nothing either way.
      if (key === word.toUpperCase()) continue
      let entry = cases.get(key)
      if (!entry) cases.set(key, (entry = { lower: 0, capital: 0 }))
      if (word === key) entry.lower++
      else entry.capital++
    }
  }
  return cases
}

/** A word the text mostly writes in lower case, or as often in lower case as capitalised. */
const isCommonWord = (cases: ReadonlyMap<string, { lower: number; capital: number }>, word: string): boolean => {
  const entry = cases.get(word)
  return entry !== undefined && entry.lower > 0 && entry.lower * 2 >= entry.capital
}

// A heading in capitals (`ORAL ARGUMENT OF ROBERT A. LONG`) inside a transcript written in mixed case.
const CAPS_HEADING_MAX_WORDS = 15
const isCapsHeading = (text: string): boolean => {
  // A heading does not end like a sentence ("USA, USA, USA." is a chant).
  if (text.length > CAPS_HEADING_MAX_WORDS * 12 || /[.?!]$/.test(text) || text !== text.toUpperCase() || text === text.toLowerCase()) return false
  const words = countWords(text)
  return words >= 3 && words <= CAPS_HEADING_MAX_WORDS
}

/** Whether most of the text is in mixed case (not an ALL-CAPS caption file, where capitals mean nothing). */
const isMixedCase = (paragraphs: readonly Paragraph[]): boolean => {
  let upper = 0
  let lower = 0
  for (let i = 0; i < paragraphs.length && upper + lower < 20_000; i++) {
    for (const ch of paragraphs[i]!.text) {
      if (ch >= 'a' && ch <= 'z') lower++
      else if (ch >= 'A' && ch <= 'Z') upper++
    }
  }
  return lower > upper
}

interface DocumentStyle {
  /** Mostly mixed case (so a line in capitals is a heading). */
  mixedCase: boolean
  /** The script most of the labelled speech is written in. */
  script: ScriptClass
}

/** A paragraph that is not speech wherever it stands: a heading, a marker line, a sponsor read, another script. */
const nonSpeechKind = (text: string, style: DocumentStyle): SectionKind | undefined => {
  if (MD_HEADING.test(text) || (style.mixedCase && isCapsHeading(text)) || isClosingLine(text)) return 'other'
  // An unlabelled paragraph in another script (a commentary in Chinese inside an English post).
  if (text.length >= 20 && scriptClass(text.slice(0, 300)) !== style.script) return 'other'
  if (isSponsorRead(text)) return 'promo'
  if (isMarkerLine(text)) return 'other'
  return undefined
}

const readLabel = (paragraph: Paragraph, label: LabelMatch | undefined, roster: Roster, conventions: Conventions, inTranscript: boolean, style: DocumentStyle): Unit => {
  let member: RosterMember | undefined
  let change = false
  let text = paragraph.text
  if (inUse(label, conventions)) {
    const resolved = label.name === null ? UNKNOWN : roster.resolve(label.name)
    if (resolved) {
      member = resolved
      change = label.name === null
      text = paragraph.text.slice(label.length)
    }
  } else if (inTranscript) {
    const unlabelled = roster.matchUnlabelled(paragraph.text)
    if (unlabelled) {
      member = unlabelled.member
      text = paragraph.text.slice(unlabelled.length)
    }
  }
  if (paragraph.speaker) {
    const structural = roster.resolve(paragraph.speaker)
    // The format's own label wins; an inline label naming someone else is then just text.
    if (structural && member && member !== structural) text = paragraph.text
    if (structural) member = structural
  }
  // "Unknown Speaker" (Otter) marks a new diarized segment by someone unnamed: each is its own turn.
  if (member?.key === 'unknown') change = true
  const heading = MD_HEADING.test(text)
  const nonSpeech = member ? (isSponsorRead(text) ? 'promo' : undefined) : nonSpeechKind(text, style)
  const cleaned = nonSpeech ? { text: text.trim() } : cleanSpeech(text)
  const unit: Unit = { text: cleaned.text }
  if (member) unit.member = member
  if (change) unit.change = true
  if (nonSpeech) unit.nonSpeech = nonSpeech
  if (heading) {
    unit.headingLevel = /^#+/.exec(text)![0].length
    if (SPEECH_HEADING.test(text)) unit.speechHeading = true
  }
  const start = paragraph.start ?? cleaned.start
  if (start !== undefined) unit.start = start
  if (paragraph.end !== undefined) unit.end = paragraph.end
  return unit
}

/** The script most text is in, from a bounded sample of the paragraphs `take` keeps (all by default). */
const documentScript = (paragraphs: readonly Paragraph[], take: (i: number) => boolean = () => true): ScriptClass => {
  let sample = ''
  for (let i = 0; i < paragraphs.length && sample.length < LANGUAGE_SAMPLE_CHARS; i++) if (take(i)) sample += paragraphs[i]!.text
  return scriptClass(sample)
}

/** The script of the labelled paragraphs, or of all of them when too few are labelled. */
const labelledScript = (paragraphs: readonly Paragraph[], labels: ReadonlyArray<LabelMatch | undefined>): ScriptClass => {
  const labelled = (i: number): boolean => labels[i] !== undefined || paragraphs[i]!.speaker !== undefined
  return paragraphs.some((_, i) => labelled(i)) ? documentScript(paragraphs, labelled) : documentScript(paragraphs)
}

/** Sponsor segments among caption cues (undefined when there are no cues to look at). */
const captionAds = (paragraphs: readonly Paragraph[]): boolean[] | undefined => {
  const cues: string[] = []
  const at: number[] = []
  for (let i = 0; i < paragraphs.length; i++) {
    if (!paragraphs[i]!.fragment) continue
    cues.push(paragraphs[i]!.text)
    at.push(i)
  }
  if (cues.length === 0) return undefined
  const marks = markCaptionAds(cues)
  const ads = new Array<boolean>(paragraphs.length).fill(false)
  for (let k = 0; k < cues.length; k++) if (marks[k]) ads[at[k]!] = true
  return ads
}

/** Joins caption fragments into their paragraph unless the fragment opens a new speaker's turn. */
const toUnits = (paragraphs: readonly Paragraph[], labels: ReadonlyArray<LabelMatch | undefined>, roster: Roster, conventions: Conventions): Unit[] => {
  const units: Unit[] = []
  const style: DocumentStyle = { mixedCase: isMixedCase(paragraphs), script: labelledScript(paragraphs, labels) }
  const ads = captionAds(paragraphs)
  let speaker: RosterMember | undefined
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]!
    const unit = readLabel(paragraph, labels[i], roster, conventions, speaker !== undefined, style)
    if (ads?.[i] && !unit.nonSpeech) unit.nonSpeech = 'promo'
    const current = units[units.length - 1]
    const sameSpeaker = (!unit.member || (unit.member === speaker && !unit.change)) && !unit.nonSpeech && !current?.nonSpeech
    if (paragraph.fragment && current && sameSpeaker) {
      if (unit.text) current.text = current.text ? `${current.text} ${unit.text}` : unit.text
      if (current.start === undefined && unit.start !== undefined) current.start = unit.start
      if (unit.end !== undefined) current.end = Math.max(current.end ?? unit.end, unit.end)
    } else {
      units.push(unit)
    }
    if (unit.member) speaker = unit.member
  }
  extendSponsorReads(units)
  return units
}

/** A sponsor read goes on over the next paragraphs of the same voice while they name the sponsor. */
const extendSponsorReads = (units: Unit[]): void => {
  let sponsor: string | undefined
  let inRead = false
  for (const unit of units) {
    if (unit.nonSpeech === 'promo') {
      sponsor = sponsorName(unit.text) ?? sponsor
      inRead = true
    } else if (inRead && !unit.member && !unit.nonSpeech && continuesSponsorRead(unit.text, sponsor)) {
      unit.nonSpeech = 'promo'
    } else if (unit.member || (unit.text.length > 0 && (unit.text.length > 40 || countWords(unit.text) > 0))) {
      inRead = false
      sponsor = undefined
    }
  }
}

interface Draft {
  member: RosterMember
  paragraphs: string[]
  /** Opened by an unnamed change of speaker (`>>`). */
  unnamed?: boolean
  wordCount: number
  start?: number
  end?: number
}

/** Consecutive paragraphs of one speaker are one turn; non-speech goes to `aside`; paragraphs without a word are dropped. */
const toDrafts = (units: readonly Unit[], from: number, to: number, first: RosterMember, aside: Array<{ kind: SectionKind; text: string }>): Draft[] => {
  const drafts: Draft[] = []
  let speaker = first
  let current: Draft | undefined
  for (let i = from; i < to; i++) {
    const unit = units[i]!
    if (unit.member) speaker = unit.member
    if (unit.nonSpeech) {
      if (countWords(unit.text) > 0) aside.push({ kind: unit.nonSpeech, text: unit.text })
      // A heading or sponsor read between two parts of one speaker's talk does not end the turn.
      if (unit.change) current = undefined
      continue
    }
    const words = countWords(unit.text)
    if (words === 0) {
      if (unit.change) current = undefined
      continue
    }
    if (!current || current.member !== speaker || unit.change) {
      current = { member: speaker, paragraphs: [], wordCount: 0 }
      if (unit.change) current.unnamed = true
      drafts.push(current)
    }
    current.paragraphs.push(unit.text)
    current.wordCount += words
    if (current.start === undefined && unit.start !== undefined) current.start = unit.start
    if (unit.end !== undefined) current.end = Math.max(current.end ?? unit.end, unit.end)
  }
  return drafts
}

const finish = (drafts: Draft[], sections: Section[], warnings: Warning[], transcriptLanguage: string): SplitResult => {
  const inferred = inferNames(drafts)
  if (inferred > 0) warnings.push({ code: 'SPEAKER_NAMES_INFERRED', message: `${inferred} speaker name(s) inferred from introductions or a chair calling on someone (see speakers[].nameSource)` })
  const used: RosterMember[] = []
  const seen = new Set<RosterMember>()
  for (const draft of drafts) {
    if (!seen.has(draft.member)) {
      seen.add(draft.member)
      used.push(draft.member)
    }
  }
  const ids = assignSpeakerIds(used)
  const speakers = new Map<RosterMember, Speaker>()
  for (const member of used) {
    const speaker: Speaker = { id: ids.get(member)!, name: member.name, role: member.role, turnCount: 0, wordCount: 0 }
    if (member.inferred) speaker.nameSource = member.inferred
    speakers.set(member, speaker)
  }
  const turns = drafts.map((draft, index): Turn => {
    const speaker = speakers.get(draft.member)!
    speaker.turnCount++
    speaker.wordCount += draft.wordCount
    const text = draft.paragraphs.join('\n\n')
    const turn: Turn = {
      index,
      speakerId: speaker.id,
      text,
      paragraphs: draft.paragraphs,
      wordCount: draft.wordCount,
      language: turnLanguage(text, transcriptLanguage),
    }
    if (draft.start !== undefined) turn.start = draft.start
    if (draft.end !== undefined) turn.end = draft.end
    return turn
  })
  return { speakers: [...speakers.values()], turns, sections, warnings }
}

const sampleText = (units: readonly Unit[], from: number, to: number): string => {
  let sample = ''
  for (let i = from; i < to && sample.length < LANGUAGE_SAMPLE_CHARS; i++) if (!units[i]!.nonSpeech) sample += `${units[i]!.text}\n`
  return sample
}

const wordful = (units: readonly Unit[], from: number, to: number): string[] =>
  units.slice(from, to).map((u) => u.text).filter((t) => countWords(t) > 0)

const asSections = (aside: ReadonlyArray<{ kind: SectionKind; text: string }>, language: string): Section[] => {
  const sections: Section[] = []
  for (const { kind, text } of aside) {
    const last = sections[sections.length - 1]
    if (last && last.kind === kind) last.text += `\n\n${text}`
    else sections.push({ kind, language, text })
  }
  return sections
}

/** The recorded outro and credits at the very end leave the last turn (and the turn, if nothing else is left). */
const trimOutro = (drafts: Draft[], aside: Array<{ kind: SectionKind; text: string }>): void => {
  const last = drafts[drafts.length - 1]
  if (!last) return
  while (last.paragraphs.length > 0) {
    const paragraph = last.paragraphs[last.paragraphs.length - 1]!
    if (!isOutro(paragraph) && !isCredits(paragraph)) break
    last.paragraphs.pop()
    last.wordCount -= countWords(paragraph)
    aside.push({ kind: 'other', text: paragraph })
  }
  if (last.paragraphs.length === 0) drafts.pop()
}

/**
 * Where speech starts when the first label comes late: a heading that announces speech
 * (`# Prepared remarks`) before it makes the unlabelled paragraphs under it speech.
 */
const speechStart = (units: readonly Unit[], first: number): number => {
  for (let i = first < 0 ? units.length - 1 : first - 1; i >= 0; i--) {
    if (units[i]!.speechHeading) return i + 1
  }
  // An announcer just before the first label ("Ladies and gentlemen, please take your seats.") is speech.
  let start = first
  while (start > 0 && !units[start - 1]!.member && !units[start - 1]!.nonSpeech && SPOKEN_ADDRESS.test(units[start - 1]!.text.slice(0, 200))) start--
  return start
}

/**
 * A document with no labels but with headings that announce speech (`## Prepared remarks`, `## words
 * that may have been spoken`): what stands under those headings is speech by "unknown", one turn per
 * section; everything else (agendas, descriptions, rosters) is a section.
 */
const splitBySpeechHeadings = (units: readonly Unit[], warnings: Warning[]): SplitResult => {
  const speech: Unit[] = []
  const other: string[] = []
  let speechLevel: number | undefined
  for (const unit of units) {
    if (unit.headingLevel !== undefined) {
      if (unit.speechHeading) {
        speechLevel = unit.headingLevel
        // A new speech section is a new turn: who speaks there is not known to be the same person.
        speech.push({ text: '', member: UNKNOWN, change: true })
      } else if (speechLevel === undefined || unit.headingLevel <= speechLevel) {
        speechLevel = undefined
      }
      if (countWords(unit.text) > 0) other.push(unit.text)
      continue
    }
    if (speechLevel !== undefined) speech.push(unit)
    else if (countWords(unit.text) > 0) other.push(unit.text)
  }
  const language = detectLanguage(sampleText(speech, 0, speech.length))
  warnings.push({ code: 'NO_SPEAKER_LABELS', message: 'no speaker labels were found: the speech under the transcript headings is attributed to "unknown"' })
  const aside: Array<{ kind: SectionKind; text: string }> = []
  const drafts = toDrafts(speech, 0, speech.length, UNKNOWN, aside)
  const sections = [...classifySections(other, { transcriptLanguage: language, position: 'before' }), ...asSections(aside, language)]
  return finish(drafts, sections, warnings, language)
}

/**
 * Splits a transcript's paragraphs into speaker turns, and the text around the transcript
 * (show notes, an article, a promo, credits) into sections. Word counts use `countWords` (word-count.ts).
 *
 * @example
 * const { speakers, turns } = splitTurns([
 *   { text: 'Chris McGuire: Last night…' }, { text: 'Jordan Schneider: Chris Miller, what’s…' },
 *   { text: 'Chris McGuire: That’s a big question.' }, { text: 'Jordan Schneider: Anything else?' },
 * ])
 * // speakers: mcguire, schneider; turns: 4
 */
export const splitTurns = (input: readonly Paragraph[], { speakers = [] }: SplitOptions = {}): SplitResult => {
  const { paragraphs, labels, conventions } = labelParagraphs(input)
  const { table, firstLabel } = collectCandidates(paragraphs, labels, conventions)
  let vocabulary: Map<string, { lower: number; capital: number }> | undefined
  const opening = openingKey(conventions.opening === undefined ? undefined : labels[conventions.opening], documentScript(paragraphs))
  const roster = buildRoster({
    candidates: table,
    hints: speakers,
    documentNames: [...speakers.map((h) => h.name), ...namesInIntro(paragraphs, firstLabel)],
    isCommonWord: (word) => isCommonWord((vocabulary ??= wordCases(paragraphs)), word),
    ...(opening ? { openingLabel: opening } : {}),
  })
  const warnings: Warning[] = [...roster.warnings]
  const units = toUnits(paragraphs, labels, roster, conventions)

  const labelled = units.findIndex((u) => u.member !== undefined)
  const first = speechStart(units, labelled)
  const aside: Array<{ kind: SectionKind; text: string }> = []
  if (labelled < 0 && units.some((u) => u.speechHeading)) return splitBySpeechHeadings(units, warnings)
  if (first < 0) {
    if (units.some((u) => !u.nonSpeech && countWords(u.text) > 0)) {
      warnings.push({
        code: 'NO_SPEAKER_LABELS',
        message: 'no speaker labels were found: the whole transcript is one turn by "unknown"',
      })
    }
    const sample = sampleText(units, 0, units.length)
    const language = detectLanguage(sample)
    const drafts = toDrafts(units, 0, units.length, UNKNOWN, aside)
    return finish(drafts, asSections(aside, language), warnings, language)
  }
  // A stenographer's close ("(Whereupon, … the case … was submitted.)") ends the transcript even
  // if label-like lines follow (a word index at the end of a court transcript).
  let limit = units.length
  for (let i = first + 1; i < units.length; i++) {
    if (isClosingLine(units[i]!.text)) {
      limit = i
      break
    }
  }
  let last = first
  for (let i = limit - 1; i > first; i--) {
    if (units[i]!.member) {
      last = i
      break
    }
  }
  // Sampled up to the last label, so a trailing foreign-language note cannot set the language.
  const sample = sampleText(units, first, last + 1)
  const transcriptLanguage = detectLanguage(sample)
  const transcriptScript = scriptClass(sample)
  // After the last label, the first paragraph that is clearly not speech ends the transcript.
  let end = limit
  for (let i = last + 1; i < limit; i++) {
    // A heading or a marker line here may be followed by more of the same speech; a sponsor read,
    // credits or another script end it.
    if (units[i]!.nonSpeech === 'promo' || isNonSpeech(units[i]!.text, transcriptScript)) {
      end = i
      break
    }
  }
  const drafts = toDrafts(units, first, end, units[first]!.member ?? UNKNOWN, aside)
  trimOutro(drafts, aside)
  const sections = [
    ...classifySections(wordful(units, 0, first), { transcriptLanguage, position: 'before' }),
    ...asSections(aside, transcriptLanguage),
    ...classifySections(wordful(units, end, units.length), { transcriptLanguage, position: 'after' }),
  ]
  return finish(drafts, sections, warnings, transcriptLanguage)
}
