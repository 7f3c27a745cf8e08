import { expect, test } from 'vitest'
import { countWords } from './word-count.js'

test.each([
  { id: 'plain words', text: 'the quick brown fox', words: 4 },
  { id: 'runs of whitespace and newlines', text: '  a\n\n b\t c  ', words: 3 },
  { id: 'lone punctuation is not a word', text: '.', words: 0 },
  { id: 'spaced dash is not a word', text: 'rare earths — magnets', words: 3 },
  { id: 'punctuation attached to a word', text: '“Well, TSMC…”', words: 2 },
  { id: 'numbers are words', text: 'numbers 55, 56, 57', words: 4 },
  { id: 'accented and non-Latin letters', text: 'José Núñez 嫦娥工程', words: 3 },
  { id: 'non-breaking space separates', text: 'a\u00a0b', words: 2 },
  { id: 'empty', text: '', words: 0 },
])('$id', ({ text, words }) => {
  expect(countWords(text)).toBe(words)
})
