import { PodpipeError } from '../errors/index.js'
import { jobId, type BlobKind, type JobData, type QueueName } from '../queue/index.js'
import type { Deps } from './deps.js'

/**
 * Reads a stage's input blob. When it is gone and the next stage's job exists, this job already
 * handed on and deleted it before a crash kept it from completing: the re-run is a no-op.
 * Otherwise the data is missing for real, which retrying cannot fix.
 */
export const readInput = async <T>(deps: Deps, data: JobData['analyze'], kind: BlobKind, next: QueueName): Promise<T | 'done'> => {
  const blob = await deps.blobs.get<T>(data.chainId, kind)
  if (blob !== undefined) return blob
  if (await deps.queues[next].getJob(jobId(next, data.chainId))) return 'done'
  throw new PodpipeError('MALFORMED', `the ${kind} data of this chain has expired; poll the feed again`, { input: data.episodeId })
}
