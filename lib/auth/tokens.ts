/**
 * Bearer tokens. Local tokens are HS256 JWTs signed with JWT_SECRET (the original's v1 local mode);
 * Keycloak access tokens are verified against the realm's JWKS (fetched, cached, refetched when a
 * new key id appears). A token's header decides which verifier runs, and each verifier accepts only
 * its own algorithms: an HS256 token is never checked against a public key.
 */
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { AuthSettings } from '@/lib/env';
import { processSingleton } from '@/lib/runtime/global';
import { missingScope, tokenExpired, tokenInvalid } from './errors';

export const LOCAL_TOKEN_ISSUER = 'mozaiks-core';
const LOCAL_ALGORITHMS = ['HS256'];
const KEYCLOAK_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'];

const secretKey = (secret: string) => new TextEncoder().encode(secret);

export interface LocalTokenClaims {
  /** The username, as the original's tokens carry it. */
  sub: string;
  user_id: string;
  app_id: string;
}

/** Issues a local access token; `aud` is the app, so a token for one app is refused by another sharing the secret. */
export async function issueLocalToken(claims: LocalTokenClaims, options: { secret: string; minutes: number }): Promise<string> {
  return new SignJWT({ user_id: claims.user_id, app_id: claims.app_id })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(LOCAL_TOKEN_ISSUER)
    .setAudience(claims.app_id)
    .setIssuedAt()
    .setExpirationTime(`${options.minutes}m`)
    .sign(secretKey(options.secret));
}

function rethrow(error: unknown): never {
  if (error instanceof joseErrors.JWTExpired) throw tokenExpired();
  if (error instanceof joseErrors.JWTClaimValidationFailed) throw tokenInvalid(`Invalid token ${error.claim}`);
  if (error instanceof joseErrors.JWKSNoMatchingKey) throw tokenInvalid('Token signed with an unknown key');
  if (error instanceof joseErrors.JOSEError) throw tokenInvalid();
  throw error;
}

export async function verifyLocalToken(token: string, options: { secret: string; appId: string; clockSkewSeconds: number }): Promise<LocalTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, secretKey(options.secret), {
      algorithms: LOCAL_ALGORITHMS,
      issuer: LOCAL_TOKEN_ISSUER,
      audience: options.appId,
      clockTolerance: options.clockSkewSeconds,
      requiredClaims: ['sub', 'exp'],
    });
    if (typeof payload.user_id !== 'string' || typeof payload.sub !== 'string') throw tokenInvalid();
    return { sub: payload.sub, user_id: payload.user_id, app_id: options.appId };
  } catch (error) {
    return rethrow(error);
  }
}

const jwksCache = processSingleton('jwks', () => new Map<string, ReturnType<typeof createRemoteJWKSet>>());

/** The realm's key set, cached per issuer; jose refetches it (at most every 5 s) when a token names an unknown key. */
function realmKeys(issuer: string) {
  let keys = jwksCache.get(issuer);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`), {
      cooldownDuration: 5_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 5_000,
    });
    jwksCache.set(issuer, keys);
  }
  return keys;
}

export async function verifyKeycloakToken(token: string, auth: AuthSettings): Promise<JWTPayload> {
  if (!auth.keycloak) throw tokenInvalid();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, realmKeys(auth.keycloak.issuer), {
      algorithms: KEYCLOAK_ALGORITHMS,
      issuer: auth.keycloak.issuer,
      ...(auth.audience ? { audience: auth.audience } : {}),
      clockTolerance: auth.clockSkewSeconds,
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    return rethrow(error);
  }
  // Without AUTH_AUDIENCE, a token must have been issued to our client: Keycloak names it in `azp`
  // (its `aud` lists the APIs the token is for), or an audience mapper put it in `aud`.
  if (!auth.audience) {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (payload.azp !== auth.keycloak.clientId && !audiences.includes(auth.keycloak.clientId)) throw tokenInvalid('Invalid token aud');
  }
  if (auth.requiredScope) {
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    if (!scopes.includes(auth.requiredScope)) throw missingScope(auth.requiredScope);
  }
  return payload;
}

/** Which verifier a token needs, from its (unverified) header. `alg: none` and anything unexpected are refused. */
export function tokenKind(token: string): 'local' | 'keycloak' {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    // Not a JWT at all.
    throw tokenInvalid('Invalid token format');
  }
  if (typeof alg === 'string' && LOCAL_ALGORITHMS.includes(alg)) return 'local';
  if (typeof alg === 'string' && KEYCLOAK_ALGORITHMS.includes(alg)) return 'keycloak';
  throw tokenInvalid('Unsupported token algorithm');
}

/** Roles Keycloak gives every user; they say nothing about the app and only clutter the UI. */
function isBuiltInRole(role: string): boolean {
  return role === 'offline_access' || role === 'uma_authorization' || role.startsWith('default-roles-');
}

/** Keycloak's own client for the account console; its roles are about that console. */
const BUILT_IN_CLIENTS = new Set(['account', 'realm-management', 'broker']);

/**
 * Roles from a Keycloak token: a configured claim (dot path), else realm roles plus every client's
 * roles, without the ones Keycloak gives everybody.
 */
export function rolesFromClaims(payload: JWTPayload, rolesClaim: string | undefined): string[] {
  if (rolesClaim) {
    const value = rolesClaim.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), payload);
    return Array.isArray(value) ? value.filter((role): role is string => typeof role === 'string') : [];
  }
  const roles = new Set<string>();
  const add = (list: unknown) => {
    if (Array.isArray(list)) for (const role of list) if (typeof role === 'string' && !isBuiltInRole(role)) roles.add(role);
  };
  add((payload.realm_access as { roles?: unknown } | undefined)?.roles);
  const resources = payload.resource_access;
  if (resources && typeof resources === 'object') {
    for (const [client, access] of Object.entries(resources as Record<string, { roles?: unknown }>)) {
      if (!BUILT_IN_CLIENTS.has(client)) add(access?.roles);
    }
  }
  return [...roles];
}
