/**
 * Atomic claims on things exactly one account may hold (declared in ./collections.ts). A claim is a
 * document whose unique `key` only one insert can create, so it holds under concurrent requests on
 * every store and across instances.
 */
import { database, type Collection } from '@/lib/db';
import { ApiError, isApiError } from '@/lib/errors';
import { usersOf } from './users';

interface ClaimDocument {
  [key: string]: unknown;
  key: string;
  user_id: string;
  created_at: Date;
}

const FIRST_SUPERADMIN = 'first-superadmin';

function claimsOf(appId: string): Collection<ClaimDocument> {
  return database({ appId }).collection<ClaimDocument>('account_claims');
}

function isDuplicate(error: unknown): boolean {
  return isApiError(error) && error.errorCode === 'DUPLICATE_KEY';
}

/** Inserts the claim; false when someone holds it already. */
async function take(appId: string, key: string, userId: string): Promise<boolean> {
  try {
    await claimsOf(appId).insertOne({ key, user_id: userId, created_at: new Date() });
    return true;
  } catch (error) {
    if (isDuplicate(error)) return false;
    throw error;
  }
}

/**
 * Makes `email` this user's, or throws 400 EMAIL_TAKEN. A claim left by an account that no longer
 * exists (deleted, or a sign-up that failed after claiming) passes to the new one, by a conditional
 * update that only one contender can win.
 */
export async function claimEmail(appId: string, email: string, userId: string): Promise<void> {
  const key = `email:${email}`;
  if (await take(appId, key, userId)) return;
  const held = await claimsOf(appId).findOne({ key });
  const holderGone = held && held.user_id !== userId && !(await usersOf(appId).findOne({ _id: held.user_id }, { projection: { _id: 1 } }));
  if (holderGone && !(await usersOf(appId).findOne({ email }, { projection: { _id: 1 } }))) {
    const { modifiedCount } = await claimsOf(appId).updateOne({ key, user_id: held.user_id }, { $set: { user_id: userId, created_at: new Date() } });
    if (modifiedCount === 1) return;
  }
  if (held?.user_id === userId) return;
  throw new ApiError('EMAIL_TAKEN', 'Email already registered');
}

/** Gives up this user's claim on `email` (their sign-up failed, or they changed address). */
export async function releaseEmail(appId: string, email: string, userId: string): Promise<void> {
  await claimsOf(appId).deleteOne({ key: `email:${email}`, user_id: userId });
}

/** True for exactly one caller in an app's lifetime: the account the first-user rule makes superadmin. */
export function claimFirstSuperadmin(appId: string, userId: string): Promise<boolean> {
  return take(appId, FIRST_SUPERADMIN, userId);
}
