// Shell only: signing and sending are src/webhook's; which attempt waits how long is its backoff's.
import { PodpipeError } from '../src/errors/index.js'
import { QUEUE, defineStage } from '../src/queue/index.js'
import { PIPELINE_VERSION } from '../src/record/index.js'
import { deliverWebhook, webhookBackoff, webhookBody } from '../src/webhook/index.js'
import type { Deps } from '../src/stage/index.js'

export const webhookStage = defineStage(QUEUE.webhook, (deps: Deps) => async (data, ctx) => {
  const webhook = deps.config.webhook
  // startWorkers runs this worker only where PODPIPE_WEBHOOK_URL is set; anywhere else the job waits for one.
  if (!webhook) throw new PodpipeError('CONFIG', 'PODPIPE_WEBHOOK_URL is not set in this worker process', { permanent: false })
  const { status, ms } = await deliverWebhook(webhook.url, { id: ctx.jobId, body: webhookBody(data), secret: webhook.secret }, {
    timeoutMs: webhook.timeoutMs,
    maxResponseBytes: webhook.maxResponseBytes,
    userAgent: `podpipe/${PIPELINE_VERSION}`,
    now: deps.now,
  })
  return { recordId: data.recordId, change: data.change, status, ms }
}, { backoffStrategy: webhookBackoff })
