/**
 * The first pass over a document: every paragraph's label candidate, the label conventions the
 * document uses (conventions.ts), and what the roster is built from (the candidates, the names an
 * intro or roster block gives, the text's own use of case). Linear in the input.
 */
import { CLOCK_TIME } from '../transcript/timestamp.js'
import type { Paragraph } from '../transcript/types.js'
import { chooseConventions, plainLineNames, type Conventions } from './conventions.js'
import { detectInlineLabel, detectLabel, detectNameHeading, type LabelMatch } from './labels.js'
import { scriptClass, type ScriptClass } from './language.js'
import { isAllCaps, isTitleOnly, labelKey, nameKey, nameTokens, placeholderId, titleCase } from './names.js'
import { addCandidate, type LabelCandidate } from './roster.js'
import { closingPleaStart, sponsorReadInside } from './sections.js'

// Only the opening of a long document is searched for the names a roster block or intro gives.
const INTRO_PARAGRAPHS = 300
const INTRO_CHARS = 60_000
export const LANGUAGE_SAMPLE_CHARS = 2000

// Two or three capitalised words: "Jason Weinstein", "Zooko Wilcox", "Aaron van Wirdum".
const FULL_NAME = /\b\p{Lu}[\p{Ll}'’-]+(?: (?:van|von|de|der|da|del|di|la|le))?(?: \p{Lu}[\p{Ll}'’-]+){1,2}\b/gu
// `>>` inside a caption line: each one starts a new speaker's text.
const CAPTION_CHANGE_INSIDE = /[ \t](?:>>>?|&gt;&gt;(?:&gt;)?)[ \t]+(?=\S)/g
// A subtitle dash inside a cue after the end of a phrase: "A while ago now. - I think so as well".
const DASH_CHANGE_INSIDE = /(?<=[.?!,…—-]) [-–] (?=[\p{Lu}\p{N}"“(])/gu

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

export interface Labelled {
  paragraphs: Paragraph[]
  labels: Array<LabelMatch | undefined>
  conventions: Conventions
}

const detectAll = (paragraphs: readonly Paragraph[]): Array<LabelMatch | undefined> =>
  paragraphs.map((p, i) => {
    if (p.speaker) return undefined
    const label = detectLabel(p.text, p.fragment === true)
    if ((label !== undefined && label.syntax !== 'plain-line') || !headsSpeech(p, paragraphs[i + 1])) return label
    const heading = detectNameHeading(p.text.replace(MD_HEADING_MARK, ''))
    return heading ? { ...heading, length: p.text.length } : label
  })

// A Markdown heading's marks: `### Ann Lee` heads the speech as `<h3>Ann Lee</h3>` does in HTML.
export const MD_HEADING_MARK = /^#{1,6}[ \t]+/

/**
 * Whether a paragraph stands as a heading over the next one, which opens with no label of its own:
 * the markup says so (an HTML heading over a paragraph), or the times do: the line has its own
 * time over speech without one, or no time over speech that opens with one (`Name` then `[00:00:02] …`).
 */
const headsSpeech = (paragraph: Paragraph, next: Paragraph | undefined): boolean => {
  if (next === undefined || next.speaker !== undefined || next.headingLevel !== undefined || MD_HEADING_MARK.test(next.text) || paragraph.fragment === true || next.fragment === true) return false
  const heading = paragraph.headingLevel !== undefined || MD_HEADING_MARK.test(paragraph.text) || (paragraph.start === undefined) !== (next.start === undefined)
  return heading && detectLabel(next.text) === undefined
}

const startsLowerCase = (text: string): boolean => {
  const c = text.charCodeAt(0)
  return c >= 97 && c <= 122
}

/**
 * A name line in lower case (`michael barbaro`) stands out only in a text that writes sentences with
 * capitals; in one all in lower case (automatic captions saved as text), a refrain would be a name.
 */
const dropLowerCaseNamesInLowerCaseText = (paragraphs: readonly Paragraph[], labels: Array<LabelMatch | undefined>): Array<LabelMatch | undefined> => {
  let lower = 0
  let other = 0
  let names = 0
  for (let i = 0; i < paragraphs.length; i++) {
    const text = paragraphs[i]!.text
    if (labels[i]?.syntax === 'plain-line' && startsLowerCase(text)) names++
    else if (startsLowerCase(text)) lower++
    else if (/^\p{Lu}/u.test(text)) other++
  }
  if (names === 0 || other > lower) return labels
  return labels.map((label, i) => (label?.syntax === 'plain-line' && startsLowerCase(paragraphs[i]!.text) ? undefined : label))
}

// The heading of a list of the episode's people: `Guests:`, `In this episode:`, `**Panelists**`.
const PEOPLE_HEADING = /^(?:#{1,6}[ \t]*)?[*_]{0,2}(?:(?:our |today['’]s |this week['’]s )?(?:guests?|panel(?:ists)?|speakers|participants|hosts?|featuring|with|cast|people|in this episode|on this episode|in the conversation|gäste|gast|invitée?s?|invitad[oa]s?|convidad[oa]s?|ospiti|gasten))[*_]{0,2}[ \t]*:?[*_]{0,2}$/iu
// A guest's description: a few words with no end of a sentence (`author of Chip War`, `analyst at CSIS`),
// and none of speech (`welcome to the show`, `thanks for having me` open a talk without full stops).
const DESCRIPTION_ONLY = /^(?![^]*\b(?:i|i['’]m|me|my|we|us|our|you|your|thanks?|welcome|hello|hi|hey|yes|yeah|no|so|okay|why|what|how|great|good)\b)[^.?!…]{1,90}$/i

/**
 * `Guests:` over `Chris Miller: author of Chip War` lines: a list of people, written like labels,
 * that introduces the talk. Each line of it that gives only a short description is no turn; the
 * list ends at a line that says more, at a name given twice (a conversation has begun) or after 12.
 */
const dropGuestLists = (paragraphs: readonly Paragraph[], labels: Array<LabelMatch | undefined>): Array<LabelMatch | undefined> => {
  let out = labels
  const drop = (from: number, to: number) => {
    if (out === labels) out = [...labels]
    out.fill(undefined, from, to)
  }
  for (let i = 0; i < paragraphs.length && i < INTRO_PARAGRAPHS; i++) {
    if (!PEOPLE_HEADING.test(paragraphs[i]!.text.trim())) continue
    drop(i + 1, guestListEnd(paragraphs, labels, i + 1))
  }
  const first = labels.findIndex((label) => label !== undefined)
  if (first >= 0 && first < INTRO_PARAGRAPHS && out[first] !== undefined) {
    const end = guestListEnd(paragraphs, labels, first, true)
    if (end - first >= 2 && introducesTheTalk(paragraphs, labels, first, end)) drop(first, end)
  }
  return out
}

// Without a heading over the list, a description is a role (`host`) or two words or more with none
// of a talk's (`Indeed it is`, `Not really`).
const ROLE_ONLY = /^(?:co-?)?(?:host|guest|moderator|producer|panell?ist|interviewer|narrator|presenter|editor|reporter|correspondent)$/i
const TALK_WORDS = /\b(?:it|it['’]s|is|are|was|were|this|that|they|he|she|do|does|did|not|just|really|think|know|right|sure)\b/i

/**
 * Where a list of people written like labels, starting at `from`, ends: at a line that says more
 * than a short description, at a name given twice (a conversation has begun) or after 12.
 */
const guestListEnd = (paragraphs: readonly Paragraph[], labels: ReadonlyArray<LabelMatch | undefined>, from: number, headless = false): number => {
  const listed = new Set<string>()
  let k = from
  for (; k < paragraphs.length && k < from + 12; k++) {
    const label = labels[k]
    const description = label ? paragraphs[k]!.text.slice(label.length).trim() : ''
    if (!label || label.name === null || listed.has(label.name) || description.length > 90 || !DESCRIPTION_ONLY.test(description)) break
    if (headless && !ROLE_ONLY.test(description) && (!description.includes(' ') || TALK_WORDS.test(description))) break
    listed.add(label.name)
  }
  return k
}

const ENDS_SENTENCE = /[.?!…]["”’)*_]*$/

/**
 * Without a heading, such lines opening the document are a list of the episode's people only when
 * each name listed speaks again below, and the talk below ends its lines with full stops, so the
 * list's bare descriptions stand out (a talk in unpunctuated speech-to-text would not).
 */
const introducesTheTalk = (paragraphs: readonly Paragraph[], labels: ReadonlyArray<LabelMatch | undefined>, from: number, to: number): boolean => {
  const later = new Set<string>()
  let punctuated = 0
  let labelled = 0
  for (let k = to; k < paragraphs.length; k++) {
    const label = labels[k]
    if (!label || label.name === null) continue
    later.add(label.name)
    labelled++
    if (ENDS_SENTENCE.test(paragraphs[k]!.text.trimEnd())) punctuated++
  }
  return labelled >= 2 && punctuated >= labelled * 0.7 && labels.slice(from, to).every((label) => later.has(label!.name!))
}

/**
 * A bare name line is a label without repeats when a speaker line gave that name or office before:
 * Hansard heads a member's first words `Kemi Badenoch (North West Essex) (Con)` and later ones
 * `Kemi Badenoch`, an office holder's `The Prime Minister (Keir Starmer)` and then `The Prime Minister`.
 */
const promoteKnownNames = (labels: Array<LabelMatch | undefined>): Array<LabelMatch | undefined> => {
  const known = new Set<string>()
  for (const label of labels) {
    if (label?.syntax !== 'name-line' || label.name === null) continue
    known.add(nameKey(label.name))
    if (label.office) known.add(nameKey(label.office))
  }
  if (known.size === 0) return labels
  // An office no line named anyone for (`Mr Speaker`) is a speaker line there too.
  const promoted = (name: string): boolean => known.has(nameKey(name)) || isTitleOnly(nameTokens(name))
  return labels.map((label) => (label?.syntax === 'plain-line' && label.name !== null && promoted(label.name) ? { ...label, syntax: 'name-line' } : label))
}

// After a name: a dash or bar, or a time in brackets, then speech in lower case.
const DASH_OR_TIME_BEFORE_LOWER = new RegExp(String.raw`^[ \t]+(?:([-–—|])|\(${CLOCK_TIME}\))[ \t]+(?=\p{Ll})`, 'u')

/**
 * `Chris Miller - yeah.`, `Chris Miller (00:01:02) so what I think…`: speech that opens in lower case
 * after a name that heads paragraphs twice or more with a dash, or with a colon as the reader writes
 * `Name (00:01:02) Text`. A guest list or prose opens with a capital, which labels.ts asks for; here
 * the name says it is the speaker's.
 */
const lowerCaseSpeechOfKnownNames = (paragraphs: readonly Paragraph[], labels: Array<LabelMatch | undefined>): Array<LabelMatch | undefined> => {
  const counts = new Map<string, number>()
  for (const label of labels) if (label?.name && (label.syntax === 'dash-label' || label.syntax === 'colon')) counts.set(label.name, (counts.get(label.name) ?? 0) + 1)
  const names = [...counts].filter(([, n]) => n >= 2).map(([name]) => name)
  if (names.length === 0) return labels
  return labels.map((label, i) => {
    if (label || paragraphs[i]!.speaker) return label
    const text = paragraphs[i]!.text
    for (const name of names) {
      const after = text.startsWith(name) ? DASH_OR_TIME_BEFORE_LOWER.exec(text.slice(name.length, name.length + 24)) : null
      if (after) return { syntax: after[1] ? 'dash-label' : 'colon', name, length: name.length + after[0].length }
    }
    return undefined
  })
}

// A label inside a paragraph, after the end of a sentence: "…rare earths. Chris Miller: Thanks…", as
// transcripts whose line breaks were lost (scraped pages, PDFs) run every turn into one paragraph.
// A title's or an initial's full stop ends no sentence: "MR. LONG:" is one label.
const LABEL_INSIDE = /(?<=[.?!…]["”’)]? )(?<!\b(?:[Mm][Rr][Ss]?|[Mm][Ss]|[Dd][Rr]|St|Sen|SEN|Rep|REP|Gov|GOV|Gen|GEN|Jr|Sr|\p{Lu})\. )((?:(?:Mr|Mrs|Ms|Dr|MR|MRS|MS|DR|Sen|SEN|Rep|REP)\. )?\p{Lu}[\p{L}\p{M}'’.-]*(?: \p{Lu}[\p{L}\p{M}'’.-]*){0,3}):[ \t]+(?=\S)/gu

/**
 * Whether a paragraph may hold a label after the end of a sentence: a ": " with a sentence's end
 * shortly before it. Most paragraphs hold only their own opening label's colon, or none, and skip
 * the regex.
 */
const mayHoldLabelInside = (text: string): boolean => {
  for (let at = text.indexOf(': '); at > 0; at = text.indexOf(': ', at + 2)) {
    for (let k = at - 1; k >= 0 && k >= at - 60; k--) {
      const c = text.charCodeAt(k)
      if ((c === 46 || c === 63 || c === 33 || c === 0x2026) && text.charCodeAt(k + 1) !== 58) return true
    }
  }
  return false
}

/**
 * The names of labels inside paragraphs that say a change of speaker: a name that also opens a
 * paragraph as a colon label, or a full name or a name in capitals found inside paragraphs twice
 * or more; only where two names or more qualify, as in a conversation.
 */
const namesInside = (paragraphs: readonly Paragraph[], labels: ReadonlyArray<LabelMatch | undefined>): Set<string> => {
  const opening = new Set<string>()
  for (const label of labels) if (label?.syntax === 'colon' && label.name) opening.add(label.name)
  const counts = new Map<string, number>()
  for (const paragraph of paragraphs) {
    if (paragraph.text.length < 40 || !mayHoldLabelInside(paragraph.text)) continue
    for (const match of paragraph.text.matchAll(LABEL_INSIDE)) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1)
  }
  const names = new Set<string>()
  for (const [name, n] of counts) {
    const label = detectInlineLabel(`${name}: x`)
    if (label?.name !== name) continue
    if (opening.has(name) || (n >= 2 && (name.includes(' ') || isAllCaps(name)))) names.add(name)
  }
  if (names.size === 0) return names
  const speakers = new Set([...names, ...opening])
  return speakers.size >= 2 ? names : new Set()
}

/** A later piece of a paragraph: the paragraph's speaker and times belong to its first piece. */
const laterPiece = (paragraph: Paragraph, text: string): Paragraph => {
  const { speaker: _speaker, start: _start, end: _end, ...rest } = paragraph
  return { ...rest, text }
}

/** Splits paragraphs before the labels inside them that `names` holds. */
const splitAtLabels = (paragraphs: readonly Paragraph[], names: ReadonlySet<string>): Paragraph[] => {
  const out: Paragraph[] = []
  for (const paragraph of paragraphs) {
    let from = 0
    if (!mayHoldLabelInside(paragraph.text)) {
      out.push(paragraph)
      continue
    }
    for (const match of paragraph.text.matchAll(LABEL_INSIDE)) {
      if (!names.has(match[1]!)) continue
      const piece = paragraph.text.slice(from, match.index).trim()
      if (piece) out.push(from === 0 ? { ...paragraph, text: piece } : laterPiece(paragraph, piece))
      from = match.index
    }
    out.push(from === 0 ? paragraph : laterPiece(paragraph, paragraph.text.slice(from)))
  }
  return out
}

/**
 * Sets a sponsor read that a speaker comes back from inside a paragraph apart from the speech
 * around it: the speech before keeps the paragraph's label, the read and the speech after are
 * later pieces (the read is then a promo section, the speech after continues the speaker).
 */
const splitSponsorReads = (paragraphs: readonly Paragraph[]): Paragraph[] => {
  const out: Paragraph[] = []
  for (const paragraph of paragraphs) {
    const read = paragraph.fragment ? undefined : sponsorReadInside(paragraph.text)
    if (!read) {
      out.push(paragraph)
      continue
    }
    const before = paragraph.text.slice(0, read.start).trim()
    const after = paragraph.text.slice(read.end).trim()
    if (before) out.push({ ...paragraph, text: before })
    const ad = paragraph.text.slice(read.start, read.end).trim()
    out.push(before ? laterPiece(paragraph, ad) : { ...paragraph, text: ad })
    if (after) out.push(laterPiece(paragraph, after))
  }
  return out
}

// The paragraphs at the end of a document in which a closing plea may end the speech.
const CLOSING_PARAGRAPHS = 3

/**
 * Sets a closing plea that ends one of the last paragraphs apart from the speech before it: the plea
 * becomes a later piece, which after the last turn is a promo section.
 */
const splitClosingPleas = (paragraphs: Paragraph[]): Paragraph[] => {
  for (let i = Math.max(0, paragraphs.length - CLOSING_PARAGRAPHS); i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]!
    const cut = paragraph.fragment ? -1 : closingPleaStart(paragraph.text)
    if (cut < 0) continue
    paragraphs.splice(i, 1, { ...paragraph, text: paragraph.text.slice(0, cut).trim() }, laterPiece(paragraph, paragraph.text.slice(cut).trim()))
    i++
  }
  return paragraphs
}

/** Reads every paragraph's label, learns the document's conventions, and splits at markers inside paragraphs. */
export const labelParagraphs = (input: readonly Paragraph[]): Labelled => {
  let paragraphs = splitClosingPleas(splitSponsorReads(splitInside(input, CAPTION_CHANGE_INSIDE, (p) => p.text.includes('>>') || p.text.includes('&gt;&gt;'))))
  let detected = detectAll(paragraphs)
  const inside = namesInside(paragraphs, detected)
  if (inside.size > 0) {
    paragraphs = splitAtLabels(paragraphs, inside)
    detected = detectAll(paragraphs)
  }
  let labels = lowerCaseSpeechOfKnownNames(paragraphs, promoteKnownNames(dropGuestLists(paragraphs, dropLowerCaseNamesInLowerCaseText(paragraphs, detected))))
  const captions = paragraphs.reduce((n, p) => n + (p.fragment ? 1 : 0), 0)
  // A page's title (`<h1>Episode 12: Rare earths</h1>`) is not a speech labelled once.
  const firstText = paragraphs.findIndex((p) => p.headingLevel === undefined && /[\p{L}\p{N}]/u.test(p.text))
  const structural = new Set<string>()
  for (const p of paragraphs) if (p.speaker) structural.add(p.speaker.toLowerCase())
  const conventions = chooseConventions(labels, captions, Math.max(0, firstText), structural)
  if (conventions.dashChanges) {
    paragraphs = splitInside(paragraphs, DASH_CHANGE_INSIDE, (p) => p.fragment === true && p.text.includes(' -'))
    labels = detectAll(paragraphs)
  }
  return { paragraphs, labels, conventions }
}

export const inUse = (label: LabelMatch | undefined, conventions: Conventions): label is LabelMatch => {
  if (!label) return false
  if (label.syntax === 'dash-change') return conventions.dashChanges
  if (label.syntax === 'dialogue-dash') return conventions.dialogueDashes
  // `>> JORDAN SCHNEIDER:` once in captions whose other cues say `JORDAN SCHNEIDER:`.
  if (label.syntax === 'caption-change') return conventions.captionChanges || (label.name !== null && conventions.named.has('colon'))
  return conventions.named.has(label.syntax)
}

// Labels in a script that under this share of the labels use are not speakers: "评价: 推荐" (a
// rating field) repeated in an English transcript, where every speaker label is Latin.
const MINOR_SCRIPT_SHARE = 0.1

export const collectCandidates = (paragraphs: readonly Paragraph[], labels: Array<LabelMatch | undefined>, conventions: Conventions, isGivenName?: (word: string) => boolean) => {
  // Bare name lines: only names that head several paragraphs are labels; a lone "Show Notes" is text.
  const plainNames = plainLineNames(labels, paragraphs.some((p) => p.fragment === true), isGivenName)
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]
    if (label?.syntax === 'plain-line' && !plainNames.has(label.name!.toLowerCase())) labels[i] = undefined
    else if (label?.syntax === 'name-line' && label.name && plainNames.has(label.name.toLowerCase())) labels[i] = { ...label, syntax: 'plain-line' }
    // A titled name line over speech (`Dr. Fei Fei Li`, once) where names in headings are the labels.
    else if (label?.syntax === 'name-line' && conventions.named.has('name-heading') && !conventions.named.has('name-line') && headsSpeech(paragraphs[i]!, paragraphs[i + 1])) {
      labels[i] = { ...label, syntax: 'name-heading' }
    }
  }
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
      const lowerCase = label.syntax === 'lower-colon'
      const name = lowerCase && !placeholderId(label.name) ? titleCase(label.name) : label.name
      addCandidate(table, name, i, false, { role: label.role, office: label.office, marked: label.marker !== undefined, lowerCase })
    }
    if (firstLabel < 0 && (paragraph.speaker || inUse(label, conventions))) firstLabel = i
  }
  return { table, firstLabel }
}

/** The opening label's key, unless it is in another script than the text ("评价: 推荐" over an English post). */
export const openingKey = (label: LabelMatch | undefined, script: ScriptClass): string | undefined =>
  label?.name && scriptClass(label.name) === script ? labelKey(label.name) : undefined

// A hearing's heading over a witness's testimony: `STATEMENT OF ALAN KESSLER, UNDER SECRETARY…`,
// `PREPARED STATEMENT OF HON. JANE DOE`, `TESTIMONY OF DR. JOHN ROE`; a court's `ORAL ARGUMENT OF ROBERT A. LONG`.
const STATEMENT_HEADING = /^(?:(?:PREPARED|OPENING|CLOSING|JOINT|ORAL|REBUTTAL) )?(?:STATEMENT|TESTIMONY|REMARKS|ARGUMENT) (?:OF|BY) (?:(?:HON|DR|MR|MRS|MS|SENATOR|REPRESENTATIVE|CHAIRMAN|CHAIRWOMAN|RANKING MEMBER)\.? )*((?:\p{Lu}[\p{Lu}'’-]+|\p{Lu}\.)(?: (?:\p{Lu}[\p{Lu}'’-]+|\p{Lu}\.)){1,3})(?:,|$)/u

/**
 * Full names in the document's opening (a roster block, front matter, the announcer's intro), and
 * in the headings over a hearing's testimonies anywhere in it, so `Mr. Kessler.` is Alan Kessler.
 */
export const namesInIntro = (paragraphs: readonly Paragraph[], until: number): string[] => {
  const names: string[] = []
  let chars = 0
  const end = Math.min(until < 0 ? paragraphs.length : until, INTRO_PARAGRAPHS)
  for (let i = 0; i < end && chars < INTRO_CHARS; i++) {
    const text = paragraphs[i]!.text
    chars += text.length
    for (const match of text.matchAll(FULL_NAME)) names.push(match[0])
  }
  for (const { text } of paragraphs) {
    const heading = text.length <= 200 && text.charCodeAt(0) <= 90 ? STATEMENT_HEADING.exec(text) : null
    if (heading) names.push(titleCase(heading[1]!))
  }
  return names
}

/**
 * How often each word is written in lower case and capitalised, to tell "Price:" (a word the text
 * also writes as "price") from "SANDERS:" (a name, whatever one typo "Senator sanders" says).
 */
export const wordCases = (paragraphs: readonly Paragraph[]): Map<string, { lower: number; capital: number }> => {
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
export const isCommonWord = (cases: ReadonlyMap<string, { lower: number; capital: number }>, word: string): boolean => {
  const entry = cases.get(word)
  return entry !== undefined && entry.lower > 0 && entry.lower * 2 >= entry.capital
}

/** The script most text is in, from a bounded sample of the paragraphs `take` keeps (all by default). */
export const documentScript = (paragraphs: readonly Paragraph[], take: (i: number) => boolean = () => true): ScriptClass => {
  let sample = ''
  for (let i = 0; i < paragraphs.length && sample.length < LANGUAGE_SAMPLE_CHARS; i++) if (take(i)) sample += paragraphs[i]!.text
  return scriptClass(sample)
}
