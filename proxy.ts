import { NextResponse, type NextRequest } from 'next/server';
import { PATH_HEADER } from '@/lib/auth/page-path';
import { getEnv } from '@/lib/env';
import { contentSecurityPolicy, createNonce, NONCE_HEADER, withTransportSecurity } from '@/lib/http/security-headers';

/** Pages anyone may open. */
const PUBLIC_PAGES = ['/sign-in', '/sign-up'];
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

/**
 * Runs before every page request. Visitors without a session cookie (or a Bearer token) go straight to the sign-in page
 * (a real redirect, which a streamed page cannot send); everyone else continues, and the page checks
 * the session properly. Also tells server components which path was requested, and gives the page its
 * Content-Security-Policy: the request's copy tells Next the nonce for its scripts, the answer's is the browser's.
 */
export function proxy(request: NextRequest) {
  const env = getEnv();
  const path = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  const hasSession =
    request.headers.has('authorization') || request.cookies.getAll().some((cookie) => SESSION_COOKIES.some((name) => cookie.name.startsWith(name)));
  const isPublic = PUBLIC_PAGES.some((page) => request.nextUrl.pathname === page || request.nextUrl.pathname.startsWith(`${page}/`));
  if (!hasSession && !isPublic && env.auth.enabled) {
    const signIn = new URL('/sign-in', request.url);
    signIn.searchParams.set('callbackUrl', path);
    return withTransportSecurity(NextResponse.redirect(signIn), env.security);
  }
  const nonce = createNonce();
  const policy = contentSecurityPolicy(env.security, {
    nonce,
    isDev: process.env.NODE_ENV !== 'production',
    host: request.headers.get('host'),
    formActions: env.auth.keycloak ? [new URL(env.auth.keycloak.issuer).origin] : [],
  });
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, path);
  headers.set(NONCE_HEADER, nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return withTransportSecurity(response, env.security);
}

export const config = {
  // API prefixes (/api, /__mozaiks) answer JSON 401s themselves; a redirect to a sign-in page would mean nothing to their clients.
  // Whole segments: a page such as /information (or its 404) still needs the proxy's CSP.
  matcher: ['/((?!(?:api|__mozaiks|health|ready|info)(?:/|$)|_next/|favicon|.*\\.(?:svg|png|jpg|ico|css|js|txt|woff2?)$).*)'],
};
