import type { JobData } from '../queue/index.js'

/**
 * The JSON body of one notice, in the Standard Webhooks shape (`type`, `timestamp`, `data`).
 * It names the record; consumers read the record itself from a store or the HTTP API. The
 * same delivery sends the same bytes on every attempt.
 */
export interface WebhookPayload {
  type: 'record.created' | 'record.updated'
  /** When the record was published (the delivery job was added). */
  timestamp: string
  data: {
    id: string
    /** recordContentHash: sha256 of the record without provenance.processedAt/stageMs. */
    hash: string
    schemaVersion: string
    change: 'created' | 'updated'
  }
}

/** @example webhookBody(job.data) // '{"type":"record.created","timestamp":"…","data":{"id":"ep-…",…}}' */
export const webhookBody = (job: JobData['webhook']): string => {
  const payload: WebhookPayload = {
    type: `record.${job.change}`,
    timestamp: job.publishedAt,
    data: { id: job.recordId, hash: job.hash, schemaVersion: job.schemaVersion, change: job.change },
  }
  return JSON.stringify(payload)
}
