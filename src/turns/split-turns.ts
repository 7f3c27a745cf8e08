/**
 * Paragraphs → speakers, turns and sections. Two passes over the paragraphs: the first counts
 * label candidates so the roster is learned from the whole document (design.md); the second
 * reads each paragraph's label with that roster and groups paragraphs into turns. Both are
 * linear, and no regex is built per paragraph.
 */
import type { Section, Speaker, Turn, Warning } from '../record/schema.js'
import type { Paragraph } from '../transcript/types.js'
import { detectInlineLabel, type InlineLabel } from './labels.js'
import { detectLanguage, scriptClass } from './language.js'
import { addCandidate, buildRoster, type LabelCandidate, type Roster, type RosterMember } from './roster.js'
import { classifySections, isNonSpeech } from './sections.js'
import { assignSpeakerIds } from './speaker-ids.js'
import type { SplitOptions, SplitResult } from './types.js'
import { countWords } from './word-count.js'

/** A paragraph after caption fragments are joined and its label, if any, is read and removed. */
interface Unit {
  text: string
  /** Set when the paragraph opens with a speaker label; absent means "same speaker as before". */
  member?: RosterMember
  start?: number
  end?: number
}

// Only the opening of a long document is searched for an intro that names a speaker.
const INTRO_PARAGRAPHS = 300
const LANGUAGE_SAMPLE_CHARS = 2000

const UNKNOWN: RosterMember = { key: 'unknown', name: null, role: 'unknown' }

const collectCandidates = (paragraphs: readonly Paragraph[]) => {
  const table = new Map<string, LabelCandidate>()
  const inline: Array<InlineLabel | undefined> = new Array(paragraphs.length)
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]!
    if (paragraph.speaker) addCandidate(table, paragraph.speaker, i, true)
    const label = detectInlineLabel(paragraph.text)
    inline[i] = label
    if (label) addCandidate(table, label.name, i, false)
  }
  return { table, inline }
}

/** `inTranscript`: a colon-less name counts only once some label has started the transcript. */
const readLabel = (paragraph: Paragraph, label: InlineLabel | undefined, roster: Roster, inTranscript: boolean): Unit => {
  let member: RosterMember | undefined
  let text = paragraph.text
  const inlineMember = label ? roster.resolve(label.name) : undefined
  if (label && inlineMember) {
    member = inlineMember
    text = paragraph.text.slice(label.length)
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
  const unit: Unit = { text: text.trim() }
  if (member) unit.member = member
  if (paragraph.start !== undefined) unit.start = paragraph.start
  if (paragraph.end !== undefined) unit.end = paragraph.end
  return unit
}

/** Joins caption fragments into their paragraph unless the fragment opens a new speaker's turn. */
const toUnits = (paragraphs: readonly Paragraph[], inline: ReadonlyArray<InlineLabel | undefined>, roster: Roster): Unit[] => {
  const units: Unit[] = []
  let speaker: RosterMember | undefined
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]!
    const unit = readLabel(paragraph, inline[i], roster, speaker !== undefined)
    const current = units[units.length - 1]
    const sameSpeaker = !unit.member || unit.member === speaker
    if (paragraph.fragment && current && sameSpeaker) {
      if (unit.text) current.text = current.text ? `${current.text} ${unit.text}` : unit.text
      if (current.start === undefined && unit.start !== undefined) current.start = unit.start
      if (unit.end !== undefined) current.end = Math.max(current.end ?? unit.end, unit.end)
    } else {
      units.push(unit)
    }
    if (unit.member) speaker = unit.member
  }
  return units
}

interface Draft {
  member: RosterMember
  paragraphs: string[]
  wordCount: number
  start?: number
  end?: number
}

