import { processSingleton } from '@/lib/runtime/global';
import { ApiError } from '@/lib/errors';

const WINDOW_MS = 60_000;
/** Past this many keys the oldest windows are dropped, so a flood of identities cannot grow memory without bound. */
const MAX_WINDOWS = 50_000;
const windows = processSingleton('route-rate-windows', () => new Map<string, { started: number; count: number }>());

/**
 * Counts one call against a fixed one-minute window for `key` (in this process); throws 429
 * RATE_LIMITED with Retry-After past `perMinute`. The one rate limiter: routes' `rateLimit` and the
 * Director's per-plugin limit both count here.
 */
export function takeFromWindow(
  key: string,
  perMinute: number,
  { detail = () => 'Too many requests', now = Date.now() }: { detail?: (retryAfterSeconds: number) => string; now?: number } = {},
): void {
  let window = windows.get(key);
  if (!window || now - window.started >= WINDOW_MS) {
    if (windows.size >= MAX_WINDOWS) for (const [stale, entry] of windows) if (now - entry.started >= WINDOW_MS) windows.delete(stale);
    if (windows.size >= MAX_WINDOWS) windows.clear();
    window = { started: now, count: 0 };
    windows.set(key, window);
  }
  window.count += 1;
  if (window.count > perMinute) {
    const retryAfter = Math.max(1, Math.ceil((window.started + WINDOW_MS - now) / 1000));
    throw new ApiError('RATE_LIMITED', detail(retryAfter), { headers: { 'Retry-After': String(retryAfter) } });
  }
}
