/**
 * Keycloak tokens held in a browser session: refresh-token rotation done once per expiry, and the
 * end-session URL that signs the user out of Keycloak too.
 *
 * Concurrent requests from one browser all carry the same expired tokens. Keycloak rotates refresh
 * tokens (a used one may be refused), so each refresh token is redeemed exactly once per process:
 * the first request starts the refresh, every other request awaits the same promise, and the result
 * stays cached for a minute for stragglers still holding the old cookie.
 */
import { decodeJwt } from 'jose';
import type { LoadedEnv } from '@/lib/env';
import { processSingleton } from '@/lib/runtime/global';
import { logger } from '@/lib/runtime/logger';
import { rolesFromClaims } from './tokens';
import type { ExternalProfile } from './users';

export interface KeycloakTokens {
  access_token: string;
  refresh_token: string;
  id_token: string;
  /** Unix seconds. */
  expires_at: number;
}

/** Refresh this long before expiry, so a token never expires in flight. */
const REFRESH_MARGIN_SECONDS = 30;
/** How long a finished refresh is remembered for requests still holding the old refresh token. */
const REFRESH_RESULT_TTL_MS = 60_000;

const inflight = processSingleton('keycloak-refresh', () => new Map<string, Promise<KeycloakTokens | null>>());

/** The user a Keycloak access token describes (the token came straight from Keycloak's token endpoint). */
export function keycloakProfile(accessToken: string, env: LoadedEnv): ExternalProfile {
  const claims = decodeJwt(accessToken);
  return {
    sub: String(claims.sub),
    username: typeof claims.preferred_username === 'string' ? claims.preferred_username : String(claims.sub),
    email: typeof claims.email === 'string' ? claims.email : null,
    fullName: typeof claims.name === 'string' ? claims.name : null,
    roles: rolesFromClaims(claims, env.auth.rolesClaim),
  };
}

async function refresh(tokens: KeycloakTokens, env: LoadedEnv): Promise<KeycloakTokens | null> {
  const keycloak = env.auth.keycloak;
  if (!keycloak || !tokens.refresh_token) return null;
  const response = await fetch(`${keycloak.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: keycloak.clientId,
      client_secret: keycloak.clientSecret,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) {
    logger.info('keycloak refresh refused; the session ends', { status: response.status });
    return null;
  }
  const body = (await response.json()) as { access_token: string; refresh_token?: string; id_token?: string; expires_in: number };
  return {
    access_token: body.access_token,
    refresh_token: body.refresh_token ?? tokens.refresh_token,
    id_token: body.id_token ?? tokens.id_token,
    expires_at: Math.floor(Date.now() / 1000) + body.expires_in,
  };
}

/** The session's tokens, refreshed if they are about to expire; null when Keycloak refuses (session ended). */
export async function freshKeycloakTokens(tokens: KeycloakTokens, env: LoadedEnv): Promise<KeycloakTokens | null> {
  if (tokens.expires_at - REFRESH_MARGIN_SECONDS > Date.now() / 1000) return tokens;
  let pending = inflight.get(tokens.refresh_token);
  if (!pending) {
    pending = refresh(tokens, env).catch((error: unknown) => {
      logger.warn('keycloak refresh failed', { error: error instanceof Error ? error.message : String(error) });
      return null;
    });
    inflight.set(tokens.refresh_token, pending);
    setTimeout(() => inflight.delete(tokens.refresh_token), REFRESH_RESULT_TTL_MS).unref();
  }
  return pending;
}

/** Keycloak's end-session URL: signing out there too means the next sign-in asks for the password again. */
export function keycloakEndSessionUrl(env: LoadedEnv, idToken: string, postLogoutRedirectUri: string): string | null {
  if (!env.auth.keycloak) return null;
  const url = new URL(`${env.auth.keycloak.issuer}/protocol/openid-connect/logout`);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
  url.searchParams.set('client_id', env.auth.keycloak.clientId);
  return url.toString();
}