/** Consecutive paragraphs of one speaker are one turn; paragraphs without a word are dropped. */
const toDrafts = (units: readonly Unit[], from: number, to: number, first: RosterMember): Draft[] => {
  const drafts: Draft[] = []
  let speaker = first
  let current: Draft | undefined
  for (let i = from; i < to; i++) {
    const unit = units[i]!
    if (unit.member) speaker = unit.member
    const words = countWords(unit.text)
    if (words === 0) continue
    if (!current || current.member !== speaker) {
      current = { member: speaker, paragraphs: [], wordCount: 0 }
      drafts.push(current)
    }
    current.paragraphs.push(unit.text)
    current.wordCount += words
    if (current.start === undefined && unit.start !== undefined) current.start = unit.start
    if (unit.end !== undefined) current.end = Math.max(current.end ?? unit.end, unit.end)
  }
  return drafts
}

const finish = (drafts: readonly Draft[], sections: Section[], warnings: Warning[]): SplitResult => {
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
    speakers.set(member, { id: ids.get(member)!, name: member.name, role: member.role, turnCount: 0, wordCount: 0 })
  }
  const turns = drafts.map((draft, index): Turn => {
    const speaker = speakers.get(draft.member)!
    speaker.turnCount++
    speaker.wordCount += draft.wordCount
    const turn: Turn = {
      index,
      speakerId: speaker.id,
      text: draft.paragraphs.join('\n\n'),
      paragraphs: draft.paragraphs,
      wordCount: draft.wordCount,
    }
    if (draft.start !== undefined) turn.start = draft.start
    if (draft.end !== undefined) turn.end = draft.end
    return turn
  })
  return { speakers: [...speakers.values()], turns, sections, warnings }
}

const sampleText = (units: readonly Unit[], from: number, to: number): string => {
  let sample = ''
  for (let i = from; i < to && sample.length < LANGUAGE_SAMPLE_CHARS; i++) sample += `${units[i]!.text}\n`
  return sample
}

const wordful = (units: readonly Unit[], from: number, to: number): string[] =>
  units.slice(from, to).map((u) => u.text).filter((t) => countWords(t) > 0)

/**
 * Splits a transcript's paragraphs into speaker turns, and the text around the transcript
 * (show notes, an article, a promo) into sections. Word counts use `countWords` (word-count.ts).
 *
 * @example
 * const { speakers, turns } = splitTurns([
 *   { text: 'Chris McGuire: Last night…' }, { text: 'Jordan Schneider: Chris Miller, what’s…' },
 *   { text: 'Chris McGuire: That’s a big question.' }, { text: 'Jordan Schneider: Anything else?' },
 * ])
 * // speakers: mcguire, schneider; turns: 4
 */
export const splitTurns = (paragraphs: readonly Paragraph[], { speakers = [] }: SplitOptions = {}): SplitResult => {
  const { table, inline } = collectCandidates(paragraphs)
  const roster = buildRoster({
    candidates: table,
    hints: speakers,
    mentionedBefore: (name, index) => {
      const end = Math.min(index, INTRO_PARAGRAPHS)
      for (let i = 0; i < end; i++) if (paragraphs[i]!.text.includes(name)) return true
      return false
    },
  })
  const warnings: Warning[] = [...roster.warnings]
  const units = toUnits(paragraphs, inline, roster)

  const first = units.findIndex((u) => u.member !== undefined)
  if (first < 0) {
    if (units.some((u) => countWords(u.text) > 0)) {
      warnings.push({
        code: 'NO_SPEAKER_LABELS',
        message: 'no speaker labels were found: the whole transcript is one turn by "unknown"',
      })
    }
    return finish(toDrafts(units, 0, units.length, UNKNOWN), [], warnings)
  }
  let last = first
  for (let i = units.length - 1; i > first; i--) {
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
  let end = units.length
  for (let i = last + 1; i < units.length; i++) {
    if (isNonSpeech(units[i]!.text, transcriptScript)) {
      end = i
      break
    }
  }
  const sections = [
    ...classifySections(wordful(units, 0, first), { transcriptLanguage, position: 'before' }),
    ...classifySections(wordful(units, end, units.length), { transcriptLanguage, position: 'after' }),
  ]
  return finish(toDrafts(units, first, end, units[first]!.member!), sections, warnings)
}
