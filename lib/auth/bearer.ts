/** Bearer tokens from API clients: local HS256 tokens and Keycloak access tokens. */
import { decodeJwt } from 'jose';
import { getEnv } from '@/lib/env';
import { processSingleton } from '@/lib/runtime/global';
import { accountDisabled, tokenInvalid } from './errors';
import { identityOf } from './accounts';
import type { Identity } from './identity';
import { rolesFromClaims, tokenKind, verifyKeycloakToken, verifyLocalToken } from './tokens';
import { findUserById, provisionExternalUser } from './users';

/**
 * API clients send the same token with every call; verifying it and loading its user each time
 * roughly doubled the cost of a trivial plugin call. A verified identity is remembered briefly —
 * never past the token's own expiry — so a disabled user or a changed role takes effect within
 * IDENTITY_CACHE_MS.
 */
export const IDENTITY_CACHE_MS = 5_000;
const IDENTITY_CACHE_SIZE = 10_000;
/**
 * Verified tokens by the last CACHE_KEY_LENGTH characters of their signature, each entry holding
 * the whole token: a lookup hashes a short key (hashing a whole token, fresh from the request
 * every time, cost about a microsecond) and then compares the token in full, so a token that
 * merely ends like a verified one is verified itself. `until` is a `performance.now()` time:
 * reading it is cheaper than `Date.now()` under Next, which wraps the clock to track it.
 */
const CACHE_KEY_LENGTH = 32;
const verified = processSingleton('bearer-identities', () => new Map<string, { token: string; identity: Identity; until: number }>());

/** Drops what this process remembers about a user's tokens (suspended, roles changed): the next call verifies again. */
export function forgetIdentitiesOf(userId: string): void {
  for (const [key, entry] of verified) if (entry.identity.user_id === userId) verified.delete(key);
}

/** The identity this process verified for a token moments ago, if any: answered without waiting. */
export function rememberedBearerIdentity(token: string): Identity | undefined {
  const cached = verified.get(token.slice(-CACHE_KEY_LENGTH));
  return cached && cached.token === token && cached.until > performance.now() ? cached.identity : undefined;
}

/** Verifies a Bearer token (local HS256 or Keycloak) and returns whose it is. Throws 401/403 ApiErrors. */
export async function identityFromBearer(token: string): Promise<Identity> {
  const cached = rememberedBearerIdentity(token);
  if (cached) return cached;
  const identity = await verifyBearer(token);
  const expiresAt = (decodeJwt(token).exp ?? 0) * 1000;
  if (verified.size >= IDENTITY_CACHE_SIZE) verified.clear();
  verified.set(token.slice(-CACHE_KEY_LENGTH), { token, identity, until: performance.now() + Math.min(IDENTITY_CACHE_MS, expiresAt - Date.now()) });
  return identity;
}

async function verifyBearer(token: string): Promise<Identity> {
  const env = getEnv();
  if (tokenKind(token) === 'local') {
    const claims = await verifyLocalToken(token, { secret: env.jwtSecret, appId: env.appId, clockSkewSeconds: env.auth.clockSkewSeconds });
    const user = await findUserById(env.appId, claims.user_id);
    if (!user) throw tokenInvalid('User not found');
    if (user.disabled) throw accountDisabled();
    return identityOf(env, user, 'local', token);
  }
  const payload = await verifyKeycloakToken(token, env.auth);
  const roles = rolesFromClaims(payload, env.auth.rolesClaim);
  const user = await provisionExternalUser(env.appId, {
    sub: payload.sub!,
    username: typeof payload.preferred_username === 'string' ? payload.preferred_username : payload.sub!,
    email: typeof payload.email === 'string' ? payload.email : null,
    fullName: typeof payload.name === 'string' ? payload.name : null,
    roles,
  });
  if (user.disabled) throw accountDisabled();
  return identityOf(env, user, 'keycloak', token, roles);
}

/** The Bearer token of a request: the Authorization header, or `?access_token=` where a route allows it. */
export function bearerToken(request: Request, options: { allowQueryToken: boolean }): string | undefined {
  const header = request.headers.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw tokenInvalid('Invalid authorization header; expected "Bearer <token>"');
    return match[1];
  }
  if (options.allowQueryToken) return new URL(request.url).searchParams.get('access_token') ?? undefined;
  return undefined;
}
