import { describe, expect, it } from 'vitest'
import { errorClassOf } from './job-events.js'

describe('errorClassOf', () => {
  it.each([
    ['MALFORMED: turn 3 has no text', 'MALFORMED'],
    ['FETCH_FAILED: https://example.org/feed.xml: connection reset', 'FETCH_FAILED'],
    ['TIMEOUT: no answer within 15000 ms', 'TIMEOUT'],
    ['NOT_A_CODE: something', 'unexpected'],
    ["Cannot read properties of undefined (reading 'text')", 'unexpected'],
    ['', 'unexpected'],
    [undefined, 'unexpected'],
  ])('%j → %s', (reason, expected) => {
    expect(errorClassOf(reason)).toBe(expected)
  })
})
