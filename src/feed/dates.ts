/**
 * Lenient RFC 822 / RFC 2822 date reading for `pubDate`, with the variants real feeds
 * emit (formats.md §3.4): `Sept`, a missing time or missing seconds, a single-digit day,
 * zone names (`UTC`, `EST`, `CET`), JavaScript `Date.toString()` output, `Mon, May 25 2020`,
 * German day and month names, and ISO 8601 (Atom). Returns null on failure, never "now",
 * because a made-up date would reorder episodes.
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0, januar: 0, january: 0, jän: 0,
  feb: 1, februar: 1, february: 1,
  mar: 2, march: 2, mär: 2, märz: 2, maerz: 2,
  apr: 3, april: 3,
  may: 4, mai: 4,
  jun: 5, june: 5, juni: 5,
  jul: 6, july: 6, juli: 6,
  aug: 7, august: 7,
  sep: 8, sept: 8, september: 8,
  oct: 9, okt: 9, october: 9, oktober: 9,
  nov: 10, november: 10,
  dec: 11, dez: 11, december: 11, dezember: 11,
}

/** Offsets in minutes for the zone names RFC 822 allows plus the European ones feeds use. */
const ZONES: Readonly<Record<string, number>> = {
  z: 0, ut: 0, utc: 0, gmt: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  wet: 0, west: 60, bst: 60, cet: 60, cest: 120, mez: 60, mesz: 120, eet: 120, eest: 180,
}

const WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|mo|di|mi|do|fr|sa|so)[a-z]*\.?,?\s+/i

const zoneOffset = (zone: string): number | null => {
  const text = zone.replace(/\s*\(.*\)\s*$/, '').trim().toLowerCase()
  if (text === '') return 0
  const named = ZONES[text]
  if (named !== undefined) return named
  // `+0100`, `-05:00`, `GMT+0000`, `UTC+01:00`
  const numeric = /^(?:gmt|utc|ut)?([+-])(\d{2}):?(\d{2})$/.exec(text)
  if (!numeric) return null
  const [, sign, hh, mm] = numeric
  const minutes = Number(hh) * 60 + Number(mm)
  return sign === '-' ? -minutes : minutes
}

const fullYear = (year: string): number => {
  const n = Number(year)
  if (year.length > 2) return n
  return n < 50 ? 2000 + n : 1900 + n
}

const TIME = String.raw`(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?`
// `2 Jul 2022 10:10:00 GMT` (RFC 822, after the weekday is gone)
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})\.?\s+([\p{L}]+)\.?,?\s+(\d{2,4})${TIME}\s*(.*)$`, 'u')
// `May 16 2020 09:00:57 GMT+0000 (…)` (JS toString) and `May 25 2020 …`
const MONTH_FIRST = new RegExp(String.raw`^([\p{L}]+)\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}\s*(.*)$`, 'u')

const build = (
  year: number, month: number | undefined, day: number,
  h: string | undefined, m: string | undefined, s: string | undefined, zone: string,
): string | null => {
  if (month === undefined || day < 1 || day > 31) return null
  const hours = Number(h ?? 0)
  const minutes = Number(m ?? 0)
  const seconds = Number(s ?? 0)
  if (hours > 23 || minutes > 59 || seconds > 60) return null
  const offset = zoneOffset(zone)
  if (offset === null) return null
  const ms = Date.UTC(year, month, day, hours, minutes, seconds) - offset * 60_000
  const date = new Date(ms)
  // Date.UTC rolls 31 Feb over into March; a date that does not exist is not a date.
  const check = new Date(Date.UTC(year, month, day))
  if (Number.isNaN(ms) || check.getUTCDate() !== day) return null
  return date.toISOString()
}

/**
 * @example parseFeedDate('Sat, 2 Jul 2022 10:10 EST') // '2022-07-02T15:10:00.000Z'
 */
export const parseFeedDate = (value: string | null | undefined): string | null => {
  if (typeof value !== 'string') return null
  const text = value.trim().replace(/\s+/g, ' ')
  if (text === '') return null
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    // Date.parse reads an ISO date-time without an offset as local time; feeds mean UTC.
    const iso = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(text) ? `${text}Z` : text
    const ms = Date.parse(iso)
    return Number.isNaN(ms) ? null : new Date(ms).toISOString()
  }
  const rest = text.replace(WEEKDAY, '')
  const dayFirst = DAY_FIRST.exec(rest)
  if (dayFirst) {
    const [, day, month, year, h, m, s, zone] = dayFirst
    return build(fullYear(year ?? ''), MONTHS[(month ?? '').toLowerCase()], Number(day), h, m, s, zone ?? '')
  }
  const monthFirst = MONTH_FIRST.exec(rest)
  if (monthFirst) {
    const [, month, day, year, h, m, s, zone] = monthFirst
    return build(Number(year), MONTHS[(month ?? '').toLowerCase()], Number(day), h, m, s, zone ?? '')
  }
  return null
}
