/**
 * Paragraphs → speakers, turns and sections, in two passes: the first (label-pass.ts) reads every
 * paragraph's label candidate and learns the document's label conventions and roster from the
 * whole document (design.md); the second (units.ts) reads each paragraph with that roster, and
 * drafts.ts groups the units into turns. All linear, and no regex is built per paragraph.
 */
import type { Warning } from '../record/schema.js'
import type { Paragraph } from '../transcript/types.js'
import { asSections, finish, sampleText, toDrafts, trimOutro, wordful, type Aside } from './drafts.js'
import { collectCandidates, documentScript, isCommonWord, labelParagraphs, namesInIntro, openingKey, wordCases } from './label-pass.js'
import { scriptClass, transcriptLanguageOf } from './language.js'
import { buildRoster } from './roster.js'
import { classifySections, isClosingLine, isNonSpeech } from './sections.js'
import type { SplitOptions, SplitResult } from './types.js'
import { isMixedCase, toUnits, UNKNOWN, type Unit } from './units.js'
import { countWords } from './word-count.js'

// How a speaker opens an event, as opposed to how show notes are written.
const SPOKEN_ADDRESS = /^(?:ladies and gentlemen|good (?:morning|afternoon|evening)|(?:hello|hi),? (?:everyone|everybody|and welcome)|please (?:welcome|take your seats|join me)|welcome,? everyone|thank you (?:all )?for (?:coming|joining))\b/i

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
  const language = transcriptLanguageOf(sampleText(speech, 0, speech.length))
  warnings.push({ code: 'NO_SPEAKER_LABELS', message: 'no speaker labels were found: the speech under the transcript headings is attributed to "unknown"' })
  const aside: Aside = []
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
export const splitTurns = (input: readonly Paragraph[], { speakers = [], isOrdinaryWord, isGivenName }: SplitOptions = {}): SplitResult => {
  const { paragraphs, labels, conventions } = labelParagraphs(input)
  const { table, firstLabel } = collectCandidates(paragraphs, labels, conventions, isGivenName)
  let vocabulary: Map<string, { lower: number; capital: number }> | undefined
  const opening = openingKey(conventions.opening === undefined ? undefined : labels[conventions.opening], documentScript(paragraphs))
  const roster = buildRoster({
    candidates: table,
    hints: speakers,
    documentNames: [...speakers.map((h) => h.name), ...namesInIntro(paragraphs, firstLabel)],
    isCommonWord: (word) => isCommonWord((vocabulary ??= wordCases(paragraphs)), word),
    isMixedCase: () => isMixedCase(paragraphs),
    ...(isOrdinaryWord ? { isOrdinaryWord } : {}),
    ...(isGivenName ? { isGivenName } : {}),
    ...(opening ? { openingLabel: opening } : {}),
  })
  const warnings: Warning[] = [...roster.warnings]
  const units = toUnits(paragraphs, labels, roster, conventions)

  const labelled = units.findIndex((u) => u.member !== undefined)
  const first = speechStart(units, labelled)
  const aside: Aside = []
  if (labelled < 0 && units.some((u) => u.speechHeading)) return splitBySpeechHeadings(units, warnings)
  if (first < 0) {
    if (units.some((u) => !u.nonSpeech && countWords(u.text) > 0)) {
      warnings.push({
        code: 'NO_SPEAKER_LABELS',
        message: 'no speaker labels were found: the whole transcript is one turn by "unknown"',
      })
    }
    const sample = sampleText(units, 0, units.length)
    const language = transcriptLanguageOf(sample)
    const drafts = toDrafts(units, 0, units.length, UNKNOWN, aside)
    return finish(drafts, asSections(aside, language), warnings, language)
  }
  // A stenographer's close ("(Whereupon, … the case … was submitted.)") or credits at the end close
  // the transcript even if label-like lines follow (a court transcript's word index).
  let limit = units.findIndex((u, i) => i > first && (u.credits === true || isClosingLine(u.text)))
  if (limit < 0) limit = units.length
  let last = first
  for (let i = limit - 1; i > first; i--) {
    if (units[i]!.member) {
      last = i
      break
    }
  }
  // Sampled up to the last label, so a trailing foreign-language note cannot set the language.
  const sample = sampleText(units, first, last + 1)
  const transcriptLanguage = transcriptLanguageOf(sample, () => sampleText(units, 0, units.length))
  const transcriptScript = scriptClass(sample)
  // After the last label, the first paragraph that is clearly not speech ends the transcript.
  let end = limit
  // A name alone on its line (`Chris Adams` over the outro) has its speech in the next paragraph.
  const speechOfLast = units[last]!.text.trim() === '' ? last + 2 : last + 1
  for (let i = speechOfLast; i < limit; i++) {
    // A heading or a marker line here may be followed by more of the same speech; a sponsor read,
    // credits or another script end it.
    if (units[i]!.nonSpeech === 'promo' || isNonSpeech(units[i]!.text, transcriptScript, transcriptLanguage)) {
      end = i
      break
    }
  }
  const drafts = toDrafts(units, first, end, units[first]!.member ?? UNKNOWN, aside)
  trimOutro(drafts, aside, units[end]?.credits === true)
  const sections = [
    ...classifySections(wordful(units, 0, first), { transcriptLanguage, position: 'before' }),
    ...asSections(aside, transcriptLanguage),
    ...classifySections(wordful(units, end, units.length), { transcriptLanguage, position: 'after' }),
  ]
  return finish(drafts, sections, warnings, transcriptLanguage)
}
