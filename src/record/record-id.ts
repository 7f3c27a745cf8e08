import { createHash } from 'node:crypto'

/**
 * The record id: stable for one episode of one feed, whatever else changes, and safe as a
 * file name, a SQL key and a BullMQ job-id part (no ':'). Two feeds that reuse a guid stay apart.
 */
export const recordId = (feedUrl: string | null, guid: string): string =>
  'ep-' + createHash('sha256').update(`${feedUrl ?? ''}\n${guid.trim()}`).digest('hex').slice(0, 24)

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex')
