#!/usr/bin/env node
/**
 * The `podpipe` command: a thin shell over the core (analyze), the queue runtime
 * (start, worker, scheduler, ingest, serve) and the query layer (export, claims). Errors print
 * one clear line, never a stack trace, unless PODPIPE_DEBUG=1.
 */
import { inspect } from 'node:util'
import { Command } from 'commander'
import { redactSecrets } from './config/redact.js'
import { isPodpipeError } from './errors/index.js'
import { PIPELINE_VERSION } from './record/version.js'
import { registerAnalyze } from './cli/analyze.js'
import { registerRun } from './cli/run.js'
import { registerFeeds } from './cli/feeds.js'
import { registerExport } from './cli/export.js'
import { registerClaims } from './cli/claims.js'

const fail = (err: unknown): never => {
  // The last line of defence for secrets: a message or cause may quote a REDIS_URL or DATABASE_URL.
  if (process.env.PODPIPE_DEBUG === '1') console.error(redactSecrets(inspect(err)))
  const message = err instanceof Error ? err.message : String(err)
  console.error(`podpipe: ${redactSecrets(message)}`)
  process.exit(isPodpipeError(err) ? 2 : 1)
}

// `podpipe config | head -3`: a reader that stops early is the user's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0)
    fail(err)
  })
}

const program = new Command()
  .name('podpipe')
  .description('Turns podcast feeds and transcripts into structured JSON records: speaker turns, policy claims, entities.')
  .version(PIPELINE_VERSION)
  .showHelpAfterError('(add --help for usage)')
  // Usage errors exit 2 like input errors; commander has already printed the message.
  // Set before the subcommands are added so they inherit it.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))

registerAnalyze(program)
registerRun(program)
registerFeeds(program)
registerExport(program)
registerClaims(program)

program.parseAsync(process.argv).catch(fail)
