// Shell only: fetch and parse live in src/feed; this decides what is new and starts one chain per episode.
import { canonicalJson } from '../src/store/index.js'
import { decodeText, fetchResource, parseFeed, selectTranscript } from '../src/feed/index.js'
import { QUEUE, chainIdOf, defineStage } from '../src/queue/index.js'
import { recordId, sha256Hex } from '../src/record/index.js'
import { handOff, type Deps } from '../pipelines/deps.js'
import { isLocalSource, type EpisodeBlob } from '../pipelines/blob-types.js'

export const feedsStage = defineStage(QUEUE.feeds, (deps: Deps) => async (data, ctx) => {
  const { limits, allowPrivateAddresses } = deps.config
  const cache = data.force ? {} : await deps.feedState.httpCache(data.feedId)
  const fetched = await fetchResource(
    data.feedUrl,
    { timeoutMs: limits.fetchTimeoutMs, maxBytes: limits.feedMaxBytes, maxRedirects: limits.maxRedirects, allowPrivateAddresses, allowFileUrls: true },
    { cache },
  )
  if (fetched.status === 'not-modified') return { found: 0, enqueued: 0, unchanged: 0, notModified: true }

  const feed = parseFeed(decodeText(fetched.body, fetched.contentType), { feedUrl: data.feedUrl, maxItems: limits.maxItemsPerFeed })
  // Identity and change detection use what the feed says about the item: a new body or a new
  // transcript link starts a new chain; a changed file behind the same link is not seen here.
  const versions = feed.episodes.map((ep) => {
    const episodeId = recordId(ep.episode.feedUrl, ep.episode.guid)
    const hash = sha256Hex(canonicalJson({ episode: ep.episode, transcripts: ep.transcripts, body: ep.body, people: ep.people }))
    return { ep, episodeId, hash, chainId: chainIdOf(episodeId, hash) }
  })
  const seen = data.force ? [] : await deps.feedState.seen(data.feedId, versions.map((v) => v.ep.key))
  const fresh = versions.filter((v, i) => seen[i] !== v.hash)

  // Recorded before anything is handed on: a poll re-run after a crash finds these episodes
  // seen and starts nothing, yet ingestOnce must still wait for them.
  await deps.feedState.recordPoll(ctx.jobId, fresh.map((v) => v.chainId))
  for (const { ep, episodeId, chainId } of fresh) {
    // The body travels apart so the transcript stage can drop it: publish needs only the metadata.
    const blob: EpisodeBlob = {
      feedEpisode: { ...ep, body: null },
      link: selectTranscript(ep),
      speakers: data.speakers ?? [],
      allowFileUrls: isLocalSource(data.feedUrl),
    }
    await deps.blobs.put(chainId, 'episode', blob)
    if (ep.body !== null) await deps.blobs.put(chainId, 'body', ep.body)
    await handOff(deps, QUEUE.transcripts, { chainId, episodeId, feedId: data.feedId, feedUrl: data.feedUrl }, chainId)
  }
  // Remembered only after every chain is queued: a crash before this line re-queues, and the
  // deterministic job ids turn that into a no-op rather than a duplicate.
  await deps.feedState.markSeen(data.feedId, fresh.map((v) => [v.ep.key, v.hash] as const))
  await deps.feedState.saveHttpCache(data.feedId, { etag: fetched.etag, lastModified: fetched.lastModified })
  ctx.log.info({ found: versions.length, enqueued: fresh.length, warnings: feed.warnings.length }, 'feed polled')
  return { found: versions.length, enqueued: fresh.length, unchanged: versions.length - fresh.length, notModified: false }
})
