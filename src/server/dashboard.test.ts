import { describe, expect, it } from 'vitest'
import { MAX_SHOWN_CHARS, trimForDisplay } from './dashboard.js'

describe('trimForDisplay', () => {
  it('passes small job data through unchanged', () => {
    const data = { feedId: 'sinica', episodeGuid: 'abc', attempt: 2 }
    expect(trimForDisplay(data)).toBe(data)
    expect(trimForDisplay(undefined)).toBeUndefined()
    expect(trimForDisplay(null)).toBeNull()
  })

  it('replaces oversized data with a marked preview of its JSON', () => {
    const data = { transcript: 'x'.repeat(MAX_SHOWN_CHARS * 3) }
    const shown = trimForDisplay(data) as { truncated: boolean; totalChars: number; preview: string }
    expect(shown.truncated).toBe(true)
    expect(shown.totalChars).toBe(JSON.stringify(data).length)
    expect(shown.preview).toBe(JSON.stringify(data).slice(0, MAX_SHOWN_CHARS))
  })
})
