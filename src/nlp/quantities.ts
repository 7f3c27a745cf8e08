import type { Quantity } from '../record/schema.js'

const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12, t: 1e12 }
const CURRENCY_SIGN: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'CNY' }
const CURRENCY_WORD: Record<string, string> = { dollar: 'USD', dollars: 'USD', bucks: 'USD', euro: 'EUR', euros: 'EUR', pounds: 'GBP', yuan: 'CNY', renminbi: 'CNY', rmb: 'CNY', yen: 'JPY' }
const UNITS: Record<string, string> = {
  nanometer: 'nm', nanometers: 'nm', nanometre: 'nm', nanometres: 'nm', nm: 'nm', micron: 'µm', microns: 'µm',
  millimeter: 'mm', millimeters: 'mm', mm: 'mm', meter: 'm', meters: 'm', kilometer: 'km', kilometers: 'km', km: 'km', mile: 'mi', miles: 'mi',
  layer: 'layers', layers: 'layers', kilogram: 'kg', kilograms: 'kg', kg: 'kg', ton: 't', tons: 't', tonne: 't', tonnes: 't',
  gigawatt: 'GW', gigawatts: 'GW', gw: 'GW', megawatt: 'MW', megawatts: 'MW', mw: 'MW', qubit: 'qubits', qubits: 'qubits', barrels: 'bbl',
}
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
// Numbers as transcribers and speech-to-text spell them: "ninety", "fifty-five", "a hundred", "two hundred and ten".
const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
const BELOW_HUNDRED = String.raw`(?:(?:${TENS.join('|')})(?:[- ](?:${ONES.slice(1, 10).join('|')}))?|${ONES.join('|')})`
const SPELLED = String.raw`(?:(?:a|one|two|three|four|five|six|seven|eight|nine) hundred(?:(?: and)? ${BELOW_HUNDRED})?|${BELOW_HUNDRED}|hundred)`
// "a billion dollars", but not "bid a dollar" or "a percent of doubt": "a" counts only before a scale.
const WORD_NUMBER = String.raw`(?:${SPELLED}|an?)`
const WORD_VALUE = new Map<string, number>([...ONES.map((w, i) => [w, i] as const), ...TENS.map((w, i) => [w, 20 + 10 * i] as const), ['a', 1], ['an', 1]])

/** The value of a number in digits ("1,200"), or spelled in words (WORD_NUMBER: "two hundred and ten"). */
const num = (s: string): number => {
  if (/\d/.test(s)) return Number(s.replace(/,/g, ''))
  let value = 0
  for (const w of s.toLowerCase().split(/[- ]+/)) {
    if (w === 'hundred') value = (value || 1) * 100
    else value += WORD_VALUE.get(w) ?? 0
  }
  return value
}

const MONEY_SIGN = /(?<![\w$])(US)?([$€£¥])\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(thousand|million|billion|trillion|bn|mn|tn|[kmbt])\b)?/giu
const MONEY_WORD = new RegExp(String.raw`\b(\d[\d,]*(?:\.\d+)?|${WORD_NUMBER})\s+(thousand|million|billion|trillion)[\s-](dollars?|euros?|yuan|renminbi|RMB|yen|pounds|bucks)\b`, 'giu')
const MONEY_ADJ = new RegExp(String.raw`\b(?:(\d[\d,]*(?:\.\d+)?|${WORD_NUMBER})[\s-])?(thousand|million|billion|trillion)-(dollar|euro|yuan)\b`, 'giu')
// "70 dollars", "five bucks", "twenty euros": a currency word right after a number, without a scale
// (not "pounds": "two pounds of beef" weighs).
const MONEY_PLAIN = new RegExp(String.raw`(?<![\w.,$])(\d[\d,]*(?:\.\d+)?|${SPELLED})\s+(dollars?|euros?|yuan|renminbi|yen|bucks)\b`, 'giu')
// "ninety percent", "a hundred percent", "fifty-five per cent".
const WORD_PERCENT = new RegExp(String.raw`\b(${SPELLED})\s(percent\b|per cent\b)`, 'giu')
// "I'm a hundred percent sure", "I agree a hundred percent": a way of saying "entirely", no figure.
const SURE_AFTER = /^\s+(?:sure|certain|confident|correct|right|honest|committed|true|behind|agree)\b/i
const SURE_BEFORE = /\b(?:agree|agreed|i['’]m|i am|you['’]re|you are|that['’]s|it['’]s)\s*$/i
const isIntensifier = (sentence: string, start: number, end: number): boolean =>
  SURE_AFTER.test(sentence.slice(end, end + 16)) || SURE_BEFORE.test(sentence.slice(Math.max(0, start - 16), start))
