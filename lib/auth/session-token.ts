/**
 * Reading the browser session cookie without Auth.js's Next.js entry point, so the custom server's
 * socket handshake can use it too. The cookie is an encrypted JWT written by ./session.ts.
 */
import { createHash } from 'node:crypto';
import { getToken, type JWT } from 'next-auth/jwt';
import { getEnv, type LoadedEnv } from '@/lib/env';
import { identityFromSession } from './accounts';
import type { Identity } from './identity';
import { freshKeycloakTokens, keycloakProfile, type KeycloakTokens } from './keycloak-session';

/** Session cookies get their own key, derived from JWT_SECRET, separate from the local token key. */
export function sessionSecret(env: LoadedEnv): string {
  return createHash('sha256').update(`mozaiks-session:${env.jwtSecret}`).digest('hex');
}

/** What the session cookie carries (encrypted). */
export interface SessionToken extends JWT {
  user_id?: string;
  provider?: 'local' | 'keycloak';
  roles?: string[];
  keycloak?: KeycloakTokens;
  error?: 'refresh_failed';
}

/** Reads and verifies the session cookie of a request (route handlers, the socket handshake). */
export async function readSessionToken(request: Request): Promise<SessionToken | null> {
  const env = getEnv();
  const secureCookie = new URL(request.url).protocol === 'https:';
  const cookieName = secureCookie ? '__Secure-authjs.session-token' : 'authjs.session-token';
  return (await getToken({ req: request, secret: sessionSecret(env), secureCookie, cookieName, salt: cookieName })) as SessionToken | null;
}

/**
 * The session half of resolveIdentity. A Keycloak session whose access token has expired is
 * refreshed here too (once per expiry, shared by concurrent requests); a session whose refresh
 * failed — the Keycloak session ended — counts as signed out.
 */
export async function identityFromRequestSession(request: Request): Promise<Identity | null> {
  const token = await readSessionToken(request);
  if (!token?.user_id || token.error) return null;
  if (token.provider === 'keycloak' && token.keycloak) {
    const env = getEnv();
    const fresh = await freshKeycloakTokens(token.keycloak, env);
    if (!fresh) return null;
    return identityFromSession(token.user_id, fresh.access_token, keycloakProfile(fresh.access_token, env).roles);
  }
  return identityFromSession(token.user_id, null);
}
