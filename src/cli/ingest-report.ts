import type { EpisodeOutcome, IngestResult } from '../../pipelines/ingest-once.js'

const line = (e: EpisodeOutcome): string => {
  const f = e.failure
  switch (e.status) {
    case 'failed':
      if (!f) return `  failed ${e.episodeId}`
      if (f.stage === 'feeds') return `  failed ${e.episodeId}: ${f.reason}`
      return `  failed ${e.episodeId} at ${f.stage} after ${f.attemptsMade} attempt(s)${f.earlier ? ', in an earlier run (--force tries again)' : ''}: ${f.reason}`
    case 'in-progress':
      return `  in progress ${e.episodeId} at ${e.stage ?? 'transcripts'} (${e.jobState ?? 'waiting'})${e.lastError ? `, retrying after: ${e.lastError}` : ''}`
    case 'published':
      return `  published ${e.episodeId}`
    case 'unchanged':
      return `  unchanged ${e.episodeId} (the stores hold its current record)`
  }
}

/**
 * What `podpipe ingest` prints when it ends: the counts, one line per episode (failures and
 * work in progress first), feed warnings, and why it stopped waiting if it did.
 *
 * @example for (const l of ingestReport('feed.xml', result, 60)) console.error(l)
 */
export const ingestReport = (feed: string, result: IngestResult, timeoutSeconds?: number): string[] => {
  const lines = [
    `podpipe: ${feed}: ${result.found} episodes, ${result.unchanged} unchanged, ${result.published} published, ${result.failed} failed, ${result.inProgress} in progress`,
    ...result.episodes.map(line),
    ...result.warnings.map((w) => `podpipe: warning: ${w}`),
  ]
  if (result.notModified) {
    lines.push(`podpipe: ${feed} answered 304 Not Modified: only the episodes it remembers for transcript rechecks were looked at (--force reads every item)`)
  }
  if (result.gaveUp) {
    lines.push(`podpipe: stopped waiting after ${timeoutSeconds ?? '?'} s with ${result.inProgress} episode(s) not done: ${result.gaveUp}`)
  }
  return lines
}