const PERCENT_RANGE = /\b(\d+(?:\.\d+)?)\s+(?:or|to|and)\s+(?=\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b))/giu
// A number with or without thousands separators ("270,000"), never starting inside one.
const NUMBER = String.raw`(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`
const PERCENT = new RegExp(String.raw`${NUMBER}\s?(%|percent\b|per cent\b)`, 'giu')
// "25 basis points", "50bps", "two percentage points": a change of a rate, in its own unit.
const POINTS = new RegExp(String.raw`${NUMBER}\s?(basis[ -]points?|bps|bp|percentage[ -]points?)\b`, 'giu')
// "14 nanometers", "1.2 million tonnes", and a short unit written on the figure ("7nm", "30kg").
const MEASURE = new RegExp(String.raw`${NUMBER}(?:\s(thousand|million|billion|trillion))?(?:[\s-]([a-z]+)\b|(nm|mm|km|kg|gw|mw)\b)`, 'giu')
const DAY_DATE = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?/gu
const MONTH_ONLY = /\b(?:([Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ll]ate|[Ee]arly|[Mm]id|[Ll]ast|[Nn]ext|[Tt]his|and|or|[Tt]he|of|[Ff]rom|through)\s+)(January|February|March|April|May|June|July|August|September|October|November|December)\b(?:\s+(\d{4})\b)?(?!\s+\d)/gu
const YEAR = /(?<![\w$.,-])((?:19|20)\d{2})(?![\w%]|[.,]\d|\s?(?:percent|%))/gu
const NOT_COUNTED = String.raw`(?!(?:to|and|or|of|the|in|on|at|for|percent|per|nm|such|more|other|than|times|is|was|are|were)\b)`
// "59 entities", "5 million users" (5e6 users), "3 billion of them" (3e9, no noun).
const COUNT = new RegExp(String.raw`(?<![\w.,$-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]*\d)(?:\s+(thousand|million|billion|trillion)\b(?:\s+${NOT_COUNTED}([a-z][a-z-]+))?|\s+${NOT_COUNTED}([a-z][a-z-]+))`, 'gu')

// A share said as a fraction or a ratio is a percent: "two-thirds of the market" (66.7%), "half of
// all chips" (50%), "one in five Americans", "1 in 4" (20%, 25%). A fraction counts only before
// "of" ("a quarter" alone is as often three months), a ratio only of a part under its whole.
const DENOMINATORS: Record<string, number> = { half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fifth: 5, fifths: 5,
  sixth: 6, sixths: 6, tenth: 10, tenths: 10 }
const FRACTION = /\b(?:(a|one|two|three|four|nine)[\s-])?(half|thirds?|quarters?|fifths?|sixths?|tenths?)(?=\s+of\b)/giu
const RATIO_NUMBER = String.raw`\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|a hundred|thousand|a thousand`
const RATIO = new RegExp(String.raw`\b(${RATIO_NUMBER})\s+(?:in|out of)\s+(${RATIO_NUMBER})\b(?![.,]\d)`, 'giu')
const SHARE_GATE = /\b(?:half|thirds?|quarters?|fifths?|sixths?|tenths?)\s+of\b|\b(?:in|out of)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|a hundred|hundred|a thousand|thousand)\b/i
const HALF_OF_A_PAIR = /\b(?:the|first|second|latter|other|back|front|bottom|top)\s+$/i
// num reads digits, "hundred" and "a hundred"; "thousand" and "a thousand" only ratios and multiples say.
const countValue = (w: string): number => (w.toLowerCase().endsWith('thousand') ? 1000 : num(w))

