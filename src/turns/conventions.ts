/**
 * Which labelling conventions a document uses, learned from the document: a convention counts when
 * its labels recur (two or more labels, or one name twice), and a syntax that only a stray line
 * uses next to a well-used one is ignored, so "Note: …" in a bold-label transcript stays text.
 * Unnamed changes (`>>`, a subtitle dash) count when they recur enough to be a convention.
 */
import { withoutTitles } from './names.js'
import type { LabelMatch, LabelSyntax } from './labels.js'

// A named syntax needs at least this share of the best syntax's labels to be a second convention.
const SECOND_CONVENTION_SHARE = 0.15
// The bench, the clerk, counsel: `THE COURT`, `THE WITNESS`, `MR. SMITH`, `MS. O'NEIL` (names are counted in lower case).
const COURT_LABEL = /^(?:the (?:court|witness|clerk|reporter|bailiff|interpreter|deponent|videographer|marshal)|(?:mr|mrs|ms|dr)\.? [a-z'’-]+)$/
// Subtitle dashes are a convention when this share of caption cues opens with one.
const DASH_SHARE = 0.03
// Dialogue dashes are a convention when they open at least this share of the paragraphs (and no named labelling is in use).
const DIALOGUE_SHARE = 0.4
// A bare name line counts once the same name heads this many paragraphs, or once two names head two each.
const PLAIN_MIN_REPEATS = 3
const PLAIN_PAIR_REPEATS = 2
// A lower-case label counts once its name heads this many paragraphs.
const LOWER_MIN_REPEATS = 2

/**
 * Which bare names, among the labels (one per paragraph), are speaker lines: those heading three or
 * more paragraphs, and then also a name heading two that both stand inside the conversation those
 * names span (a third voice who speaks twice); or, outside caption files, when two or more names
 * head two each (a short exchange), those; and with those, outside caption files, any name the
 * document also gives in another label's form (a list of participants). A lone heading that recurs
 * twice ("Key Takeaways" over two lists) is not a conversation, nor is a heading repeated in the show
 * notes around it, and captions repeat short lines in capitals ("PACIFIC WATER QUALITY") without
 * naming anyone.
 */
export const plainLineNames = (labels: ReadonlyArray<LabelMatch | undefined>, captions: boolean, isGivenName?: (word: string) => boolean): Set<string> => {
  const seen = new Map<string, { n: number; first: number; last: number }>()
  // A titled name alone on its line (`Dr. Fei Fei Li`) is read as a speaker line; among bare
  // names it is one of them.
  const once = new Map<string, number>()
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]
    if (label?.syntax === 'name-line' && label.name && !label.office) once.set(label.name.toLowerCase(), i)
    if (label?.syntax !== 'plain-line' || !label.name) continue
    const key = label.name.toLowerCase()
    const entry = seen.get(key)
    if (entry) {
      entry.n++
      entry.last = i
    } else seen.set(key, { n: 1, first: i, last: i })
  }
  const names = [...seen]
  const repeated = names.filter(([, e]) => e.n >= PLAIN_MIN_REPEATS)
  if (captions) return new Set(repeated.map(([name]) => name))
  let found: Array<[string, { n: number; first: number; last: number }]>
  if (repeated.length > 0) {
    const from = Math.min(...repeated.map(([, e]) => e.first))
    const to = Math.max(...repeated.map(([, e]) => e.last))
    // Inside the conversation, a third voice who speaks twice.
    found = [...repeated, ...names.filter(([, e]) => e.n === PLAIN_PAIR_REPEATS && e.first > from && e.last < to)]
  } else {
    const twice = names.filter(([, e]) => e.n >= PLAIN_PAIR_REPEATS)
    found = twice.length >= 2 ? twice : []
  }
  if (found.length > 0 && isGivenName !== undefined) {
    // Inside the conversation, a full name said once whose first word (after its titles) is a given
    // name: `Chris Skipper`, the producer's note before the outro; `Dr. Fei Fei Li`. Not a title.
    const from = Math.min(...found.map(([, e]) => e.first))
    const to = Math.max(...found.map(([, e]) => e.last))
    const givenFirst = (name: string): boolean => {
      const words = withoutTitles(name).split(' ')
      return words.length >= 2 && isGivenName(words[0]!.toLowerCase())
    }
    found.push(...names.filter(([name, e]) => e.n === 1 && e.first > from && e.last < to && givenFirst(name)))
    for (const [name, i] of once) if (i > from && i < to && !seen.has(name) && givenFirst(name)) found.push([name, { n: 1, first: i, last: i }])
  }
  if (found.length === 0) return new Set()
  // A call's participants listed before it (`Tim Cook - Chief Executive Officer`) head the speech
  // of theirs said once too, once names heading paragraphs are the document's labelling.
  const listed = new Set<string>()
  for (const label of labels) if (label?.name && label.syntax !== 'plain-line') listed.add(label.name.toLowerCase())
  return new Set([...found, ...names.filter(([name]) => listed.has(name))].map(([name]) => name))
}

export interface Conventions {
  /** Named syntaxes in use, as the splitter should read them. */
  named: ReadonlySet<LabelSyntax>
  /**
   * Paragraph index of a lone label that opens the text (a speech or statement labelled once,
   * `TRUMP: Thank you.`), taken although it does not recur.
   */
  opening?: number
  captionChanges: boolean
  dashChanges: boolean
  /** Dialogue dashes (`—Buenas noches.`) open most of the text: each is a new, unnamed speaker. */
  dialogueDashes: boolean
}

