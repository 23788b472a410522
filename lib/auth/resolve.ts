/**
 * The one identity resolver. Route handlers (through route()), server components, server actions
 * and the socket handshake all call `resolveIdentity`; nothing else turns a request into a user.
 */
import { getEnv } from '@/lib/env';
import { anonymousIdentity } from './accounts';
import { bearerToken, identityFromBearer } from './bearer';
import type { Identity } from './identity';
import { identityFromRequestSession } from './session-token';

/**
 * Who is making this request: a Bearer token wins, then the browser session; null when neither.
 * An invalid token is an error (401), not "anonymous". With AUTH_ENABLED=false everyone is anonymous.
 */
export async function resolveIdentity(request: Request, options: { allowQueryToken?: boolean } = {}): Promise<Identity | null> {
  const env = getEnv();
  if (!env.auth.enabled) return anonymousIdentity(env);
  const token = bearerToken(request, { allowQueryToken: options.allowQueryToken ?? false });
  if (token) return identityFromBearer(token);
  return identityFromRequestSession(request);
}
