/**
 * The second pass: each paragraph read with the roster into a unit (speaker, text without its label,
 * markup and stage directions, or the kind of non-speech it is), caption cues joined into their
 * sentence, sponsor reads and caption ad segments marked. Linear in the input.
 */
import type { SectionKind } from '../record/schema.js'
import { OPEN_SENTENCE } from '../transcript/text.js'
import { startsWithin } from '../transcript/timestamp.js'
import type { Paragraph } from '../transcript/types.js'
import { markCaptionAds } from './caption-ads.js'
import type { Conventions } from './conventions.js'
import { documentScript, inUse, MD_HEADING_MARK } from './label-pass.js'
import type { LabelMatch } from './labels.js'
import { scriptClass, type ScriptClass } from './language.js'
import type { Roster, RosterMember } from './roster.js'
import { continuesSponsorRead, isClosingLine, isCredits, isMarkerLine, isSponsorRead, isTranscriptNote, sponsorName } from './sections.js'
import { cleanSpeech } from './speech-text.js'
import { countWords } from './word-count.js'

/** A paragraph after caption fragments are joined and its label, if any, is read and removed. */
export interface Unit {
  text: string
  /** Set when the paragraph opens with a speaker label; absent means "same speaker as before". */
  member?: RosterMember
  /** An unnamed change of speaker (`>>`, a subtitle dash): a new turn even if the speaker is "unknown" again. */
  change?: boolean
  /** Not speech (a heading, a sponsor read, a marker line): kept out of the turns, as a section of this kind. */
  nonSpeech?: SectionKind
  /** Credits or a captioner's note at the end: the transcript is over. */
  credits?: boolean
  /** A heading that announces speech (`# Prepared remarks`, `## Transcript`). */
  speechHeading?: boolean
  /** Markdown heading level (1–6), for headings. */
  headingLevel?: number
  start?: number
  end?: number
}

export const UNKNOWN: RosterMember = { key: 'unknown', name: null, role: 'unknown' }

// How far from the end credits are looked for in caption cues and unlabelled text.
const END_PARAGRAPHS = 40
const SPEECH_HEADING = /\b(?:remarks|statement|testimony|opening|transcript|speech|address|keynote|spoken|said|words)\b/i

// A heading in capitals (`ORAL ARGUMENT OF ROBERT A. LONG`) inside a transcript written in mixed case.
const CAPS_HEADING_MAX_WORDS = 15
const isCapsHeading = (text: string): boolean => {
  // A heading does not end like a sentence ("USA, USA, USA." is a chant).
  if (text.length > CAPS_HEADING_MAX_WORDS * 12 || /[.?!]$/.test(text) || text !== text.toUpperCase() || text === text.toLowerCase()) return false
  const words = countWords(text)
  return words >= 3 && words <= CAPS_HEADING_MAX_WORDS
}

// A heading in title case ending in a colon, alone in its paragraph: `Questions & Answers:`, `Prepared Remarks:`.
const TITLE_HEADING = /^\p{Lu}[\p{L}'’-]*(?: (?:\p{Lu}[\p{L}'’-]*|&|and|of|the|for|to|in|on|with|a|an)){0,5}:$/u

/** Whether most of the text is in mixed case (not an ALL-CAPS caption file, where capitals mean nothing). */
export const isMixedCase = (paragraphs: readonly Paragraph[]): boolean => {
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
  if (MD_HEADING_MARK.test(text) || (style.mixedCase && (isCapsHeading(text) || TITLE_HEADING.test(text))) || isClosingLine(text) || isTranscriptNote(text)) return 'other'
  // An unlabelled paragraph in another script (a commentary in Chinese inside an English post).
  if (text.length >= 20 && scriptClass(text.slice(0, 300)) !== style.script) return 'other'
  if (isSponsorRead(text)) return 'promo'
  if (isMarkerLine(text)) return 'other'
  return undefined
}

