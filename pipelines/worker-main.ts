/**
 * A worker process: `node --import tsx pipelines/worker-main.ts` (source) or the built
 * dist/pipelines/worker-main.js. Configuration comes from the environment (loadConfig);
 * PODPIPE_QUEUES picks queues (comma list, default all); PODPIPE_QUEUE_TUNING (JSON, see
 * QueueTuning) shortens timings for tests; PODPIPE_PG_SCHEMA names the PostgreSQL schema.
 */
import { loadConfig } from '../src/config/index.js'
import { ALL_QUEUES, type QueueName, type QueueTuning } from '../src/queue/index.js'
import { onShutdown, startWorkers } from './runtime.js'

const config = loadConfig(process.env)
const queues = process.env.PODPIPE_QUEUES
  ? process.env.PODPIPE_QUEUES.split(',').map((q) => q.trim()).filter((q): q is QueueName => (ALL_QUEUES as readonly string[]).includes(q))
  : ALL_QUEUES
const tuning = process.env.PODPIPE_QUEUE_TUNING ? (JSON.parse(process.env.PODPIPE_QUEUE_TUNING) as Partial<QueueTuning>) : {}
const running = await startWorkers(config, queues, {
  tuning,
  ...(process.env.PODPIPE_PG_SCHEMA ? { postgresSchema: process.env.PODPIPE_PG_SCHEMA } : {}),
})
onShutdown(running.close)
// A parent process (test, supervisor) waits for this line before relying on the workers.
process.stdout.write(`podpipe workers ready ${queues.join(',')}\n`)
