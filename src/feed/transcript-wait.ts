import { PodpipeError } from '../errors/index.js'
import { HttpStatusError } from './fetch.js'

/**
 * A `podcast:transcript` link that answers 404 or 410 soon after its episode came out is taken
 * to be not published yet: hosts put the tag in the feed before the file reaches their CDN, or
 * generate the transcript after the audio. Within `waitS` of the episode's date the failure is
 * transient, so the chain fails after its retries and the next poll of the feed starts it again.
 * Past that, or for an undated episode, the link is broken and the failure stays permanent, so a
 * feed of dead links is not fetched again at every poll. Undefined when `err` stays as it is.
 *
 * @example
 * transcriptNotYetThere(http404, '2026-12-01T08:00:00Z', new Date('2026-12-01T10:00:00Z'), 172_800)?.permanent // false
 */
export const transcriptNotYetThere = (err: unknown, publishedAt: string | null, now: Date, waitS: number): PodpipeError | undefined => {
  if (!(err instanceof HttpStatusError) || (err.status !== 404 && err.status !== 410) || !publishedAt || waitS <= 0) return undefined
  const ageS = (now.getTime() - Date.parse(publishedAt)) / 1000
  if (!(ageS < waitS)) return undefined
  const hours = Math.max(0, Math.floor(ageS / 3600))
  return new PodpipeError('HTTP_STATUS', `HTTP ${err.status}, ${hours} h after the episode's date: the transcript may not be published yet, so the next poll of the feed asks again, until ${Math.round(waitS / 3600)} h after that date (PODPIPE_TRANSCRIPT_WAIT_S)`, {
    input: err.input, permanent: false, cause: err,
  })
}
