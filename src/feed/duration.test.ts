import { describe, expect, it } from 'vitest'
import { parseDuration } from './duration.js'

describe('parseDuration', () => {
  it.each([
    { id: 'seconds', raw: '4385', seconds: 4385 },
    { id: 'fractional seconds', raw: '1014.708375', seconds: 1014.708375 },
    { id: 'MM:SS', raw: '07:00', seconds: 420 },
    { id: 'M:SS', raw: '7:05', seconds: 425 },
    { id: 'minutes past an hour without hours', raw: '75:30', seconds: 4530 },
    { id: 'HH:MM:SS with leading zeros', raw: '00:16:00', seconds: 960 },
    { id: 'H:MM:SS', raw: '1:05:20', seconds: 3920 },
    { id: 'fractional H:MM:SS', raw: '1:00:00.5', seconds: 3600.5 },
    { id: 'whitespace', raw: ' 52:38 ', seconds: 3158 },
    { id: 'number already parsed', raw: 2238, seconds: 2238 },
  ])('$id', ({ raw, seconds }) => {
    expect(parseDuration(raw)).toBe(seconds)
  })

  it.each([
    { id: 'empty', raw: '' },
    { id: 'words', raw: 'about an hour' },
    { id: 'seconds over 59', raw: '10:75' },
    { id: 'minutes over 59 with hours', raw: '1:75:00' },
    { id: 'negative', raw: -5 },
    { id: 'NaN', raw: Number.NaN },
    { id: 'missing', raw: undefined },
  ])('$id → null', ({ raw }) => {
    expect(parseDuration(raw)).toBeNull()
  })
})
