import { ZodError } from 'zod';
import { formatJsonPath } from '@/lib/config/loader';
import { logger } from '@/lib/runtime/logger';
import { isApiError } from './errors';

/** The JSON body of every error response. */
export interface ErrorBody {
  detail: string;
  error_code: string;
  [extra: string]: unknown;
}

/** Kept word for word from the original runtime, whose clients may show it. */
export const INTERNAL_ERROR_DETAIL = 'An internal server error occurred. Our team has been notified.';

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** The single mapping from any thrown value to an HTTP response. Never leaks internals. */
export function toErrorResponse(error: unknown, context: { method: string; path: string }): Response {
  if (isApiError(error)) {
    const body: ErrorBody = { detail: error.detail, error_code: error.errorCode, ...error.extra };
    return json(body, { status: error.status, headers: error.headers });
  }
  if (error instanceof ZodError) {
    const errors = error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message }));
    const first = errors[0];
    const detail = first ? `Invalid request: ${first.path} ${first.message}` : 'Invalid request';
    return json({ detail, error_code: 'VALIDATION_ERROR', errors } satisfies ErrorBody, { status: 422 });
  }
  logger.error('unhandled error in request', { method: context.method, path: context.path, error });
  return json({ detail: INTERNAL_ERROR_DETAIL, error_code: 'INTERNAL_ERROR' } satisfies ErrorBody, { status: 500 });
}
