/**
 * Accounts: password sign-in, local tokens, and the identity of a known user. Shared by Bearer
 * tokens (./bearer.ts) and browser sessions (./session.ts).
 */
import { z } from 'zod';
import { getEnv, type LoadedEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { accountDisabled, invalidCredentials } from './errors';
import { ANONYMOUS_USER_ID, isSuperadmin, type Identity } from './identity';
import { checkSignInAllowed, recordFailedSignIn, recordSuccessfulSignIn } from './login-guard';
import { hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from './passwords';
import { issueLocalToken } from './tokens';
import { findUserById, findUserByUsername, registrationSchema, usersOf, type User } from './users';

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
  // A hash from the original runtime (bcrypt) becomes scrypt now that the password is known to be right.
  const rehashed = needsRehash(user.hashed_password!) ? { hashed_password: await hashPassword(input.password) } : {};
  await usersOf(env.appId).updateOne({ _id: user._id }, { $set: { last_login: new Date(), ...rehashed } });
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

/** What a password change takes: the current password, and a new one under the sign-up rules. */
export const passwordChangeSchema = z.object({
  current_password: z.string({ error: 'current_password is required' }).min(1, 'current_password is required'),
  new_password: registrationSchema.shape.password,
});

/**
 * Changes a local account's password after checking the current one (a wrong one counts towards the
 * lock-out like a failed sign-in). Accounts that sign in through Keycloak change it there.
 */
export async function changePassword(identity: { app_id: string; user_id: string }, input: z.output<typeof passwordChangeSchema>): Promise<void> {
  const user = await findUserById(identity.app_id, identity.user_id);
  if (!user) throw new ApiError('NOT_FOUND', 'User not found');
  if (!user.hashed_password) {
    throw new ApiError('PASSWORD_MANAGED_EXTERNALLY', 'This account signs in through the identity provider; change the password there', { status: 400 });
  }
  await checkSignInAllowed(identity.app_id, user.username, `password-change:${user._id}`);
  if (!(await verifyPassword(input.current_password, user.hashed_password))) {
    await recordFailedSignIn(identity.app_id, user.username);
    throw new ApiError('INVALID_CREDENTIALS', 'The current password is not correct', { status: 400 });
  }
  if (input.current_password === input.new_password) throw new ApiError('VALIDATION_ERROR', 'The new password must differ from the current one');
  await usersOf(identity.app_id).updateOne({ _id: user._id }, { $set: { hashed_password: await hashPassword(input.new_password), updated_at: new Date() } });
}
