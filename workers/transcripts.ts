// Shell only: fetching is src/feed, reading any format into paragraphs is src/transcript.
import { performance } from 'node:perf_hooks'
import { fetchResource, type FetchResult } from '../src/feed/index.js'
import { PodpipeError, isPermanent } from '../src/errors/index.js'
import { QUEUE, defineStage, type HttpCache } from '../src/queue/index.js'
import { sha256Hex, type Transcript } from '../src/record/index.js'
import { readTranscript, type ReadResult } from '../src/transcript/index.js'
import { handOff, type Deps, readInput, type EpisodeBlob, type TranscriptBlob } from '../src/stage/index.js'

const ms = (since: number) => Math.round((performance.now() - since) * 100) / 100

/** Ends a recheck chain: the published record stands, and the data written for the chain goes. */
const endRecheck = async (deps: Deps, chainId: string, reason: string) => {
  await deps.blobs.delete(chainId, 'episode')
  return { unchanged: true, reason }
}

export const transcriptsStage = defineStage(QUEUE.transcripts, (deps: Deps) => async (data, ctx) => {
  const blob = await deps.blobs.get<EpisodeBlob>(data.chainId, 'episode')
  if (!blob) throw new PodpipeError('MALFORMED', 'the episode data of this chain has expired or was never written; poll the feed again', { input: data.episodeId })
  const { limits, allowPrivateAddresses } = deps.config
  const { feedEpisode: ep, link } = blob
  const body = link || !ep.bodySource ? undefined : await readInput<string>(deps, data, 'body', QUEUE.turns)
  if (body === 'done') return { skipped: 'already handed on' }
  const started = performance.now()
  let read: ReadResult | undefined
  let transcript: Transcript
  let validators: HttpCache | undefined
  if (link) {
    const memo = data.recheck ? (await deps.feedState.transcripts(data.feedId, [ep.key], [link.url]))[0] : undefined
    let fetched: FetchResult
    try {
      fetched = await fetchResource(link.url, {
        timeoutMs: limits.fetchTimeoutMs, maxBytes: limits.transcriptMaxBytes, maxRedirects: limits.maxRedirects,
        allowPrivateAddresses, allowFileUrls: blob.allowFileUrls,
      }, memo ? { cache: memo } : {})
    } catch (err) {
      // No fallback to the post body when the transcript link fails: a record built from show
      // notes would look complete while missing every turn. A new episode fails with the reason;
      // a recheck keeps the published record and asks again at the next poll.
      if (!data.recheck) throw err
      const reason = `recheck failed, record kept: ${err instanceof Error ? err.message : String(err)}`
      ctx.log.warn({ episodeId: data.episodeId, url: link.url, err }, 'transcript recheck failed; the published record stands')
      return endRecheck(deps, data.chainId, reason)
    }
    if (fetched.status !== 'ok') {
      if (data.recheck) return endRecheck(deps, data.chainId, 'transcript not modified (304)')
      throw new PodpipeError('FETCH_FAILED', 'unexpected 304 for an unconditional request', { input: link.url, permanent: false })
    }
    const sha256 = sha256Hex(fetched.body)
    if (data.recheck && memo?.sha256 === sha256) return endRecheck(deps, data.chainId, 'transcript content unchanged (same sha256)')
    // Absent ones stay undefined: saveTranscript keeps only the validators the host sent.
    validators = { etag: fetched.etag, lastModified: fetched.lastModified }
    try {
      read = readTranscript(fetched.body, {
        format: link.format ?? 'auto', fileName: link.url, contentType: fetched.contentType ?? link.type,
        maxBytes: limits.transcriptMaxBytes, input: link.url,
      })
    } catch (err) {
      // Remembered as the version last processed, so rechecks skip this broken file until the
      // publisher replaces it, and then process the fixed one.
      if (isPermanent(err)) await deps.feedState.saveTranscript(data.feedId, ep.key, { url: link.url, sha256, ...validators })
      throw err
    }
    transcript = { source: 'podcast:transcript', format: read.format, url: link.url, sha256, wordCount: 0 }
  } else if (body && ep.bodySource) {
    read = readTranscript(body, { format: 'html', maxBytes: limits.transcriptMaxBytes, input: `${data.episodeId} (${ep.bodySource})` })
    transcript = { source: ep.bodySource, format: read.format, url: null, sha256: sha256Hex(body), wordCount: 0 }
  } else {
    transcript = { source: 'none', format: null, url: null, sha256: null, wordCount: 0 }
  }
  const out: TranscriptBlob = {
    paragraphs: read?.paragraphs ?? [],
    transcript,
    ...(validators ? { validators } : {}),
    warnings: read?.warnings ?? [],
    stageMs: { transcript: ms(started) },
  }
  await deps.blobs.put(data.chainId, 'transcript', out)
  const { recheck: _recheck, ...next } = data
  await handOff(deps, QUEUE.turns, next, data.chainId)
  await deps.blobs.delete(data.chainId, 'body')
  return { format: transcript.format, source: transcript.source, paragraphs: out.paragraphs.length, ...(data.recheck ? { changed: true } : {}) }
})
