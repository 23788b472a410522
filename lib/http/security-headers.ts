/**
 * The security headers, in one place. Three things send them (docs/operations.md, "Security headers"):
 * - next.config.ts sends the static ones on every path Next serves, in both modes (`npm start`, `next start`);
 *   Next writes them into the build's routes manifest, so nothing that depends on the environment goes there;
 * - proxy.ts adds the page's Content-Security-Policy (with a fresh nonce) and Strict-Transport-Security;
 * - the custom server's direct routes (lib/server/direct-routes.ts) and route() add the answer headers built
 *   once per process from the environment (answerSecurityHeaders).
 *
 * No imports at run time: next.config.ts loads this file before anything else exists.
 */
import type { RuntimeEnv } from '@/lib/env';

/** Powerful browser features the shell and its plugins do not use, refused to the page and any frame in it. */
const PERMISSIONS_POLICY = ['accelerometer', 'camera', 'display-capture', 'geolocation', 'gyroscope', 'magnetometer', 'microphone', 'midi', 'payment', 'usb']
  .map((feature) => `${feature}=()`)
  .join(', ');

/** Headers every answer carries, whatever it is; lower-case names, as answers write them. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': PERMISSIONS_POLICY,
  // For browsers that predate CSP's frame-ancestors (pages also send frame-ancestors 'self').
  'x-frame-options': 'SAMEORIGIN',
});

/** One year, subdomains included; sent only when the public URL is https (see httpsPublicUrl). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** What the environment says about the headers: the public URL's scheme and the CSP's extra sources. */
export type SecuritySettings = RuntimeEnv['security'];

/** The request header that hands a page's nonce to server components (the root layout's inline theme style). */
export const NONCE_HEADER = 'x-mozaiks-nonce';

/** A fresh nonce for one page answer: 128 random bits, base64 (what CSP's nonce-source allows). */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

const answerHeaders = new WeakMap<SecuritySettings, Readonly<Record<string, string>>>();

/**
 * The non-CSP headers for every answer, Strict-Transport-Security included when the public URL is
 * https; built once per settings object (the direct path adds them as they are, with no work per request).
 */
export function answerSecurityHeaders(settings: SecuritySettings): Readonly<Record<string, string>> {
  let headers = answerHeaders.get(settings);
  if (!headers) {
    headers = Object.freeze(settings.https ? { ...STATIC_SECURITY_HEADERS, 'strict-transport-security': STRICT_TRANSPORT_SECURITY } : STATIC_SECURITY_HEADERS);
    answerHeaders.set(settings, headers);
  }
  return headers;
}

/** Adds Strict-Transport-Security to an answer Next serves, when the public URL is https (next.config.ts sends the rest). */
export function withTransportSecurity<R extends Response>(response: R, settings: SecuritySettings): R {
  if (settings.https) response.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  return response;
}

/** A Host header worth naming in the policy: a host name or IP literal and a port, nothing that could end a directive. */
const PLAIN_HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export interface PagePolicyOptions {
  nonce: string;
  /** Development (`next dev`): React's debugging needs eval and Next's hot reload inserts styles without a nonce. */
  isDev: boolean;
  /** The page's Host header: Socket.IO's WebSocket goes to the same host. */
  host: string | null;
  /** Origins a sign-in form may post to and be redirected to (Keycloak's, when configured). */
  formActions?: readonly string[];
}

/**
 * The page's Content-Security-Policy. Scripts need the nonce (Next reads it from the request's copy
 * of this header and puts it on its own scripts); 'strict-dynamic' lets those load the chunks they
 * import. Styles: Tailwind's stylesheet comes from 'self'; <style> elements need the nonce (the root
 * layout's theme style carries it, and the UI kit's overlays are handed it: lib/ui/style-nonce.tsx).
 * Style attributes are allowed ('unsafe-inline' in style-src-attr only): Radix primitives render a few
 * (a hidden form input's positioning, `pointer-events: none`), which would otherwise be dropped and break
 * the controls. An attribute cannot load a script nor read the page; scripts stay nonce-only.
 */
export function contentSecurityPolicy(settings: SecuritySettings, options: PagePolicyOptions): string {
  const nonce = `'nonce-${options.nonce}'`;
  const host = options.host && PLAIN_HOST.test(options.host) ? options.host : undefined;
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", nonce, "'strict-dynamic'", ...(options.isDev ? ["'unsafe-eval'"] : [])],
    // A nonce would make browsers ignore 'unsafe-inline', which the development overlay's styles need.
    ['style-src', "'self'", ...(options.isDev ? ["'unsafe-inline'"] : [nonce])],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', ...settings.imgSources],
    ['font-src', "'self'"],
    // 'self' covers ws(s) only in CSP Level 3 browsers; the Socket.IO host is named for the others.
    ['connect-src', "'self'", ...(host ? [`ws://${host}`, `wss://${host}`] : []), ...settings.connectSources],
    // The push service worker (/sw.js): 'strict-dynamic' only vouches for scripts, not workers.
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'", ...(options.formActions ?? [])],
    ['frame-ancestors', "'self'"],
  ];
  if (settings.https) directives.push(['upgrade-insecure-requests']);
  return directives.map((directive) => directive.join(' ')).join('; ');
}
