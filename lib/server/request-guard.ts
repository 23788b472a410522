/**
 * What the custom server refuses before Next (or a direct route) sees a request: methods no route
 * has (Next answered TRACE with a plain-text 500) and bodies declared larger than any route accepts
 * (Next would start buffering them). Bodies sent in chunks without a length are limited as they are
 * read (lib/http/body.ts, the direct routes' reader, Next's own server-action limit).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BODY_BYTES, tooLarge } from '@/lib/http/body';
import { CORRELATION_ID_HEADER, correlationIdOf } from '@/lib/http/correlation';
import { ApiError } from '@/lib/errors';
import { errorAnswer } from '@/lib/http/respond';
import { PROCESS_TIME_HEADER } from '@/lib/http/route';
import { writeJsonAnswer } from './direct-routes';
import { closeAfterAnswer } from './lingering-close';

/** Every method some route or page answers; anything else is 405 everywhere. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function refusal(req: IncomingMessage): ApiError | undefined {
  const method = req.method ?? '';
  if (!KNOWN_METHODS.has(method)) {
    return new ApiError('METHOD_NOT_ALLOWED', `Method ${method} is not allowed`, { headers: { Allow: [...KNOWN_METHODS].join(', ') } });
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return tooLarge();
  return undefined;
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : null;
}

/** Answers `req` itself and returns true when it is refused; false lets it through. */
export function refuseEarly(req: IncomingMessage, res: ServerResponse): boolean {
  const error = refusal(req);
  if (!error) return false;
  closeAfterAnswer(req, res);
  const answer = errorAnswer(error, { method: req.method ?? '', path: (req.url ?? '').split('?')[0]! });
  // The headers route() puts on every answer, so a refusal here reads like one from the route itself.
  answer.headers[CORRELATION_ID_HEADER] = correlationIdOf({ headers: { get: (name) => headerValue(req, name) } });
  answer.headers[PROCESS_TIME_HEADER.toLowerCase()] = '0.000000';
  writeJsonAnswer(res, answer);
  return true;
}
