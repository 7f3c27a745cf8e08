import { describe, expect, it } from 'vitest'
import { parseFeedDate } from './dates.js'

describe('parseFeedDate', () => {
  it.each([
    { id: 'RFC 822 GMT', raw: 'Fri, 08 Oct 2021 19:18:55 GMT', iso: '2021-10-08T19:18:55.000Z' },
    { id: 'numeric offset', raw: 'Fri, 08 Oct 2021 19:18:55 +0000', iso: '2021-10-08T19:18:55.000Z' },
    { id: 'positive offset', raw: 'Wed, 21 Jan 2026 14:38:48 +0100', iso: '2026-01-21T13:38:48.000Z' },
    { id: 'single-digit day', raw: 'Sat, 2 Jul 2022 10:00:00 GMT', iso: '2022-07-02T10:00:00.000Z' },
    { id: 'Sept', raw: 'Tue, 14 Sept 2021 08:00:00 GMT', iso: '2021-09-14T08:00:00.000Z' },
    { id: 'missing seconds', raw: 'Fri, 2 May 2014 10:10 GMT', iso: '2014-05-02T10:10:00.000Z' },
    { id: 'missing time', raw: 'Sun, 19 Dec 2021', iso: '2021-12-19T00:00:00.000Z' },
    { id: 'UTC', raw: 'Mon, 01 Jan 2024 00:30:00 UTC', iso: '2024-01-01T00:30:00.000Z' },
    { id: 'EST', raw: 'Fri, 09 Oct 2020 04:30:38 EST', iso: '2020-10-09T09:30:38.000Z' },
    { id: 'CET', raw: 'Fri, 09 Oct 2020 12:00:00 CET', iso: '2020-10-09T11:00:00.000Z' },
    { id: 'no weekday, no zone', raw: '09 Oct 2020 12:00:00', iso: '2020-10-09T12:00:00.000Z' },
    { id: 'two-digit year', raw: 'Fri, 09 Oct 20 12:00:00 GMT', iso: '2020-10-09T12:00:00.000Z' },
    { id: 'JS Date.toString()', raw: 'Sat May 16 2020 09:00:57 GMT+0000 (Coordinated Universal Time)', iso: '2020-05-16T09:00:57.000Z' },
    { id: 'JS toString with offset', raw: 'Sat May 16 2020 11:00:57 GMT+0200 (Central European Summer Time)', iso: '2020-05-16T09:00:57.000Z' },
    { id: 'month before day', raw: 'Mon, May 25 2020 10:00:00 GMT', iso: '2020-05-25T10:00:00.000Z' },
    { id: 'German names', raw: 'Mittwoch, 03 Mär 2021 10:00:00 +0100', iso: '2021-03-03T09:00:00.000Z' },
    { id: 'ISO 8601 (Atom)', raw: '2024-03-01T12:00:00+02:00', iso: '2024-03-01T10:00:00.000Z' },
    { id: 'ISO without offset is UTC', raw: '2024-03-01T12:00:00', iso: '2024-03-01T12:00:00.000Z' },
    { id: 'surrounding whitespace', raw: '\n  Fri, 08 Oct 2021 19:18:55 GMT  ', iso: '2021-10-08T19:18:55.000Z' },
  ])('$id', ({ raw, iso }) => {
    expect(parseFeedDate(raw)).toBe(iso)
  })

  it.each([
    { id: 'empty', raw: '' },
    { id: 'words', raw: 'sometime next week' },
    { id: 'unknown month', raw: 'Fri, 08 Foo 2021 19:18:55 GMT' },
    { id: 'unknown zone', raw: 'Fri, 08 Oct 2021 19:18:55 XYZ' },
    { id: 'impossible day', raw: 'Mon, 31 Feb 2022 10:00:00 GMT' },
    { id: 'hour 25', raw: 'Fri, 08 Oct 2021 25:00:00 GMT' },
    { id: 'bad ISO', raw: '2024-13-45T99:00:00Z' },
  ])('$id → null', ({ raw }) => {
    expect(parseFeedDate(raw)).toBeNull()
  })
})
