import type { Redis } from 'ioredis'
import { decodeBlob, encodeBlob } from './blob-codec.js'

/**
 * The blob area: intermediate stage output keyed by episode chain, outside job data. Each
 * stage boundary writes one blob and the next stage reads it once, then deletes it once its
 * own output is handed on, so Redis holds only work in flight; the TTL is a safety net for
 * abandoned chains. Kept in Redis rather than the data dir so workers on several machines need
 * no shared disk. The encoding is blob-codec.ts.
 */
export interface BlobArea {
  put(chainId: string, kind: BlobKind, value: unknown): Promise<void>
  get<T>(chainId: string, kind: BlobKind): Promise<T | undefined>
  /** The stored bytes as they are, for a reader that decodes elsewhere (the analysis thread). */
  getRaw(chainId: string, kind: BlobKind): Promise<Buffer | undefined>
  /** Stores bytes already encoded by encodeBlob. */
  putRaw(chainId: string, kind: BlobKind, raw: Buffer): Promise<void>
  delete(chainId: string, ...kinds: BlobKind[]): Promise<void>
  /** Whether the blob is stored, without reading it. */
  has(chainId: string, kind: BlobKind): Promise<boolean>
}

/**
 * What each stage leaves for the next one: a poll batch leaves a changed feed's body (`feed`,
 * under the feed job's id) for the feed job; the poll leaves `episode` for the transcript stage
 * when the episode's transcript file must be fetched, and `source` (the document and what
 * analysis needs to know of the episode) for analyze when its post body is the document; the
 * transcript stage leaves `source` too; analyze leaves `analyzed` (the record) for publish.
 * `published` is publish's small summary, kept (until the TTL) as proof that the chain was
 * published, for a re-run of a publish job whose worker died after dropping its input.
 * `body` (a post body sent through the transcript stage), `transcript`, `turns` and `claims`
 * are what older versions left; they are read only to finish chains such a version left in flight.
 */
export type BlobKind = 'feed' | 'episode' | 'body' | 'source' | 'analyzed' | 'published' | 'transcript' | 'turns' | 'claims'

export const blobKey = (prefix: string, chainId: string, kind: BlobKind): string => `${prefix}:blob:${chainId}:${kind}`

export const createBlobArea = (redis: Redis, prefix: string, ttlSeconds: number, compressMinBytes: number): BlobArea => {
  const putRaw = async (chainId: string, kind: BlobKind, raw: Buffer) => {
    await redis.set(blobKey(prefix, chainId, kind), raw, 'EX', ttlSeconds)
  }
  const getRaw = async (chainId: string, kind: BlobKind) => (await redis.getBuffer(blobKey(prefix, chainId, kind))) ?? undefined
  return {
    putRaw,
    getRaw,
    put: (chainId, kind, value) => putRaw(chainId, kind, encodeBlob(value, compressMinBytes)),
    async get<T>(chainId: string, kind: BlobKind) {
      const raw = await getRaw(chainId, kind)
      return raw === undefined ? undefined : decodeBlob<T>(raw, kind)
    },
    async delete(chainId, ...kinds) {
      if (kinds.length > 0) await redis.del(...kinds.map((k) => blobKey(prefix, chainId, k)))
    },
    has: async (chainId, kind) => (await redis.exists(blobKey(prefix, chainId, kind))) === 1,
  }
}
