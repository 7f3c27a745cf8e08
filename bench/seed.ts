import { readFileSync } from 'node:fs'

const SEED = new URL('../fixtures/seed/seed.txt', import.meta.url)

/** The seed post's transcript part: from the first speaker label to the end. */
export const seedTranscript = (): string => {
  const text = readFileSync(SEED, 'utf8')
  const start = text.indexOf('Chris McGuire: Last night')
  if (start < 0) throw new Error(`${SEED.pathname}: the transcript's first line was not found`)
  return text.slice(start)
}

export const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length

/** The seed transcript repeated until it holds at least `words` words. */
export const repeatToWords = (text: string, words: number): { text: string; words: number } => {
  const per = countWords(text)
  const times = Math.max(1, Math.ceil(words / per))
  return { text: Array.from({ length: times }, () => text).join('\n'), words: per * times }
}
