/**
 * Queue timing knobs. Production uses the defaults; tests shorten them so retries, stall
 * recovery and shutdown take milliseconds instead of minutes. Not in `Config` (env) yet:
 * operators rarely need them, and each is a BullMQ option with a documented default.
 */
export interface QueueTuning {
  /** First retry delay; later ones double, with jitter. @defaultValue 2000 */
  backoffMs: number
  /** Multiplies every queue's default attempts (never below 3). @defaultValue undefined */
  attempts?: number
  /** How long a worker's job lock lives without renewal. @defaultValue 30000 (BullMQ's) */
  lockDurationMs: number
  /** How often workers look for jobs whose lock lapsed (crashed worker). @defaultValue 30000 */
  stalledIntervalMs: number
  /**
   * Stalls allowed before a job fails. @defaultValue 2 (BullMQ's is 1; one extra lets a job survive
   * a worker crash and a Redis restart in a row, and analysis runs off the event loop that renews locks)
   */
  maxStalledCount: number
  /**
   * How long a worker waits before fetching again after a Redis error. @defaultValue 2000
   * (BullMQ's 15000 turns a one-second Redis restart into fifteen idle seconds; a retry is one cheap command)
   */
  runRetryDelayMs: number
  /**
   * Longest analysis may run on one job before its thread is stopped and the job fails for
   * good: a document that hangs the reader, the splitter or the extractor would hang it again.
   * @defaultValue 300000 (the seed takes well under a second)
   */
  cpuStageTimeoutMs: number
  /** Lifetime of intermediate data in the blob area; a safety net, since each stage deletes what it read. @defaultValue 172800 (2 days) */
  blobTtlSeconds: number
  /** How long shutdown waits for in-flight jobs before giving them back to the queue. @defaultValue 10000 */
  shutdownGraceMs: number
  /** Events kept per queue stream (queue.md §7 item 9: ≤ 1000). @defaultValue 1000 */
  eventsMaxLen: number
}

export const DEFAULT_TUNING: Readonly<QueueTuning> = Object.freeze({
  backoffMs: 2_000,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 2,
  runRetryDelayMs: 2_000,
  cpuStageTimeoutMs: 300_000,
  blobTtlSeconds: 2 * 86_400,
  shutdownGraceMs: 10_000,
  eventsMaxLen: 1_000,
})

export const withTuning = (partial: Partial<QueueTuning> = {}): QueueTuning => ({ ...DEFAULT_TUNING, ...partial })
