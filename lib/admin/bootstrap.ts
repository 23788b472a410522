/**
 * The first administrator of a production app, made by the operator (`npm run admin:create`) rather
 * than by whoever signs up first: in production the first-user rule is off (MOZAIKS_FIRST_USER_ADMIN),
 * so a public sign-up page never hands the app to a stranger.
 */
import { randomBytes } from 'node:crypto';
import { createLocalUser } from '@/lib/auth/registration';
import { findUserByUsername, registrationSchema, usersOf } from '@/lib/auth/users';
import { getEnv } from '@/lib/env';

export const SUPERADMIN_ROLE = 'superadmin';

export interface AdministratorRequest {
  username: string;
  email?: string;
  fullName?: string;
  /** Unset: a strong one is generated and returned once. */
  password?: string;
}

export interface AdministratorResult {
  username: string;
  user_id: string;
  /** `created`: a new account; `promoted`: an existing account now holds the superadmin role. */
  outcome: 'created' | 'promoted' | 'already_superadmin';
  /** The generated password, when one was made. */
  generatedPassword?: string;
}

/** A password that passes the sign-up rules and is typed once: 24 characters of base64url. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Gives the app a superadmin: promotes the account `username` if it exists, else creates it as a
 * local account (email required then). Throws the sign-up rules' ZodError or ApiError on bad input.
 */
export async function createAdministrator(request: AdministratorRequest): Promise<AdministratorResult> {
  const { appId } = getEnv();
  const existing = await findUserByUsername(appId, request.username);
  if (existing) {
    if (existing.roles.includes(SUPERADMIN_ROLE)) return { username: existing.username, user_id: existing._id, outcome: 'already_superadmin' };
    await usersOf(appId).updateOne({ _id: existing._id }, { $addToSet: { roles: SUPERADMIN_ROLE }, $set: { updated_at: new Date() } });
    return { username: existing.username, user_id: existing._id, outcome: 'promoted' };
  }
  const generatedPassword = request.password ? undefined : generatePassword();
  const registration = registrationSchema.parse({
    username: request.username,
    email: request.email,
    full_name: request.fullName ?? request.username,
    password: request.password ?? generatedPassword,
  });
  const user = await createLocalUser(appId, registration);
  if (!user.roles.includes(SUPERADMIN_ROLE)) {
    await usersOf(appId).updateOne({ _id: user._id }, { $addToSet: { roles: SUPERADMIN_ROLE }, $set: { updated_at: new Date() } });
  }
  return { username: user.username, user_id: user._id, outcome: 'created', ...(generatedPassword ? { generatedPassword } : {}) };
}

/** Whether the app has any superadmin account: start-up says how to make one when it has not. */
export async function hasSuperadmin(): Promise<boolean> {
  const { appId, auth } = getEnv();
  return (await usersOf(appId).countDocuments({ roles: { $in: auth.superadminRoles } })) > 0;
}
