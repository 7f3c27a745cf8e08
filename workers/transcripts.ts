// Shell only: fetching is src/feed; reading the document is analysis (workers/analyze.ts).
import { performance } from 'node:perf_hooks'
import { fetchResource, transcriptNotYetThere, type FetchResult } from '../src/feed/index.js'
import { PodpipeError } from '../src/errors/index.js'
import { QUEUE, defineStage } from '../src/queue/index.js'
import { sha256Hex } from '../src/record/index.js'
import { formatOfMime } from '../src/transcript/index.js'
import { bodySource, handOff, readInput, type Deps, type EpisodeBlob, type SourceBlob } from '../src/stage/index.js'

const ms = (since: number) => Math.round((performance.now() - since) * 100) / 100

/** Ends a recheck chain: the published record stands, and the data written for the chain goes. */
const endRecheck = async (deps: Deps, chainId: string, reason: string) => {
  await deps.blobs.delete(chainId, 'episode')
  return { unchanged: true, reason }
}

export const transcriptsStage = defineStage(QUEUE.transcripts, (deps: Deps) => async (data, ctx) => {
  const blob = await readInput<EpisodeBlob>(deps, data, 'episode', QUEUE.analyze)
  if (blob === 'done') return { skipped: 'already handed on' }
  const { limits, allowPrivateAddresses } = deps.config
  const { feedEpisode: ep, link } = blob
  const body = link || !ep.bodySource ? undefined : await readInput<string>(deps, data, 'body', QUEUE.analyze)
  if (body === 'done') return { skipped: 'already handed on' }
  const started = performance.now()
  let source: SourceBlob
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
      // notes would look complete while missing every turn. A new episode fails with the reason
      // (one just out may wait for its file); a recheck keeps the published record and asks again
      // at the next poll.
      if (!data.recheck) throw transcriptNotYetThere(err, ep.episode.publishedAt, deps.now(), limits.transcriptWaitS) ?? err
      const reason = `recheck failed, record kept: ${err instanceof Error ? err.message : String(err)}`
      ctx.log.warn({ episodeId: data.episodeId, url: link.url, err }, 'transcript recheck failed; the published record stands')
      return endRecheck(deps, data.chainId, reason)
    }
    if (fetched.status !== 'ok') {
      if (data.recheck) return endRecheck(deps, data.chainId, 'transcript not modified (304)')
      throw new PodpipeError('FETCH_FAILED', 'unexpected 304 for an unconditional request', { input: link.url, permanent: false })
    }
    if (data.recheck && memo?.sha256 === sha256Hex(fetched.body)) return endRecheck(deps, data.chainId, 'transcript content unchanged (same sha256)')
    source = {
      feedEpisode: ep,
      speakers: blob.speakers,
      content: fetched.body,
      read: {
        // Detected from the bytes, as `podpipe analyze` does, with a declared type as the hint:
        // the feed's when it names a format (the publisher's word on the file), else the host's
        // (hosts send text/plain or application/octet-stream for any file, and an error page as
        // text/html).
        format: 'auto', fileName: link.url, contentType: formatOfMime(link.type) ? link.type : (fetched.contentType ?? link.type),
        maxBytes: limits.transcriptMaxBytes, input: link.url,
      },
      transcript: { source: 'podcast:transcript', url: link.url },
      // Absent ones stay undefined: saveTranscript keeps only the validators the host sent.
      validators: { etag: fetched.etag, lastModified: fetched.lastModified },
      stageMs: { transcript: ms(started) },
    }
  } else {
    // Queued by a version that sent post bodies through this stage; new polls hand them to analyze.
    source = bodySource(ep, body ?? null, blob.speakers, data.episodeId, limits.transcriptMaxBytes)
  }
  await deps.blobs.put(data.chainId, 'source', source)
  const { recheck: _recheck, ...next } = data
  await handOff(deps, QUEUE.analyze, next, data.chainId)
  await deps.blobs.delete(data.chainId, 'episode', 'body')
  return { source: source.transcript.source, bytes: typeof source.content === 'string' ? Buffer.byteLength(source.content) : source.content?.byteLength ?? 0, ...(data.recheck ? { changed: true } : {}) }
})
