/**
 * Local sign-up. Every rule that must hold under concurrent sign-ups is an atomic claim (./claims.ts)
 * or a unique index, never "look, then write": one account per username (the unique index), one per
 * email (a claim), and at most one account ever made superadmin by the first-user rule (a claim).
 */
import { newId } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { ApiError, isApiError } from '@/lib/errors';
import { claimEmail, claimFirstSuperadmin, releaseEmail } from './claims';
import { checkSignUpAllowed } from './login-guard';
import { hashPassword } from './passwords';
import { DEFAULT_ROLES, FIRST_USER_ROLES, usersOf, type Registration, type User, type UserDocument } from './users';

/**
 * Creates a local account. With the first-user rule on (MOZAIKS_FIRST_USER_ADMIN, the default outside
 * production) the app's first account becomes its superadmin, so a new app has an administrator.
 * 400 USERNAME_TAKEN or EMAIL_TAKEN when either is in use, also when two sign-ups race for it.
 */
export async function createLocalUser(appId: string, registration: Registration): Promise<User> {
  const users = usersOf(appId);
  // Quick answers for the common case; the claim and the unique index below decide races.
  if (await users.findOne({ username: registration.username }, { projection: { _id: 1 } })) throw usernameTaken();
  // Also catches identity-provider accounts, which hold no email claim.
  if (await users.findOne({ email: registration.email }, { projection: { _id: 1 } })) throw new ApiError('EMAIL_TAKEN', 'Email already registered');
  // Sign-ups that overlap all see an empty app (as on several instances); the claim below picks one.
  const mayBeFirst = getEnv().auth.firstUserAdmin && (await users.countDocuments()) === 0;
  const hashedPassword = await hashPassword(registration.password);
  const userId = newId();
  await claimEmail(appId, registration.email, userId);
  const now = new Date();
  const doc: UserDocument = {
    username: registration.username,
    email: registration.email,
    full_name: registration.full_name,
    hashed_password: hashedPassword,
    roles: DEFAULT_ROLES,
    disabled: false,
    auth_provider: 'local',
    created_at: now,
    updated_at: now,
  };
  try {
    await users.insertOne({ ...doc, _id: userId });
  } catch (error) {
    await releaseEmail(appId, registration.email, userId);
    // Two sign-ups racing for one name: the unique index decides, and the loser hears why.
    if (isApiError(error) && error.errorCode === 'DUPLICATE_KEY') throw usernameTaken();
    throw error;
  }
  // Every racer that saw an empty app tries; exactly one claim succeeds.
  if (mayBeFirst && (await claimFirstSuperadmin(appId, userId))) {
    await users.updateOne({ _id: userId }, { $set: { roles: FIRST_USER_ROLES } });
    return { ...doc, roles: FIRST_USER_ROLES, _id: userId };
  }
  return { ...doc, _id: userId };
}

function usernameTaken(): ApiError {
  return new ApiError('USERNAME_TAKEN', 'Username already registered');
}

/** Sign-up from the outside world (the API and the sign-up page): the per-address limit, then the account. */
export async function registerLocalAccount(input: { registration: Registration; address: string }): Promise<User> {
  const env = getEnv();
  await checkSignUpAllowed(env.appId, input.address, env.auth.signUpsPerHour);
  return createLocalUser(env.appId, input.registration);
}
