/**
 * The one identity resolver. Route handlers (through route()), server components, server actions
 * and the socket handshake all call `resolveIdentity`; nothing else turns a request into a user.
 */
import { getEnv } from '@/lib/env';
import { assertSameOriginWrite } from '@/lib/http/origin';
import { anonymousIdentity } from './accounts';
import { bearerToken, identityFromBearer, rememberedBearerIdentity } from './bearer';
import type { Identity } from './identity';
import { identityFromRequestSession } from './session-token';

/**
 * Who is making this request: a Bearer token wins, then the browser session; null when neither.
 * An invalid token is an error (401), not "anonymous". With AUTH_ENABLED=false everyone is anonymous.
 */
export async function resolveIdentity(request: Request, options: { allowQueryToken?: boolean } = {}): Promise<Identity | null> {
  return resolveIdentityNow(request, options);
}

/**
 * resolveIdentity for hot paths (route()): the identity itself when it is known without waiting —
 * auth off, or a Bearer token verified moments ago — else the promise of it. An API client's calls
 * mostly take the first way, which saves a few promises per request.
 */
export function resolveIdentityNow(request: Request, options: { allowQueryToken?: boolean } = {}): Identity | null | Promise<Identity | null> {
  const env = getEnv();
  if (!env.auth.enabled) return anonymousIdentity(env);
  // The usual case first, without parsing the header: exactly `Bearer <a token verified moments ago>`.
  // Anything else, a header with extra spaces included, takes the full parse below.
  const header = request.headers.get('authorization');
  const remembered = header?.startsWith('Bearer ') ? rememberedBearerIdentity(header.slice(7)) : undefined;
  if (remembered) return remembered;
  const token = bearerToken(request, { allowQueryToken: options.allowQueryToken ?? false });
  if (token) return rememberedBearerIdentity(token) ?? identityFromBearer(token);
  // The session cookie is the credential a browser sends by itself, so it alone needs the origin check.
  assertSameOriginWrite(request.method, request.headers);
  return identityFromRequestSession(request);
}
