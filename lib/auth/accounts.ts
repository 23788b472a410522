/**
 * Accounts: password sign-in, local tokens, and the identity of a known user. Shared by Bearer
 * tokens (./bearer.ts) and browser sessions (./session.ts).
 */
import { getEnv, type LoadedEnv } from '@/lib/env';
import { accountDisabled, invalidCredentials } from './errors';
import { ANONYMOUS_USER_ID, isSuperadmin, type Identity } from './identity';
import { checkSignInAllowed, recordFailedSignIn, recordSuccessfulSignIn } from './login-guard';
import { verifyAgainstNothing, verifyPassword } from './passwords';
import { issueLocalToken } from './tokens';
import { findUserById, findUserByUsername, usersOf, type User } from './users';

export function identityOf(env: LoadedEnv, user: User, method: Identity['auth_method'], token: string | null, roles = user.roles): Identity {
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

export function anonymousIdentity(env: LoadedEnv): Identity {
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

/** A local access token for a user (POST /api/auth/token, and `user_jwt` for local session users). */
export function issueTokenFor(user: User): Promise<string> {
  const env = getEnv();
  return issueLocalToken({ sub: user.username, user_id: user._id, app_id: env.appId }, { secret: env.jwtSecret, minutes: env.auth.accessTokenMinutes });
}

/**
 * The identity of a signed-in session user. Local sessions get a fresh local token as `user_jwt`,
 * so plugins can call other services on their behalf as Keycloak users' plugins can.
 */
export async function identityFromSession(userId: string, keycloakAccessToken: string | null, roles?: string[]): Promise<Identity | null> {
  const env = getEnv();
  const user = await findUserById(env.appId, userId);
  if (!user || user.disabled) return null;
  const token = keycloakAccessToken ?? (await issueTokenFor(user));
  return identityOf(env, user, user.auth_provider, token, roles ?? user.roles);
}
