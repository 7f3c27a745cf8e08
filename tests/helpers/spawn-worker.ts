import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Config } from '../../src/config/index.js'
import type { QueueTuning } from '../../src/queue/index.js'
import { REPO } from './pipeline-env.js'
import { entryArgs } from './entry.js'

/**
 * Resolves once the worker process prints its "workers ready" line, read line by line: a chunk
 * of its output may end inside that line.
 */
export const workersReady = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => { if (line.includes('workers ready')) resolve() })
  })

/**
 * A worker process as production runs it (pipelines/worker-main.ts), on a test's prefix, data
 * dir and timings; `env` adds to or overrides that. It joins `children` at once, so the test's
 * clean-up kills it even when it never got ready. Resolves once it says its workers are ready.
 * PODPIPE_TEST_LOG=debug shows its logs.
 */
export const spawnWorker = async (
  children: ChildProcess[],
  config: Pick<Config, 'redisUrl' | 'queuePrefix' | 'dataDir'>,
  tuning: Partial<QueueTuning>,
  env: Record<string, string> = {},
): Promise<ChildProcess> => {
  const child = spawn(process.execPath, entryArgs('pipelines/worker-main.ts'), {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      REDIS_URL: config.redisUrl,
      PODPIPE_QUEUE_PREFIX: config.queuePrefix,
      PODPIPE_DATA_DIR: config.dataDir,
      PODPIPE_STORES: 'file',
      PODPIPE_ALLOW_PRIVATE_ADDRESSES: 'true',
      LOG_LEVEL: process.env.PODPIPE_TEST_LOG ?? 'silent',
      PODPIPE_QUEUE_TUNING: JSON.stringify(tuning),
      ...env,
    },
  })
  children.push(child)
  let timer: NodeJS.Timeout | undefined
  await new Promise<void>((resolve, reject) => {
    if (process.env.PODPIPE_TEST_LOG) child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk))
    void workersReady(child).then(resolve)
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)))
    timer = setTimeout(() => reject(new Error('worker not ready within 60 s')), 60_000)
  }).finally(() => clearTimeout(timer))
  return child
}