// A change or a comparison said as a multiple is a measure in "×": "exports doubled" (2),
// "tripling", "a fourfold rise", "ten times cheaper", "3x ours", "twice as many", "by a factor of
// three". "Double" and "triple" as adjectives ("a double standard", "double down") and "three times
// a week" (how often) are not: a multiple needs the verb, "-fold", or a comparison after "times".
const MULTIPLE_VERBS: Record<string, number> = { doubl: 2, tripl: 3, quadrupl: 4 }
// "Doubled down", "doubled over", "double-checked", "in doubles" (tennis): no multiple.
const MULTIPLE_VERB = /(?<!\b(?:in|mixed|s) )\b(doubl|tripl|quadrupl)(?:ed|ing|es)\b(?!\s+(?:down|over|up|back)\b|-)/giu
const FOLD = new RegExp(String.raw`\b(\d+(?:\.\d+)?|${BELOW_HUNDRED}|hundred)[\s-]?fold\b`, 'giu')
// What follows "N times" in a comparison: "more", "as many", "the size of", a comparative
// ("cheaper"); not how often ("three times a week", "three times after that", "twice as a kid").
const NOT_AFTER_AS = '(?:a|an|the|well|i|we|you|he|she|they|it|of|part|far|soon|long)'
const NOT_COMPARATIVE = '(?:after|ever|never|other|under|whether|together|either|neither|later|per|over|order|offer|answer|enter|remember|consider|matter|number|water|summer|winter|september|october|november|december)'
const COMPARED = String.raw`(?:more|less|fewer|as\s+(?!${NOT_AFTER_AS}\b)[a-z]+|the\s+(?:size|number|amount|rate|level|price|cost|population|output)|(?!${NOT_COMPARATIVE}\b)[a-z]{2,}er\b)`
const TIMES = new RegExp(String.raw`\b(\d+(?:\.\d+)?|${BELOW_HUNDRED}|hundred|a hundred|a thousand)\s+times\s+(?=${COMPARED})`, 'giu')
// "a 5x increase", "3x ours", "10X faster"; not "2x4" lumber, "4x4" cars or a product's name ("SNES 9x").
const TIMES_X = /(?<![\w.]|\b[A-Z][\w-]*\s)(\d+(?:\.\d+)?)[xX×](?![\w×]|\s?\d)/gu
const TWICE = new RegExp(String.raw`\btwice\s+(?=${COMPARED})|\bby\s+a\s+factor\s+of\s+(\d+(?:\.\d+)?|${BELOW_HUNDRED})\b`, 'giu')
const MULTIPLE_GATE = /doubl|tripl|quadrupl|fold\b|times|twice|factor of|\d[x×]/i
const PERCENT_GATE = /%|per ?cent/i
const MONTH_NAME = /January|February|March|April|May|June|July|August|September|October|November|December/

const pad = (n: number): string => String(n).padStart(2, '0')

/** The year that puts month/day closest to the episode date (a talk in October means next December). */
const resolveYear = (month: number, day: number | null, episodeDate: string | null | undefined): number | null => {
  if (!episodeDate || !/^\d{4}-\d{2}/.test(episodeDate)) return null
  const y = Number(episodeDate.slice(0, 4))
  const ref = Date.UTC(y, Number(episodeDate.slice(5, 7)) - 1, Number(episodeDate.slice(8, 10)) || 1)
  let best = y
  let bestGap = Infinity
  // Ties go to the past: a bare month in conversation more often reports than plans.
  for (const cand of [y - 1, y, y + 1]) {
    const gap = Math.abs(Date.UTC(cand, month - 1, day ?? 15) - ref) + (Date.UTC(cand, month - 1, day ?? 15) > ref ? 1 : 0)
    if (gap < bestGap) { best = cand; bestGap = gap }
  }
  return best
}

