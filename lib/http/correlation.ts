import { randomInt, randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * New correlation ids, shaped like UUIDs (version 4) so that services expecting one accept them:
 * the first 76 random bits are drawn once per process, the last 48 count up from a random start.
 * Unique, not unpredictable — a correlation id labels a request in logs and traces, it is never a
 * secret — and cheap: every request mints one, and a `randomUUID()` per request (through Next's
 * wrapper, which tracks calls to it) was a tenth of what the Director adds to a plugin call. The
 * count is kept as two 24-bit halves written through a table: a number past 2^31 in hex (a double's
 * `toString(16)`) cost more than the UUID it replaced.
 */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex24 = (half: number) => HEX[half >>> 16]! + HEX[(half >>> 8) & 0xff]! + HEX[half & 0xff]!;
const minted = { prefix: randomUUID().slice(0, 24), high: randomInt(2 ** 24), low: randomInt(2 ** 24) };

function mintCorrelationId(): string {
  minted.low = (minted.low + 1) & 0xffffff;
  if (minted.low === 0) minted.high = (minted.high + 1) & 0xffffff;
  return minted.prefix + hex24(minted.high) + hex24(minted.low);
}

/**
 * The caller's `x-correlation-id` when it is a sane token, else a new one, so one action can be
 * followed through this app and every platform service it calls. A value with spaces, quotes or
 * control characters is replaced rather than echoed into headers and logs.
 */
export function correlationIdOf(request: { headers: { get(name: string): string | null } } | null): string {
  const given = request?.headers.get(CORRELATION_ID_HEADER);
  return given && CORRELATION_ID.test(given) ? given : mintCorrelationId();
}
