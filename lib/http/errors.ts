/**
 * The one error type of the HTTP surface. Domain code throws `ApiError`s (or lets unexpected errors
 * escape); `toErrorResponse` in ./respond.ts is the only place that turns any error into a response.
 */

/** Stable, machine-readable error codes. Clients branch on these, never on `detail` text. */
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  QUERY_NOT_ALLOWED: 400,
  INVALID_WRITE: 400,
  QUERY_NOT_SUPPORTED: 400,
  UNKNOWN_ACTION: 400,
  USERNAME_TAKEN: 400,
  EMAIL_TAKEN: 400,
  AUTH_REQUIRED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 403,
  /** A cookie-authenticated write whose Origin (or Referer) is not the app's own nor in ALLOWED_ORIGINS. */
  CSRF_REJECTED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  DUPLICATE_KEY: 409,
  /** A chat's run is still in progress (or waiting on the user's decision); stop it or answer first. */
  CHAT_BUSY: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The app's or the user's monthly AI token budget is spent (the reference's "insufficient tokens"). */
  TOKEN_BUDGET_EXCEEDED: 402,
  VALIDATION_ERROR: 422,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  LIMIT_EXCEEDED: 429,
  FEATURE_GATED: 403,
  PLUGIN_ERROR: 500,
  PLUGIN_TIMEOUT: 504,
  /** A plugin reached for something its manifest does not grant, or its sandbox refuses. */
  PLUGIN_PERMISSION_DENIED: 403,
  /** A sandboxed plugin's process died during the call (it is restarted for the next one). */
  PLUGIN_CRASHED: 500,
  /** A sandboxed plugin's process went past MOZAIKS_SANDBOX_MEMORY_MB and was killed. */
  PLUGIN_MEMORY_LIMIT: 500,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  PUSH_NOT_CONFIGURED: 503,
  DB_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A code of our own, or one a plugin chose (SCREAMING_SNAKE, like ours). */
export type AnyErrorCode = ErrorCode | (string & {});

export interface ApiErrorOptions {
  /** Overrides the status implied by the code (e.g. the original's 400 for a 422-shaped problem). */
  status?: number;
  /** Extra JSON fields beside `detail` and `error_code`, such as validation `errors`. */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly extra: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    readonly errorCode: AnyErrorCode,
    /** Human-readable, safe to show to the caller. */
    readonly detail: string,
    options: ApiErrorOptions = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = options.status ?? ERROR_CODES[errorCode as ErrorCode] ?? 400;
    this.extra = options.extra;
    this.headers = options.headers;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError || (error instanceof Error && error.name === 'ApiError' && 'errorCode' in error);
}
