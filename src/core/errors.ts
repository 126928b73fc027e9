/**
 * @module core/errors
 * Typed errors: every failure is classified once, where it happens, into a `code` that callers match on
 * (never on message text), with the original error kept as `cause`.
 */

export type LedeErrorCode =
  // pull: HTTP and network
  | 'timeout'
  | 'network'
  | 'http-status'
  | 'too-large'
  | 'too-many-redirects'
  | 'off-host-redirect'
  | 'off-host-link'
  | 'bad-content-type'
  | 'bad-charset'
  // a body cut short (shorter than its Content-Length, a compressed stream that ends early) or whose
  // Content-Encoding does not decode: never read as if it were the whole page
  | 'truncated'
  | 'bad-encoding'
  // the process is stopping (SIGTERM): the fetch was cut short, the article stays pending
  | 'aborted'
  // pull: source parsing
  | 'malformed-source'
  // extract
  | 'no-article'
  // a local file named on the command line (`npm run extract -- saved.html`)
  | 'not-found'
  // the store: the database file is full, read-only, locked, corrupted (src/store/sqlite-errors.ts)
  | 'storage'
  // configuration
  | 'invalid-definition'
  | 'invalid-config';

/** The one error type Lede raises on purpose. */
export class LedeError extends Error {
  readonly code: LedeErrorCode;
  /** HTTP status, for `http-status`. */
  readonly status?: number;
  /** Seconds the server asked us to wait (Retry-After), for 429/503. */
  readonly retryAfter?: number;

  constructor(
    code: LedeErrorCode,
    message: string,
    options: { cause?: unknown; status?: number | undefined; retryAfter?: number | undefined } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'LedeError';
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

/** Narrow an unknown thrown value to a LedeError, wrapping anything else as `network`. */
export function toLedeError(error: unknown): LedeError {
  if (error instanceof LedeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LedeError('network', message, { cause: error });
}
