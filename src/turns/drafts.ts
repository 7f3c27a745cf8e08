/**
 * Units → turns: consecutive units of one speaker are one turn, non-speech between them becomes
 * sections, the recorded outro leaves the last turn; then speakers get their ids and counts, and
 * each turn its language.
 */
import type { Section, SectionKind, Speaker, Turn, Warning } from '../record/schema.js'
import { LANGUAGE_SAMPLE_CHARS } from './label-pass.js'
import { languageScript, scriptClass, turnLanguage, type ScriptClass } from './language.js'
import { inferNames } from './introductions.js'
import { inferRoles } from './roles.js'
import type { RosterMember } from './roster.js'
import { isCredits, isOutro, opensOutro, sectionLanguage } from './sections.js'
import { assignSpeakerIds } from './speaker-ids.js'
import type { SplitResult } from './types.js'
import type { Unit } from './units.js'
import { countWords } from './word-count.js'

export type Aside = Array<{ kind: SectionKind; text: string }>

export interface Draft {
  member: RosterMember
  paragraphs: string[]
  /** Opened by an unnamed change of speaker (`>>`). */
  unnamed?: boolean
  wordCount: number
  start?: number
  end?: number
}

/** Consecutive paragraphs of one speaker are one turn; non-speech goes to `aside`; paragraphs without a word are dropped. */
export const toDrafts = (units: readonly Unit[], from: number, to: number, first: RosterMember, aside: Aside): Draft[] => {
  const drafts: Draft[] = []
  let speaker = first
  let current: Draft | undefined
  // The time of a label alone on its line (`0:00:05 Speaker 1` over the speech): the speech's.
  let labelStart: number | undefined
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
      if (unit.member) labelStart = unit.start
      continue
    }
    if (!current || current.member !== speaker || unit.change) {
      current = { member: speaker, paragraphs: [], wordCount: 0 }
      if (unit.change) current.unnamed = true
      drafts.push(current)
    }
    current.paragraphs.push(unit.text)
    current.wordCount += words
    const start = labelStart ?? unit.start
    labelStart = undefined
    if (current.start === undefined && start !== undefined) current.start = start
    if (unit.end !== undefined) current.end = Math.max(current.end ?? unit.end, unit.end)
  }
  return drafts
}

export const finish = (drafts: Draft[], sections: Section[], warnings: Warning[], transcriptLanguage: string): SplitResult => {
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
  const roles = inferRoles(drafts)
  const speakers = new Map<RosterMember, Speaker>()
  for (const member of used) {
    const speaker: Speaker = { id: ids.get(member)!, name: member.name, role: roles.get(member) ?? member.role, turnCount: 0, wordCount: 0 }
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

export const sampleText = (units: readonly Unit[], from: number, to: number): string => {
  let sample = ''
  for (let i = from; i < to && sample.length < LANGUAGE_SAMPLE_CHARS; i++) if (!units[i]!.nonSpeech) sample += `${units[i]!.text}\n`
  return sample
}

export const wordful = (units: readonly Unit[], from: number, to: number): string[] =>
  units.slice(from, to).map((u) => u.text).filter((t) => countWords(t) > 0)

/**
 * The paragraphs set aside from the turns as sections: neighbours of one kind and script are one
 * section. One in another script than the turns has its own language (a commentary in Chinese
 * inside an English transcript is `zh`); the others take the transcript's, since what is set aside
 * in its script is mostly short or not prose (`[inaudible]` read by trigrams is Sundanese).
 */
export const asSections = (aside: ReadonlyArray<{ kind: SectionKind; text: string }>, transcriptLanguage: string): Section[] => {
  const merged: Array<{ kind: SectionKind; script: ScriptClass; text: string }> = []
  for (const { kind, text } of aside) {
    const script = scriptClass(text.slice(0, 300))
    const last = merged[merged.length - 1]
    if (last && last.kind === kind && last.script === script) last.text += `\n\n${text}`
    else merged.push({ kind, script, text })
  }
  const turnsScript = languageScript(transcriptLanguage)
  return merged.map(({ kind, script, text }) => ({
    kind, language: turnsScript === undefined || script === turnsScript ? transcriptLanguage : sectionLanguage(text, transcriptLanguage), text,
  }))
}

/** The recorded outro and credits at the very end leave the last turn (and the turn, if nothing else is left). */
export const trimOutro = (drafts: Draft[], aside: Aside, creditsFollow = false): void => {
  const last = drafts[drafts.length - 1]
  if (!last) return
  while (last.paragraphs.length > 0) {
    const paragraph = last.paragraphs[last.paragraphs.length - 1]!
    // "Thank you for listening to…" opens the outro when the credits come right after it.
    if (!isOutro(paragraph) && !isCredits(paragraph) && !(creditsFollow && opensOutro(paragraph))) break
    last.paragraphs.pop()
    last.wordCount -= countWords(paragraph)
    aside.push({ kind: 'other', text: paragraph })
  }
  if (last.paragraphs.length === 0) drafts.pop()
}
