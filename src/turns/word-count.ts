/**
 * The one definition of a word in podpipe's turn and speaker counts: a run of non-whitespace
 * characters that holds at least one letter or digit. So "." on its own line or a spaced
 * dash "—" is not a word, and a CJK run without spaces counts as one word (sections, not
 * turns, carry such text, and they have no word count).
 *
 * Hand-written as one pass over char codes because it runs over every turn: a regex split
 * allocates an array per turn, which dominated the splitter's time on a 1M-word input.
 */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

const isSpace = (code: number): boolean =>
  code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x3000 ||
  code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
  code === 0x202f || code === 0x205f || code === 0xfeff

const isAsciiAlnum = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)

export const countWords = (text: string): number => {
  let words = 0
  let inToken = false
  let counted = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isSpace(code)) {
      inToken = false
      continue
    }
    if (!inToken) {
      inToken = true
      counted = false
    }
    if (counted) continue
    // Surrogate pairs (emoji, rare CJK) count as letters: cheaper than decoding, rare in speech.
    if (code < 128 ? isAsciiAlnum(code) : (code >= 0xd800 && code <= 0xdfff) || LETTER_OR_DIGIT.test(text[i]!)) {
      words++
      counted = true
    }
  }
  return words
}

/** True when the text holds no word at all (a lone "." or "—" paragraph). */
export const hasWords = (text: string): boolean => countWords(text) > 0
