/**
 * Inline speaker labels at the start of a paragraph: "Chris McGuire: …", "SPEAKER_1: …",
 * "主持人：…". This only finds candidates; whether a candidate is a speaker is the roster's
 * decision (roster.ts), because "Note: …" or "评价: 推荐" look exactly the same.
 */

// A capitalised name token: "Chris", "McGuire", "O’Brien", "Jean-Luc", "Dr.", "CHRIS".
const NAME = String.raw`\p{Lu}[\p{L}\p{M}'’.\-]*`
// Lowercase particles inside names ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
const PARTICLE = '(?:de|da|del|der|di|du|la|le|van|von|bin|al|ibn|dos|das|y)'
const LATIN_NAME = String.raw`${NAME}(?:[ \t](?:${NAME}|\d{1,3}|#\d{1,3}|${PARTICLE})){0,4}|\p{Lu}+_\d{1,3}`
// Names in scripts without capitals; a colon without a following space is normal there.
const HAN_NAME = String.raw`[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Hiragana}]{1,8}`

// Built once at load: the splitter calls it for every paragraph (NodeNext, no per-call RegExp).
// A Latin label needs a space or the end after its colon, so "Re:Invent" and URLs are not labels.
const INLINE_LABEL = new RegExp(
  String.raw`^(?:(${LATIN_NAME})[ \t]?[:：](?:[ \t]+|$)|(${HAN_NAME})[ \t]?[:：][ \t]*)`,
  'u',
)

// Capitalised words that precede a colon in prose and notes but never name a speaker.
const NOT_SPEAKERS = new Set([
  'note', 'notes', 'update', 'updated', 'editor’s note', "editor's note", 'source', 'sources', 'correction',
  'disclaimer', 'transcript', 'summary', 'related', 'links', 'resources', 'chapters', 'timestamps',
  'warning', 'example', 'answer', 'question', 'edit', 'ps', 'p.s.', 'tl;dr', 'bonus', 'read more', 'also',
])

export interface InlineLabel {
  /** The label as written, without the colon. */
  name: string
  /** How many characters of the paragraph the label takes, colon and following spaces included. */
  length: number
}

/**
 * The label candidate a paragraph starts with, if any.
 *
 * @example
 * detectInlineLabel('Chris Miller: The impact…') // { name: 'Chris Miller', length: 14 }
 * detectInlineLabel('Chris Miller, what’s the…') // undefined: an address, not a label
 */
export const detectInlineLabel = (text: string): InlineLabel | undefined => {
  const first = text.charCodeAt(0)
  // Cheap exits before the regex: most paragraphs start with neither a capital nor CJK.
  if (Number.isNaN(first) || (first >= 97 && first <= 122) || first === 32) return undefined
  const match = INLINE_LABEL.exec(text)
  if (!match) return undefined
  const name = (match[1] ?? match[2] ?? '').trim()
  if (!name || NOT_SPEAKERS.has(name.toLowerCase())) return undefined
  return { name, length: match[0].length }
}

// No "(" or "[": "Chris Miller (Tufts)" in a guest list is a mention, not a label.
const SENTENCE_START = /[\p{Lu}\p{N}"“‘']/u

/**
 * Whether a roster name written without its colon starts a new turn: the name must be followed
 * by a space and then a capital, a digit or an opening quote ("Jordan Schneider If China…").
 * "Chris Miller said…" or "Chris Miller, what's…" continue as ordinary text.
 * Returns the length to strip (name and spaces), or 0 when the name is not a label.
 */
export const startsUnlabelledTurn = (text: string, nameLength: number): number => {
  let i = nameLength
  const afterName = text.charCodeAt(i)
  if (afterName !== 32 && afterName !== 9) return 0
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++
  const next = text[i]
  if (next === undefined) return 0
  return SENTENCE_START.test(next) ? i : 0
}
