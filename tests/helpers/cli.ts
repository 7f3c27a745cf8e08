import { spawn } from 'node:child_process'
import { REPO } from './pipeline-env.js'
import { entryArgs } from './entry.js'

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  /** Added to this process's environment. */
  env?: Record<string, string>
  /** Written to the child's stdin, which is then closed; without it stdin is ignored. */
  stdin?: string | Buffer
  /** SIGTERM after this long, for commands that would otherwise keep running. @defaultValue 60000 */
  killAfterMs?: number
}

/** `podpipe ARGS` as a user runs it: a real process from the source tree, its output and exit status. */
export const runPodpipe = (args: readonly string[], { env = {}, stdin, killAfterMs = 60_000 }: CliOptions = {}): Promise<CliRun> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [...entryArgs('src/cli.ts'), ...args], {
      cwd: REPO, env: { ...process.env, ...env }, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    // Decoded by the stream, so a character split across two chunks arrives whole.
    child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    if (stdin !== undefined) child.stdin?.end(stdin)
    const timer = setTimeout(() => child.kill('SIGTERM'), killAfterMs)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
