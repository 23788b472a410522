/**
 * The closed set of error codes the HTTP surface answers with, their statuses, and the one error
 * type. A leaf module: it imports nothing of the runtime, so the browser, plugins and every layer
 * may use it. Domain code throws `ApiError`s (or lets unexpected errors escape); lib/http/respond.ts
 * is the only place that turns any error into a response.
 */
import { z } from 'zod';

/** Stable, machine-readable codes and their HTTP statuses. Clients branch on these, never on `detail` text. */
export const ERROR_STATUSES = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  QUERY_NOT_ALLOWED: 400,
  INVALID_WRITE: 400,
  QUERY_NOT_SUPPORTED: 400,
  UNKNOWN_ACTION: 400,
  USERNAME_TAKEN: 400,
  EMAIL_TAKEN: 400,
  /** A profile update that named no field it may change. */
  NO_VALID_FIELDS: 400,
  /** A plan name the app's subscription config does not have. */
  INVALID_PLAN: 400,
  /** The payment proxy's `scope` is neither `platform` nor `app`. */
  INVALID_SCOPE: 400,
  /** The payment proxy's `scope: "app"` without an `appId`. */
  APP_ID_REQUIRED: 400,
  /** A plugin refused a call with a code of its own, outside this set; the plugin's code is in `plugin_error_code`. */
  PLUGIN_REFUSED: 400,
  /** The account signs in through Keycloak, which holds its password. */
  PASSWORD_MANAGED_EXTERNALLY: 400,
  AUTH_REQUIRED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  INVALID_CREDENTIALS: 401,
  /** The app's or the user's monthly AI token budget is spent (the reference's "insufficient tokens"). */
  TOKEN_BUDGET_EXCEEDED: 402,
  ACCOUNT_DISABLED: 403,
  /** A cookie-authenticated write whose Origin (or Referer) is not the app's own nor in ALLOWED_ORIGINS. */
  CSRF_REJECTED: 403,
  FORBIDDEN: 403,
  FEATURE_GATED: 403,
  /** A plugin reached for something its manifest does not grant, or its sandbox refuses. */
  PLUGIN_PERMISSION_DENIED: 403,
  /** Subscriptions are the platform's to change (a managed app), or the caller may not change this one. */
  SUBSCRIPTION_WRITE_FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  DUPLICATE_KEY: 409,
  /** A chat's run is still in progress (or waiting on the user's decision); stop it or answer first. */
  CHAT_BUSY: 409,
  /** The account signs in through Keycloak, whose tokens carry its roles. */
  ROLES_MANAGED_EXTERNALLY: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_ERROR: 422,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  LIMIT_EXCEEDED: 429,
  PLUGIN_ERROR: 500,
  /** A sandboxed plugin's process died during the call (it is restarted for the next one). */
  PLUGIN_CRASHED: 500,
  /** A sandboxed plugin's process went past MOZAIKS_SANDBOX_MEMORY_MB and was killed. */
  PLUGIN_MEMORY_LIMIT: 500,
  INTERNAL_ERROR: 500,
  /** The payment connector cannot serve the call: 501 when the app is self-hosted, 503 when the gateway failed. */
  PAYMENTS_UNAVAILABLE: 503,
  /** A platform service (through its connector) did not answer usefully. */
  PLATFORM_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  PUSH_NOT_CONFIGURED: 503,
  DB_UNAVAILABLE: 503,
  PLUGIN_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUSES;

export const errorCodeSchema = z.enum(Object.keys(ERROR_STATUSES) as [ErrorCode, ...ErrorCode[]]);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUSES, value);
}

/** The body of every error answer. */
export const errorBodySchema = z.looseObject({
  detail: z.string().describe('Human-readable; safe to show'),
  error_code: errorCodeSchema.describe('Stable SCREAMING_SNAKE code; branch on this'),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('VALIDATION_ERROR: each problem and where'),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

export interface ApiErrorOptions {
  /** Overrides the status implied by the code (e.g. 501 for PAYMENTS_UNAVAILABLE on a self-hosted app). */
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
    readonly errorCode: ErrorCode,
    /** Human-readable, safe to show to the caller. */
    readonly detail: string,
    options: ApiErrorOptions = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = options.status ?? ERROR_STATUSES[errorCode];
    this.extra = options.extra;
    this.headers = options.headers;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError || (error instanceof Error && error.name === 'ApiError' && 'errorCode' in error);
}