const readLabel = (paragraph: Paragraph, label: LabelMatch | undefined, roster: Roster, conventions: Conventions, inTranscript: boolean, style: DocumentStyle, nearEnd: boolean): Unit => {
  let member: RosterMember | undefined
  let change = false
  let text = paragraph.text
  if (inUse(label, conventions)) {
    const resolved = label.name === null ? UNKNOWN : roster.resolve(label.name)
    if (resolved) {
      member = resolved
      change = label.name === null
      text = paragraph.text.slice(label.length)
    } else if (label.marker !== undefined) {
      // `>> NOTE: …` or a name the roster did not take: still a change of speaker, by someone unnamed.
      member = UNKNOWN
      change = true
      text = paragraph.text.slice(label.marker)
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
  const heading = MD_HEADING_MARK.test(text) ? /^#+/.exec(text)![0].length : paragraph.headingLevel
  // Near the end, credits ("Captioning provided by…", "… is produced by …") are no one's speech,
  // even as a caption cue or after a `>>`.
  const credits = nearEnd && (!member || change) && isCredits(text.trim())
  const nonSpeech = credits ? 'other' : member ? (isSponsorRead(text) ? 'promo' : undefined) : heading !== undefined ? 'other' : nonSpeechKind(text, style)
  const cleaned = nonSpeech ? { text: text.trim() } : cleanSpeech(text)
  const unit: Unit = { text: cleaned.text }
  if (member && !credits) unit.member = member
  if (credits) unit.credits = true
  if (change) unit.change = true
  if (nonSpeech) unit.nonSpeech = nonSpeech
  if (heading !== undefined && !member) {
    unit.headingLevel = heading
    if (SPEECH_HEADING.test(text)) unit.speechHeading = true
  }
  const start = paragraph.start ?? cleaned.start
  if (start !== undefined) unit.start = start
  if (paragraph.end !== undefined) unit.end = paragraph.end
  return unit
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

// A block left mid-sentence (`So I think that`), and the next opening in lower case (`non black people…`),
// but not with an answer's first word (`okay. All right…`, `yeah, and here's the thing`).
const LOWER_START = /^\p{Ll}/u
const ANSWER_START = /^(?:yeah|yes|yep|no|nope|okay|ok|right|sure|correct|exactly|thanks|thank|oh|well|um|uh|hmm|mhm|so)\b/
// Otter starts a new block at a pause of a few seconds; a block that ran longer was a turn of its own.
const MAX_PAUSE_BLOCK_SECONDS = 10

/**
 * Otter labels every pause of an unnamed voice `Unknown Speaker`, so each such block is a new
 * turn; but a block of a few seconds that left its sentence open, followed by one finishing it,
 * is that voice going on (the caller checks the voice before was unnamed too). Not after a `>>`
 * or a dash: a captioner's change mark means a new voice.
 */
const continuesUnnamed = (before: Unit | undefined, unit: Unit, label: LabelMatch | undefined): boolean =>
  unit.change === true && unit.member?.key === 'unknown' && before !== undefined && !before.nonSpeech && label?.name !== null
    && startsWithin(before, unit, MAX_PAUSE_BLOCK_SECONDS) && OPEN_SENTENCE.test(before.text) && LOWER_START.test(unit.text) && !ANSWER_START.test(unit.text)

/** Joins caption fragments into their paragraph unless the fragment opens a new speaker's turn. */
export const toUnits = (paragraphs: readonly Paragraph[], labels: ReadonlyArray<LabelMatch | undefined>, roster: Roster, conventions: Conventions): Unit[] => {
  const units: Unit[] = []
  const style: DocumentStyle = { mixedCase: isMixedCase(paragraphs), script: labelledScript(paragraphs, labels) }
  const ads = captionAds(paragraphs)
  let speaker: RosterMember | undefined
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]!
    const unit = readLabel(paragraph, labels[i], roster, conventions, speaker !== undefined, style, i >= paragraphs.length - END_PARAGRAPHS)
    if (ads?.[i] && !unit.nonSpeech) unit.nonSpeech = 'promo'
    const current = units[units.length - 1]
    const sameSpeaker = (!unit.member || (unit.member === speaker && !unit.change)) && !unit.nonSpeech && !current?.nonSpeech
    if (current && ((paragraph.fragment && sameSpeaker) || (speaker?.key === 'unknown' && continuesUnnamed(current, unit, labels[i])))) {
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