/**
 * @example
 * chooseConventions(labels, captionCount).named // Set { 'bold' }
 * `structural` holds the names the format's own labels give, in lower case.
 */
export const chooseConventions = (labels: ReadonlyArray<LabelMatch | undefined>, captionCount: number, firstText = 0, structural: ReadonlySet<string> = new Set()): Conventions => {
  const counts = new Map<LabelSyntax, { labels: number; names: Map<string, number> }>()
  const count = (syntax: LabelSyntax, name: string | null): void => {
    let entry = counts.get(syntax)
    if (!entry) {
      entry = { labels: 0, names: new Map() }
      counts.set(syntax, entry)
    }
    entry.labels++
    if (name !== null) {
      const key = name.toLowerCase()
      entry.names.set(key, (entry.names.get(key) ?? 0) + 1)
    }
  }
  for (const label of labels) {
    if (!label) continue
    count(label.syntax, label.name)
    // `- ANN: Fine.` in subtitles is an `ANN:` label after a dash, `>> ANN: Fine.` after a caption
    // marker: the same names without the marker are labels too.
    if ((label.syntax === 'dash-change' || label.syntax === 'caption-change') && label.name !== null) count('colon', label.name)
  }
  const support = (syntax: LabelSyntax): number => {
    const entry = counts.get(syntax)
    if (!entry) return 0
    // A bare name alone on a line looks like a title; it is a convention only when names repeat,
    // and then only the repeated names count (label-pass.ts drops the others).
    if (syntax === 'plain-line') {
      let sum = 0
      for (const name of plainLineNames(labels, captionCount > 0)) sum += entry.names.get(name)!
      return sum
    }
    // A name heading over speech is also how chapter lists with blurbs look, and `Chris Miller —
    // author of Chip War` once per guest how show notes list guests: a speaker comes back.
    if (syntax === 'name-heading' || syntax === 'dash-label') return [...entry.names.values()].some((n) => n >= 2) ? entry.labels : 0
    // `jordan:` in lower case: only names that head paragraphs again and again, two of them at least.
    if (syntax === 'lower-colon') {
      const recurring = [...entry.names.values()].filter((n) => n >= LOWER_MIN_REPEATS)
      return recurring.length >= 2 ? recurring.reduce((a, b) => a + b, 0) : 0
    }
    // A name the format's own labels give (a WebVTT voice) is a speaker's even written once as text:
    // `JORDAN SCHNEIDER: …` in a cue without a voice span, in captions whose voices name Jordan Schneider.
    const recurs = entry.names.size >= 2 || [...entry.names.values()].some((n) => n >= 2) || [...entry.names.keys()].some((name) => structural.has(name))
    return recurs ? entry.labels : 0
  }
  const namedSyntaxes: LabelSyntax[] = ['colon', 'lower-colon', 'bold', 'bracket', 'hearing', 'name-line', 'plain-line', 'name-heading', 'dash-label']
  // Lower-case labels are a document's only labelling, never one beside capitalised labels.
  // Each syntax's support once: the plain-line count scans every label.
  const supports = new Map(namedSyntaxes.map((syntax) => [syntax, support(syntax)]))
  const bestCapitalised = Math.max(0, ...namedSyntaxes.filter((s) => s !== 'lower-colon').map((s) => supports.get(s)!))
  const best = bestCapitalised > 0 ? bestCapitalised : supports.get('lower-colon')!
  const named = new Set<LabelSyntax>()
  for (const syntax of namedSyntaxes) {
    const s = supports.get(syntax)!
    if (s >= 1 && s >= best * SECOND_CONVENTION_SHARE && (syntax !== 'lower-colon' || bestCapitalised === 0)) named.add(syntax)
  }
  // A deposition or court transcript labelled `Q.` / `A.` names the bench and counsel once in a while:
  // `THE COURT: Overruled.`, `MR. SMITH: Objection.` are speakers even said once.
  if (named.has('hearing') && !named.has('colon')) {
    for (const name of counts.get('colon')?.names.keys() ?? []) {
      if (COURT_LABEL.test(name)) {
        named.add('colon')
        break
      }
    }
  }
  const captionChanges = (counts.get('caption-change')?.labels ?? 0) >= 2
  const dashes = counts.get('dash-change')?.labels ?? 0
  if (captionChanges) named.add('caption-change')
  // Dashes that name their speaker (`- ANN: …`) are a convention even in a short file.
  const namedDashes = [...(counts.get('dash-change')?.names.values() ?? [])].reduce((a, b) => a + b, 0)
  const dashChanges = (dashes >= 3 && dashes >= captionCount * DASH_SHARE) || namedDashes >= 2
  // A reply opening with a dash is how a whole interview is written, not a stray line of show notes.
  const dialogue = counts.get('dialogue-dash')?.labels ?? 0
  const dialogueDashes = dialogue >= 3 && dialogue >= labels.length * DIALOGUE_SHARE && best === 0
  const conventions: Conventions = { named, captionChanges, dashChanges, dialogueDashes }
  const opening = labels[firstText]
  if (opening && opening.name !== null && namedSyntaxes.includes(opening.syntax) && (best === 0 || named.has(opening.syntax))) {
    named.add(opening.syntax)
    conventions.opening = firstText
  }
  return conventions
}
