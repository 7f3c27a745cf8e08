/**
 * Products named by a model code: "Nvidia's H20 chips", "Huawei's Ascend 910C", "AMD MI300X GPUs",
 * "F-35 fighters". A code alone says nothing ("Q3", "G20", "H1 2025", "Form W2"), so it names a
 * product only where the words around it say so: a word for a device after it, a maker's
 * possessive before it, or a capitalised product line before it, which joins the name ("Ascend
 * 910C"). Once named, the code alone names the same product anywhere later in the episode.
 */
import { isCommonWord } from './pos.js'
import { isCapitalised, joinsName, slug, type ProperNoun } from './proper-nouns.js'
import type { Token } from './types.js'
import { CALENDAR_WORDS, NOT_NAMES, TITLES } from './name-words.js'

/** A product named by a code, by its code (no plural "s"): what later bare mentions link to. */
export interface ModelName { id: string; name: string }

// Letters then digits ("H20", "MI300X", "A100"), or digits then letters ("910C", "9000S").
const CODE = /^(?:[A-Z]{1,4}\d{1,4}[A-Za-z]{0,2}|\d{2,4}[A-Z]{1,2})$/
// Quarters, halves and fiscal years, groups of countries, business shorthand, chemistry.
const NOT_CODES = /^(?:Q[1-4]|H[12]|FY\d+|G\d{1,2}|[A-Z]2[A-Z]|CO2|NO2|SO2|PM\d+|COVID\d*|P\d|K\d+)$/
const DEVICES = new Set(['chip', 'chips', 'gpu', 'gpus', 'processor', 'processors', 'accelerator', 'accelerators', 'card', 'cards',
  'smartphone', 'smartphones', 'phone', 'phones', 'jet', 'jets', 'fighter', 'fighters', 'bomber', 'bombers', 'aircraft', 'missile',
  'missiles', 'drone', 'drones', 'tank', 'tanks', 'reactor', 'reactors', 'satellite', 'satellites', 'rocket', 'rockets', 'engine',
  'engines', 'server', 'servers', 'model', 'models', 'laptop', 'laptops'])
// Words before a code that number a place, a form or a part, not a product line.
const NOT_PRODUCT_LINES = new Set(['form', 'room', 'gate', 'terminal', 'section', 'page', 'chapter', 'title', 'article', 'flight', 'route',
  'highway', 'interstate', 'building', 'suite', 'unit', 'platform', 'exhibit', 'table', 'figure', 'appendix', 'annex', 'schedule',
  'docket', 'case', 'bill', 'rule', 'part', 'level', 'grade', 'class', 'type', 'category', 'phase', 'stage', 'step', 'tier', 'zone',
  'district', 'ward', 'lot', 'row', 'seat', 'box', 'line', 'bus', 'train', 'channel', 'order', 'resolution', 'amendment', 'proposition'])

interface Code { first: number; last: number; code: string }

const joined = (a: Token, b: Token): boolean => a.end === b.start

/** The code at tokens[i]: one token ("H100s" reads "H100"), or a letter, a hyphen and digits ("F-35"). */
const codeAt = (tokens: readonly Token[], i: number): Code | undefined => {
  const t = tokens[i] as Token
  const plural = t.text.length > 2 && t.text.endsWith('s') && /[\dA-Z]$/.test(t.text.slice(0, -1))
  const bare = plural ? t.text.slice(0, -1) : t.text
  if (CODE.test(bare) && /\d/.test(bare) && /[A-Z]/.test(bare)) return NOT_CODES.test(bare) ? undefined : { first: i, last: i, code: bare }
  const dash = tokens[i + 1]
  const digits = tokens[i + 2]
  if (!/^[A-Z]{1,3}$/.test(t.text) || dash?.text !== '-' || !digits || !joined(t, dash) || !joined(dash, digits)) return undefined
  const number = /^\d{1,3}[A-Z]?s?$/.test(digits.text) ? digits.text.replace(/s$/, '') : undefined
  return number === undefined ? undefined : { first: i, last: i + 2, code: `${t.text}-${number}` }
}

/** A capitalised product line right before the code ("Ascend", "Kirin"); -2 for a maker's name there; -1 for neither. */
const productLineBefore = (tokens: readonly Token[], covered: Uint8Array, i: number): number => {
  const p = tokens[i - 1]
  if (!p || !isCapitalised(p) || !joinsName(tokens, i)) return -1
  if (NOT_NAMES.has(p.text) || TITLES.has(p.text) || CALENDAR_WORDS.has(p.lower) || NOT_PRODUCT_LINES.has(p.lower) || /\d/.test(p.text)) return -1
  // Opening a sentence, a common word is just the sentence's first word ("Only H20 chips…").
  if (p.initial && isCommonWord(p.lower)) return -1
  // A maker known or in capitals ("Nvidia H100", "AMD MI300X") is a name of its own before the code's.
  return covered[i - 1] || /^[A-Z]{2,}$/.test(p.text) ? -2 : i - 1
}

/** "Nvidia's H20": a capitalised maker's possessive right before the code. */
const makersBefore = (tokens: readonly Token[], i: number): boolean => {
  const maker = tokens[i - 3]
  return tokens[i - 1]?.text === 's' && (tokens[i - 2]?.text === "'" || tokens[i - 2]?.text === '\u2019') && maker !== undefined && isCapitalised(maker)
}

/**
 * Model names in one turn's tokens. `named` holds the codes named so far in the episode, and gains
 * those this turn names. Returns the mentions; marks their tokens, and those of every other code,
 * in `covered`.
 */
export const findModelNames = (tokens: readonly Token[], covered: Uint8Array, text: string, named: Map<string, ModelName>): ProperNoun[] => {
  const out: ProperNoun[] = []
  for (let i = 0; i < tokens.length; i++) {
    const c = (tokens[i] as Token).text.charCodeAt(0)
    if (covered[i] || c < 48 || c > 90 || (c > 57 && c < 65)) continue
    const found = codeAt(tokens, i)
    if (!found) continue
    const line = productLineBefore(tokens, covered, i)
    const device = DEVICES.has(tokens[found.last + 1]?.lower ?? '')
    const earlier = named.get(found.code)
    // A code that names nothing is still no one's name: "K" of "K-12 schools" is no body.
    if (line === -1 && !device && !makersBefore(tokens, i) && !earlier) {
      covered.fill(1, found.first, found.last + 1)
      i = found.last
      continue
    }
    const first = line >= 0 && !earlier ? line : i
    const a = tokens[first] as Token
    const z = tokens[found.last] as Token
    let model = earlier
    if (!model) {
      const name = first === i ? found.code : `${a.text} ${found.code}`
      model = { id: slug(name), name }
      named.set(found.code, model)
    }
    out.push({ turn: a.turn, start: a.start, end: z.end, text: text.slice(a.start, z.end), entityId: model.id, canonical: model.name, source: 'proper-noun', type: 'TECH', evidence: earlier ? 'a model code named before' : 'a model code', strength: 2.5 })
    covered.fill(1, first, found.last + 1)
    i = found.last
  }
  return out
}
