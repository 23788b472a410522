import { randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * New correlation ids, shaped like UUIDs (version 4) so that services expecting one accept them:
 * the first 76 random bits are drawn once per process, the last 48 count up from a random start.
 * Unique, not unpredictable — a correlation id labels a request in logs and traces, it is never a
 * secret — and cheap: every request mints one, and a `randomUUID()` per request (through Next's
 * wrapper, which tracks calls to it) was a tenth of what the Director adds to a plugin call.
 */
const minted = { prefix: randomUUID().slice(0, 24), next: Math.floor(Math.random() * 2 ** 48) };

function mintCorrelationId(): string {
  minted.next = (minted.next + 1) % 2 ** 48;
  return minted.prefix + minted.next.toString(16).padStart(12, '0');
}

/**
 * The caller's `x-correlation-id` when it is a sane token, else a new one, so one action can be
 * followed through this app and every platform service it calls. A value with spaces, quotes or
 * control characters is replaced rather than echoed into headers and logs.
 */
export function correlationIdOf(request: Request | null): string {
  const given = request?.headers.get(CORRELATION_ID_HEADER);
  return given && CORRELATION_ID.test(given) ? given : mintCorrelationId();
}
