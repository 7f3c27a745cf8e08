import { pino, type Logger } from 'pino'
import { REDACTED, redactSecrets } from './redact.js'
import type { LogLevel } from './types.js'

export interface LoggerOptions {
  level?: LogLevel
  /** Fixed fields on every line, e.g. `{ service: 'worker' }`. */
  bindings?: Record<string, unknown>
  /** Where lines go; stdout by default (pino's production advice: JSON to stdout, no transport). */
  destination?: pino.DestinationStream
}

// Known secret-bearing fields, wherever they sit up to two levels down (req.headers.authorization, config.auth…).
const REDACT_PATHS = [
  'authorization',
  'password',
  'token',
  'auth',
  'cookie',
  '*.authorization',
  '*.password',
  '*.token',
  '*.auth',
  '*.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.*.authorization',
  '*.*.password',
  '*.*.token',
]

/**
 * The pino logger every shell uses. Secrets are removed twice over: known fields by path, and
 * URL passwords or Authorization values anywhere in the finished line (messages, error stacks).
 * @example const log = createLogger({ level: config.logLevel, bindings: { service: 'server' } })
 */
export const createLogger = ({ level = 'info', bindings = {}, destination }: LoggerOptions = {}): Logger => {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid, ...bindings },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: { streamWrite: redactSecrets },
  }
  return destination ? pino(options, destination) : pino(options)
}
