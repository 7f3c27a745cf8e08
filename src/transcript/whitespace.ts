/** Helpers every reader shares for turning raw lines into paragraph text. */

// Anything a browser would render as one space: runs of spaces, tabs, NBSP, line breaks.
const NEEDS_COLLAPSE = /\s{2}|[^\S ]/
const WHITESPACE_RUN = /\s+/g

/** The text without the byte order mark a file may open with. */
export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)

/** Trims and collapses internal whitespace to single spaces. Skips the replace when there is nothing to do, the common case. */
export const collapseWhitespace = (text: string): string => {
  const trimmed = text.trim()
  return NEEDS_COLLAPSE.test(trimmed) ? trimmed.replace(WHITESPACE_RUN, ' ') : trimmed
}

/**
 * Splits on LF, CRLF or a lone CR, so every reader sees the same lines whatever the file's origin.
 * CR CR LF is one break too: it is what a CRLF file becomes when a tool converts its line ends
 * again, and read as two it would put a blank line inside every cue.
 */
export const splitLines = (text: string): string[] => text.split(/\r\r\n|\r\n|\r|\n/)
