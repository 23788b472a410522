import { ZodError } from 'zod';
import { formatJsonPath } from '@/lib/config/loader';
import { logger } from '@/lib/runtime/logger';
import { isApiError } from '@/lib/errors';

/** The JSON body of every error response. */
export interface ErrorBody {
  detail: string;
  error_code: string;
  [extra: string]: unknown;
}

/** Kept word for word from the original runtime, whose clients may show it. */
export const INTERNAL_ERROR_DETAIL = 'An internal server error occurred. Our team has been notified.';

/**
 * A JSON answer as data: its status, its headers (lower-case names) and its serialized body.
 * route() hands Next a Response made from it (answerResponse); the custom server's direct routes
 * write it to the socket as it is, without the body streams a Response is made of (about half of
 * what a plugin call cost there; docs/performance.md).
 */
export interface JsonAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonAnswer(body: unknown, { status = 200, headers }: { status?: number; headers?: Record<string, string> } = {}): JsonAnswer {
  const names: Record<string, string> = {};
  if (headers) for (const [name, value] of Object.entries(headers)) names[name.toLowerCase()] = value;
  names['content-type'] = 'application/json; charset=utf-8';
  // `undefined` serializes to nothing, as `new Response(undefined)` had no body.
  return { status, headers: names, body: JSON.stringify(body) ?? '' };
}

export function answerResponse(answer: JsonAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return answerResponse(jsonAnswer(body, init));
}

/** The single mapping from any thrown value to an error answer. Never leaks internals. */
export function errorAnswer(error: unknown, context: { method: string; path: string }): JsonAnswer {
  if (isApiError(error)) {
    const body: ErrorBody = { detail: error.detail, error_code: error.errorCode, ...error.extra };
    return jsonAnswer(body, { status: error.status, headers: error.headers });
  }
  if (error instanceof ZodError) {
    const errors = error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message }));
    const first = errors[0];
    const detail = first ? `Invalid request: ${first.path} ${first.message}` : 'Invalid request';
    return jsonAnswer({ detail, error_code: 'VALIDATION_ERROR', errors } satisfies ErrorBody, { status: 422 });
  }
  logger.error('unhandled error in request', { method: context.method, path: context.path, error });
  return jsonAnswer({ detail: INTERNAL_ERROR_DETAIL, error_code: 'INTERNAL_ERROR' } satisfies ErrorBody, { status: 500 });
}

/** errorAnswer as a Response. */
export function toErrorResponse(error: unknown, context: { method: string; path: string }): Response {
  return answerResponse(errorAnswer(error, context));
}
