/**
 * One lenient timestamp grammar for every format: `[[h+:]m+:]s+[.,frac]`.
 * Real files break the strict WebVTT grammar (`0.860`, `1:01.460` in Podnews, `0:00:00.680` in
 * Omny) and SRT uses a comma, so all readers accept any of these and agree on the result.
 * Scanned by hand rather than with a regex: it runs on every line of large plain-text files.
 */

/** A clock time as labels and speech write it (`43:56`, `00:01:02`, `00:01:02.5`), for patterns that look for one. */
export const CLOCK_TIME = String.raw`\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?`

const isDigit = (code: number): boolean => code >= 48 && code <= 57

/**
 * Seconds for `value`, or undefined when it is not a timestamp.
 * A unit below the leading one must be under 60 (`1:75` is not a time; `75:30` is).
 *
 * @example
 * parseTimestamp('1:01.460') // 61.46
 * parseTimestamp('00:00:02,760') // 2.76
 */
export const parseTimestamp = (value: string): number | undefined => {
  const text = value.trim()
  const parts: number[] = []
  let current = 0
  let digits = 0
  let fraction = ''
  let i = 0
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isDigit(code)) {
      current = current * 10 + (code - 48)
      digits++
    } else if (code === 58 /* : */) {
      if (digits === 0 || parts.length === 2) return undefined
      parts.push(current)
      current = 0
      digits = 0
    } else if (code === 46 /* . */ || code === 44 /* , */) {
      if (digits === 0) return undefined
      const rest = text.slice(i + 1)
      if (rest.length === 0 || rest.length > 9) return undefined
      for (let j = 0; j < rest.length; j++) if (!isDigit(rest.charCodeAt(j))) return undefined
      fraction = rest
      break
    } else {
      return undefined
    }
  }
  if (digits === 0) return undefined
  parts.push(current)
  for (let k = 1; k < parts.length; k++) if ((parts[k] ?? 0) >= 60) return undefined
  const whole = parts.reduce((total, part) => total * 60 + part, 0)
  return fraction ? whole + Number(`0.${fraction}`) : whole
}

/** `parseTimestamp`, but only with at least one colon (`0:53`, `00:03:12`): in prose a bare number is not a time. */
export const parseClockTimestamp = (value: string): number | undefined =>
  value.includes(':') ? parseTimestamp(value) : undefined

/**
 * A time written in a data field (a JSON string, a CSV cell): a clock time (`00:01:05.500`), or a
 * number of seconds, bare or as Google writes durations (`1.5`, `1.500s`). NaN when it is neither.
 *
 * @example
 * parseFieldTime('00:01:05.500') // 65.5
 * parseFieldTime('1.500s') // 1.5
 */
export const parseFieldTime = (value: string): number => {
  const text = value.trim()
  return text.includes(':') ? parseTimestamp(text) ?? Number.NaN : Number(text.replace(/s$/, ''))
}

const HMS = /^(\d{1,2})h(\d{1,2})m(\d{1,2})s$/

/**
 * `parseClockTimestamp`, also reading the `0h01m05s` form that transcript tables use.
 *
 * @example
 * parseTranscriptTime('0h01m05s') // 65
 */
export const parseTranscriptTime = (value: string): number | undefined => {
  const hms = HMS.exec(value)
  return hms ? Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]) : parseClockTimestamp(value)
}

/** Whether `next` starts at most `seconds` after `before` starts (both timed, times not going back). */
export const startsWithin = (before: { start?: number | undefined }, next: { start?: number | undefined }, seconds: number): boolean =>
  before.start !== undefined && next.start !== undefined && next.start >= before.start && next.start - before.start <= seconds
