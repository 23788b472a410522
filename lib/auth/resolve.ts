/**
 * The one identity resolver. Route handlers (through route()), server components, server actions
 * and the socket handshake all call `resolveIdentity`; nothing else turns a request into a user.
 */
import { getEnv, type LoadedEnv } from '@/lib/env';
import { accountDisabled, invalidCredentials, tokenInvalid } from './errors';
import { ANONYMOUS_USER_ID, isSuperadmin, type Identity } from './identity';
import { checkSignInAllowed, recordFailedSignIn, recordSuccessfulSignIn } from './login-guard';
import { verifyAgainstNothing, verifyPassword } from './passwords';
import { issueLocalToken, rolesFromClaims, tokenKind, verifyKeycloakToken, verifyLocalToken } from './tokens';
import { findUserById, findUserByUsername, provisionExternalUser, usersOf, type User } from './users';

function identityOf(env: LoadedEnv, user: User, method: Identity['auth_method'], token: string | null, roles = user.roles): Identity {
  return {
    app_id: env.appId,
    user_id: user._id,
    username: user.username,
    email: user.email ?? null,
    roles,
    is_superadmin: isSuperadmin(roles, env.auth.superadminRoles),
    user_jwt: token,
    auth_method: method,
  };
}

function anonymousIdentity(env: LoadedEnv): Identity {
  return {
    app_id: env.appId,
    user_id: ANONYMOUS_USER_ID,
    username: ANONYMOUS_USER_ID,
    email: null,
    roles: [],
    is_superadmin: false,
    user_jwt: null,
    auth_method: 'anonymous',
  };
}

/** Checks a username and password (rate limit, lock-out, constant-time miss) and returns the user. */
export async function signInWithPassword(input: { username: string; password: string; address: string }): Promise<User> {
  const env = getEnv();
  const username = input.username.trim().toLowerCase();
  await checkSignInAllowed(env.appId, username, input.address);
  const user = await findUserByUsername(env.appId, username);
  const valid = user?.hashed_password ? await verifyPassword(input.password, user.hashed_password) : await verifyAgainstNothing(input.password);
  if (!user || !valid) {
    await recordFailedSignIn(env.appId, username);
    throw invalidCredentials();
  }
  if (user.disabled) throw accountDisabled();
  await recordSuccessfulSignIn(env.appId, username);
  await usersOf(env.appId).updateOne({ _id: user._id }, { $set: { last_login: new Date() } });
  return user;
}

/** A local access token for a user (POST /api/auth/token, and `user_jwt` for session users). */
export function issueTokenFor(user: User): Promise<string> {
  const env = getEnv();
  return issueLocalToken({ sub: user.username, user_id: user._id, app_id: env.appId }, { secret: env.jwtSecret, minutes: env.auth.accessTokenMinutes });
}

/** Verifies a Bearer token (local HS256 or Keycloak) and returns whose it is. Throws 401/403 ApiErrors. */
export async function identityFromBearer(token: string): Promise<Identity> {
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

/** The identity of a signed-in session user (called by the session layer with a verified user id). */
export async function identityFromSession(userId: string, token: string | null, roles?: string[]): Promise<Identity | null> {
  const env = getEnv();
  const user = await findUserById(env.appId, userId);
  if (!user || user.disabled) return null;
  return identityOf(env, user, user.auth_provider, token, roles ?? user.roles);
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

/** A function that finds the signed-in user of a browser session; set by the session layer. */
export type SessionResolver = (request: Request) => Promise<Identity | null>;
let sessionResolver: SessionResolver | undefined;

export function setSessionResolver(resolver: SessionResolver): void {
  sessionResolver = resolver;
}

/**
 * Who is making this request: a Bearer token wins, then the browser session; null when neither.
 * An invalid token is an error (401), not "anonymous". With AUTH_ENABLED=false everyone is anonymous.
 */
export async function resolveIdentity(request: Request, options: { allowQueryToken?: boolean } = {}): Promise<Identity | null> {
  const env = getEnv();
  if (!env.auth.enabled) return anonymousIdentity(env);
  const token = bearerToken(request, { allowQueryToken: options.allowQueryToken ?? false });
  if (token) return identityFromBearer(token);
  return sessionResolver ? sessionResolver(request) : null;
}
