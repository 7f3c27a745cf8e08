import { describe, expect, it } from 'vitest'
import { PodpipeError } from '../errors/index.js'
import { HttpStatusError } from './fetch.js'
import { transcriptNotYetThere } from './transcript-wait.js'

const URL = 'https://host.example/ep/transcript.vtt'
const status = (code: number) => new HttpStatusError(code, `HTTP ${code}`, { input: URL, permanent: code !== 503 })
const NOW = new Date('2026-12-01T12:00:00Z')
const TWO_DAYS = 172_800

describe('transcriptNotYetThere', () => {
  it.each([
    { id: '404, two hours after the date', err: status(404), date: '2026-12-01T10:00:00Z', waits: true },
    { id: '410, a day after', err: status(410), date: '2026-11-30T12:00:00Z', waits: true },
    { id: 'an episode dated ahead of now (scheduled)', err: status(404), date: '2026-12-02T12:00:00Z', waits: true },
    { id: '404, just past the wait', err: status(404), date: '2026-11-29T11:59:59Z', waits: false },
    { id: '404 of an undated episode', err: status(404), date: null, waits: false },
    { id: '404 with an unreadable date', err: status(404), date: 'not a date', waits: false },
    { id: '403: the host refuses, it is not missing', err: status(403), date: '2026-12-01T10:00:00Z', waits: false },
    { id: '503: transient already', err: status(503), date: '2026-12-01T10:00:00Z', waits: false },
    { id: 'a malformed file', err: new PodpipeError('MALFORMED', 'bad cue', { input: URL }), date: '2026-12-01T10:00:00Z', waits: false },
  ])('$id: waits $waits', ({ err, date, waits }) => {
    const found = transcriptNotYetThere(err, date, NOW, TWO_DAYS)
    expect(found !== undefined).toBe(waits)
    if (!found) return
    expect(found.permanent).toBe(false)
    expect(found.message).toMatch(new RegExp(`^${URL}: HTTP 4\\d\\d, \\d+ h after the episode's date: the transcript may not be published yet`))
    expect(found.message).toContain('until 48 h after that date (PODPIPE_TRANSCRIPT_WAIT_S)')
  })

  it('waits for nothing when the setting is 0, even for an episode dated ahead', () => {
    expect(transcriptNotYetThere(status(404), '2026-12-02T12:00:00Z', NOW, 0)).toBeUndefined()
  })
})
