/**
 * The one error type data sources reject with. `code` is machine-readable
 * (WordPress error codes pass through as they are); `message` is for people.
 */
export class AnalyticsError extends Error {
  readonly code: string;
  /** HTTP status where there was one. */
  readonly status: number | undefined;

  constructor(code: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AnalyticsError';
    this.code = code;
    this.status = options.status;
  }

  /** A plain `{ code, message, status }`, the form errors take across a Worker boundary. */
  toJSON(): { code: string; message: string; status?: number } {
    return this.status === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, status: this.status };
  }
}

/** Error codes the library itself raises. */
export const ERROR_CODES = {
  invalidQuery: 'invalid_query',
  closed: 'source_closed',
  aborted: 'aborted',
} as const;

/** The rejection of an aborted call: a DOMException named AbortError, as fetch does. */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}
