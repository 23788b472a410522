/**
 * Cross-site request forgery: a page on another site can make the browser send our session cookie
 * with a form post or a `text/plain` fetch. Such requests carry the other site's `Origin` (or at
 * least its `Referer`), which a page cannot forge; requests authenticated by the session cookie
 * that change something are refused unless it is this app's own origin or one in ALLOWED_ORIGINS.
 * Bearer-token clients are not affected: a browser never attaches a token by itself.
 */
import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';

/** Methods that only read; everything else changes state and is checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Read access to request headers: a Request's Headers, or Node's parsed headers (the socket handshake). */
export type HeaderSource = { get(name: string): string | null };

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The hosts this request was addressed to: `Host`, and `X-Forwarded-Host` as a proxy (or Next) set it. */
function requestedHosts(headers: HeaderSource): string[] {
  return [headers.get('host'), headers.get('x-forwarded-host')?.split(',')[0]]
    .map((host) => host?.trim().toLowerCase())
    .filter((host): host is string => Boolean(host));
}

/**
 * Whether the page that made this request belongs to the app. A request without `Origin` or `Referer`
 * did not come from a browser page (browsers send `Origin` on every cross-site write) and passes.
 */
export function isTrustedOrigin(headers: HeaderSource): boolean {
  const origin = headers.get('origin') ?? (headers.get('referer') ? (originOf(headers.get('referer')!) ?? 'null') : undefined);
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  const parsed = originOf(origin);
  if (!parsed) return false;
  if (getEnv().allowedOrigins.includes(parsed)) return true;
  return requestedHosts(headers).includes(new URL(parsed).host.toLowerCase());
}

/** Throws 403 CSRF_REJECTED for a state-changing request from another site's page. */
export function assertSameOriginWrite(method: string, headers: HeaderSource): void {
  if (SAFE_METHODS.has(method) || isTrustedOrigin(headers)) return;
  throw new ApiError('CSRF_REJECTED', 'This request came from another site’s page and was refused. Add its origin to ALLOWED_ORIGINS if it is yours.');
}
