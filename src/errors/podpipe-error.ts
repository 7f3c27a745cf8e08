/**
 * The one error type the core throws. It carries a stable `code`, the `input` it is about
 * (a file path, URL or episode id) and whether retrying can ever help. Errors cross the
 * worker/Redis boundary as plain objects, so callers test `name`/`code`, not only `instanceof`.
 */
export type ErrorCode =
  | 'EMPTY_INPUT'
  | 'BINARY_INPUT'
  | 'TOO_LARGE'
  | 'UNKNOWN_FORMAT'
  | 'MALFORMED'
  | 'NOT_A_FEED'
  | 'FETCH_FAILED'
  | 'HTTP_STATUS'
  | 'TIMEOUT'
  | 'TOO_MANY_REDIRECTS'
  | 'FORBIDDEN_ADDRESS'
  | 'FORBIDDEN_SCHEME'
  | 'STORE_FAILED'
  | 'CONFIG'

export interface PodpipeErrorOptions {
  /** The file, URL, feed or episode the error is about. */
  input?: string
  /** True when retrying the same input can never succeed. Defaults to true. */
  permanent?: boolean
  cause?: unknown
}

/**
 * `input: message`, unless the message already starts with the input: a message built on
 * another that named it must not name it twice (`FILE: FILE: not valid UTF-8`).
 * @example withInput('a.vtt', 'a.vtt: empty') // 'a.vtt: empty'
 */
export const withInput = (input: string | undefined, message: string): string =>
  !input || message.startsWith(`${input}: `) ? message : `${input}: ${message}`

export class PodpipeError extends Error {
  override readonly name = 'PodpipeError'
  readonly code: ErrorCode
  readonly input: string | undefined
  readonly permanent: boolean

  constructor(code: ErrorCode, message: string, options: PodpipeErrorOptions = {}) {
    super(withInput(options.input, message), { cause: options.cause })
    this.code = code
    this.input = options.input
    this.permanent = options.permanent ?? true
  }
}

export const isPodpipeError = (err: unknown): err is PodpipeError =>
  err instanceof PodpipeError || (err instanceof Error && err.name === 'PodpipeError')

/** Whether retrying can help: permanent core errors no, anything unexpected (network, store) yes. */
export const isPermanent = (err: unknown): boolean => isPodpipeError(err) && err.permanent
