/** Small pieces the read commands share: flag parsers and how they treat a closed pipe. */
import { PodpipeError } from '../errors/index.js'

/** A commander parser for a flag that takes a whole number ≥ 1; a bad value names the flag. */
export const positiveInteger = (flag: string) => (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new PodpipeError('CONFIG', `${flag}: expected a whole number of 1 or more, got "${value}"`, { input: flag })
  return n
}

/** The items of a comma-separated flag value (`--speakers "A, B"`), trimmed, empty ones dropped. */
export const commaList = (value: string): string[] => value.split(',').map((item) => item.trim()).filter(Boolean)

/**
 * Awaits a write to stdout; a reader that stopped early (`podpipe export | head`) ends it with
 * EPIPE, which is the user's choice, not an error: exit 0 without a word, as cli.ts does for
 * the stream's own error event.
 */
export const quietOnClosedPipe = async <T>(writing: Promise<T>): Promise<T> => {
  try {
    return await writing
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0)
    throw err
  }
}