/**
 * Quantities in one sentence: money with currency and scale ("$10 billion" → 1e10 USD), percents
 * (value as written, unit "%", or "bp" and "pp" for basis and percentage points), dates (ISO; a date without a year is resolved against
 * `episodeDate`, or left as "--MM-DD" when unknown), measures ("14-nanometer" → 14 nm,
 * "256 layers") and counts ("170 agreements"). Offsets are not returned: `text` is the surface.
 */
export const extractQuantities = (sentence: string, episodeDate?: string | null): Quantity[] => {
  // Cheap gates first: most sentences hold no digit, month or scale word, and skip every scan
  // (and the closures below).
  const digit = /\d/.test(sentence)
  const month = MONTH_NAME.test(sentence)
  const percentWord = PERCENT_GATE.test(sentence)
  const share = SHARE_GATE.test(sentence)
  const multiple = MULTIPLE_GATE.test(sentence)
  if (!digit && !month && !percentWord && !share && !multiple && !/illion|thousand|dollar|euro|bucks|yuan|pounds/.test(sentence)) return []
  const found: Quantity[] = []
  // Where each found quantity starts and ends, in the order found: [start, end, start, end, ...].
  const taken: number[] = []
  const add = (q: Quantity, a: number, b: number): void => {
    for (let k = 0; k < taken.length; k += 2) if (b > (taken[k] as number) && a < (taken[k + 1] as number)) return
    taken.push(a, b)
    found.push(q)
  }
  const scan = (re: RegExp, f: (m: RegExpExecArray) => Quantity | null): void => {
    re.lastIndex = 0
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const q = f(m)
      if (q) add(q, m.index, m.index + m[0].length)
    }
  }
  if (/[$€£¥]|dollar|euro|yuan|renminbi|RMB|yen|pounds|bucks/i.test(sentence)) {
    scan(MONEY_SIGN, (m) => ({ kind: 'money', value: num(m[3] as string) * (m[4] ? SCALE[m[4].toLowerCase()] ?? 1 : 1), unit: CURRENCY_SIGN[m[2] as string] ?? null, text: m[0] }))
    scan(MONEY_WORD, (m) => ({ kind: 'money', value: num(m[1] as string) * (SCALE[(m[2] as string).toLowerCase()] ?? 1), unit: CURRENCY_WORD[(m[3] as string).toLowerCase()] ?? null, text: m[0] }))
    scan(MONEY_ADJ, (m) => ({ kind: 'money', value: (m[1] ? num(m[1]) : 1) * (SCALE[(m[2] as string).toLowerCase()] ?? 1), unit: CURRENCY_WORD[`${(m[3] as string).toLowerCase()}s`] ?? CURRENCY_WORD[(m[3] as string).toLowerCase()] ?? null, text: m[0] }))
    scan(MONEY_PLAIN, (m) => ({ kind: 'money', value: num(m[1] as string), unit: CURRENCY_WORD[(m[2] as string).toLowerCase()] ?? null, text: m[0] }))
  }
  if (digit && /points?\b|bps?\b/i.test(sentence)) {
    scan(POINTS, (m) => ({ kind: 'percent', value: num(m[1] as string), unit: /^b/i.test(m[2] as string) ? 'bp' : 'pp', text: m[0] }))
  }
  // Both percent patterns need a percent sign or word: test for it once rather than scan twice.
  if (digit && percentWord) {
    scan(PERCENT, (m) => ({ kind: 'percent', value: num(m[1] as string), unit: '%', text: m[0] }))
    scan(PERCENT_RANGE, (m) => ({ kind: 'percent', value: Number(m[1]), unit: '%', text: m[1] as string }))
  }
  if (percentWord) scan(WORD_PERCENT, (m) => {
    const value = num(m[1] as string)
    if (value === 100 && isIntensifier(sentence, m.index, m.index + m[0].length)) return null
    return { kind: 'percent', value, unit: '%', text: m[0] }
  })
  if (share) {
    scan(FRACTION, (m) => {
      const parts = m[1] ? num(m[1]) : 1
      const whole = DENOMINATORS[(m[2] as string).toLowerCase()] as number
      // "half of" alone, or a count of parts under the whole ("two thirds", not "four thirds").
      if (parts >= whole || (m[2]!.toLowerCase() !== 'half' && !m[1])) return null
      // "the second half of the year", "the other half of": a part of a time or a pair, no share.
      if (!m[1] && HALF_OF_A_PAIR.test(sentence.slice(Math.max(0, m.index - 12), m.index))) return null
      return { kind: 'percent', value: Math.round((parts / whole) * 1000) / 10, unit: '%', text: m[0] }
    })
    scan(RATIO, (m) => {
      const part = countValue(m[1] as string)
      const whole = countValue(m[2] as string)
      return part >= 1 && whole > part && whole <= 1000 ? { kind: 'percent', value: Math.round((part / whole) * 1000) / 10, unit: '%', text: m[0] } : null
    })
  }
  if (multiple) {
    scan(MULTIPLE_VERB, (m) => ({ kind: 'measure', value: MULTIPLE_VERBS[(m[1] as string).toLowerCase()] as number, unit: '×', text: m[0] }))
    scan(FOLD, (m) => ({ kind: 'measure', value: countValue(m[1] as string), unit: '×', text: m[0] }))
    scan(TIMES, (m) => ({ kind: 'measure', value: countValue(m[1] as string), unit: '×', text: m[0].trimEnd() }))
    scan(TIMES_X, (m) => ({ kind: 'measure', value: num(m[1] as string), unit: '×', text: m[0] }))
    scan(TWICE, (m) => ({ kind: 'measure', value: m[1] ? countValue(m[1]) : 2, unit: '×', text: m[0].trimEnd() }))
  }
  if (month && digit) scan(DAY_DATE, (m) => {
    const month = MONTHS.indexOf((m[1] as string).toLowerCase()) + 1
    const day = Number(m[2])
    if (day < 1 || day > 31) return null
    const year = m[3] ? Number(m[3]) : resolveYear(month, day, episodeDate)
    return { kind: 'date', value: year ? `${year}-${pad(month)}-${pad(day)}` : `--${pad(month)}-${pad(day)}`, unit: null, text: m[0] }
  })
  if (month) scan(MONTH_ONLY, (m) => {
    const month = MONTHS.indexOf((m[2] as string).toLowerCase()) + 1
    const year = m[3] ? Number(m[3]) : resolveYear(month, null, episodeDate)
    const text = m[0].slice(m[0].indexOf(m[2] as string))
    return { kind: 'date', value: year ? `${year}-${pad(month)}` : `--${pad(month)}`, unit: null, text }
  })
  if (digit) scan(YEAR, (m) => ({ kind: 'date', value: m[1] as string, unit: null, text: m[1] as string }))
  if (digit) scan(MEASURE, (m) => {
    const unit = UNITS[(m[3] ?? m[4] as string).toLowerCase()]
    return unit ? { kind: 'measure', value: num(m[1] as string) * (m[2] ? SCALE[m[2].toLowerCase()] ?? 1 : 1), unit, text: m[0] } : null
  })
  if (digit) scan(COUNT, (m) => ({ kind: 'count', value: num(m[1] as string) * (m[2] ? SCALE[m[2]] ?? 1 : 1), unit: m[3] ?? m[4] ?? null, text: m[0] }))
  if (found.length < 2) return found
  // In text order; a stable sort of the positions, as sorting the quantities by start was.
  return found.map((_, k) => k).sort((x, y) => (taken[2 * x] as number) - (taken[2 * y] as number)).map((k) => found[k] as Quantity)
}
