import { randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The caller's `x-correlation-id` when it is a sane token, else a new one, so one action can be
 * followed through this app and every platform service it calls. A value with spaces, quotes or
 * control characters is replaced rather than echoed into headers and logs.
 */
export function correlationIdOf(request: Request | null): string {
  const given = request?.headers.get(CORRELATION_ID_HEADER);
  return given && CORRELATION_ID.test(given) ? given : randomUUID();
}
