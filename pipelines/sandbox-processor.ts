/**
 * The BullMQ sandboxed processor for CPU-bound stages (turns, claims). BullMQ forks this file;
 * the child rebuilds its own deps from PODPIPE_SANDBOX (set by the parent), once per child,
 * and runs the same stage code with the same validation and retry decision as in-process.
 */
import type { SandboxedJob } from 'bullmq'
import type { Config } from '../src/config/index.js'
import { createLogger } from '../src/config/index.js'
import { runJob, type QueueName, type QueueTuning, type Stage } from '../src/queue/index.js'
import { createDeps, type Deps } from '../src/stage/index.js'

/**
 * Only the sandboxed stages, imported on demand: a child loads its own stage's code (and, for
 * claims, the NLP data) and nothing else, which keeps the fork's cold start short.
 */
const SANDBOXED: Partial<{ [Q in QueueName]: () => Promise<Stage<Q, Deps>> }> = {
  turns: async () => (await import('../workers/turns.js')).turnsStage,
  claims: async () => (await import('../workers/claims.js')).claimsStage,
}

export interface SandboxEnv {
  config: Config
  tuning: QueueTuning
  queue: QueueName
}

export const SANDBOX_ENV = 'PODPIPE_SANDBOX'

let ready: Promise<{ deps: Deps; env: SandboxEnv }> | undefined

const init = () => {
  ready ??= (async () => {
    // A worker killed with SIGKILL cannot stop its children; without this they would live on
    // as orphans holding Redis connections. The IPC channel closing is the only sign we get.
    process.once('disconnect', () => process.exit(0))
    const raw = process.env[SANDBOX_ENV]
    if (!raw) throw new Error(`${SANDBOX_ENV} is not set: this file is started by BullMQ for a sandboxed worker, not directly`)
    const env = JSON.parse(raw) as SandboxEnv
    const log = createLogger({ level: env.config.logLevel, bindings: { service: 'worker', sandbox: env.queue } })
    return { env, deps: await createDeps(env.config, { tuning: env.tuning, log }) }
  })()
  return ready
}

export default async function sandboxedStage(job: SandboxedJob) {
  const { deps, env } = await init()
  const run = async <Q extends QueueName>(queue: Q) => {
    const load = SANDBOXED[queue]
    if (!load) throw new Error(`queue "${queue}" has no sandboxed stage`)
    return runJob(queue, (await load()).create(deps), job, deps.log)
  }
  return run(env.queue)
}
