/**
 * Reads `itunes:duration`: plain seconds (`4385`, `1014.708375`), `MM:SS`, `M:SS`,
 * `HH:MM:SS` or `H:MM:SS`, optionally with fractional seconds. Returns null for anything
 * else, including negative or non-finite values, so a bad duration never becomes 0.
 * @example parseDuration('1:05:20') // 3920
 */
export const parseDuration = (value: string | number | null | undefined): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null
  if (typeof value !== 'string') return null
  const text = value.trim()
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text)
  const match = /^(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)$/.exec(text)
  if (!match) return null
  const [, hours, minutes, seconds] = match
  // With no hours part the first field is minutes, which may exceed 59 (`75:00`).
  if (hours !== undefined && Number(minutes) > 59) return null
  if (Number(seconds) >= 60) return null
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds)
}
