import { constants, gunzipSync, gzipSync } from 'node:zlib'
import type { Redis } from 'ioredis'

// Level 1: at the default level 6, gzip+gunzip took ~12 ms of CPU per episode across stages
// (cpu profile of `npm run bench -- pipeline`) for short-lived text; gunzip reads either level.
const GZIP = { level: constants.Z_BEST_SPEED }

/**
 * The blob area: intermediate stage output (paragraphs, turns, extraction) keyed by episode
 * chain, outside job data. Each consumer deletes what it read once its own output is handed
 * on, so Redis holds only work in flight; the TTL is a safety net for abandoned chains.
 * Kept in Redis rather than the data dir so workers on several machines need no shared disk;
 * gzipped, because transcripts and turns are text that shrinks several times over.
 */
export interface BlobArea {
  put(chainId: string, kind: BlobKind, value: unknown): Promise<void>
  get<T>(chainId: string, kind: BlobKind): Promise<T | undefined>
  delete(chainId: string, ...kinds: BlobKind[]): Promise<void>
}

/**
 * What each stage leaves for the next one; `body` is the post body, dropped after the transcript
 * stage. `published` is publish's small summary, kept (until the TTL) as proof that the chain was
 * published, for a re-run of a publish job whose worker died after dropping its input.
 */
export type BlobKind = 'episode' | 'body' | 'transcript' | 'turns' | 'claims' | 'published'

export const blobKey = (prefix: string, chainId: string, kind: BlobKind): string => `${prefix}:blob:${chainId}:${kind}`

export const createBlobArea = (redis: Redis, prefix: string, ttlSeconds: number): BlobArea => ({
  async put(chainId, kind, value) {
    await redis.set(blobKey(prefix, chainId, kind), gzipSync(JSON.stringify(value), GZIP), 'EX', ttlSeconds)
  },
  async get<T>(chainId: string, kind: BlobKind) {
    const raw = await redis.getBuffer(blobKey(prefix, chainId, kind))
    return raw === null ? undefined : (JSON.parse(gunzipSync(raw).toString('utf8')) as T)
  },
  async delete(chainId, ...kinds) {
    if (kinds.length > 0) await redis.del(...kinds.map((k) => blobKey(prefix, chainId, k)))
  },
})
