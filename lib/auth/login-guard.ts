/**
 * Slows down password guessing and mass sign-ups: each account locks for LOCKOUT_SECONDS after
 * MAX_FAILED_SIGN_INS failures in a row, each client address may try at most MAX_ATTEMPTS_PER_ADDRESS
 * sign-ins per ADDRESS_WINDOW_SECONDS whatever the usernames, and make at most
 * MOZAIKS_SIGNUPS_PER_HOUR sign-ups an hour. Counters live in the database so every instance shares
 * them, and expire on their own. The client address comes from lib/http/client-address.ts, which
 * believes forwarded headers only from the proxies TRUST_PROXY names.
 */
import { database } from '@/lib/db';
import { ApiError } from '@/lib/errors';
import { accountLocked } from './errors';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_SECONDS = 15 * 60;
export const MAX_ATTEMPTS_PER_ADDRESS = 30;
export const ADDRESS_WINDOW_SECONDS = 60;

interface AttemptCounter {
  [key: string]: unknown;
  key: string;
  failures: number;
  window_started: Date;
  locked_until: Date | null;
  updated_at: Date;
}

const counters = (appId: string) => database({ appId }).collection<AttemptCounter>('login_attempts');

export const SIGN_UP_WINDOW_SECONDS = 60 * 60;

/**
 * Counts one attempt against `key`'s fixed window and throws 429 with Retry-After past `limit`.
 * (The counter's `failures` field counts attempts here, whatever their outcome.)
 */
async function takeAttempt(appId: string, key: string, { limit, windowSeconds, detail }: { limit: number; windowSeconds: number; detail: string }): Promise<void> {
  const now = Date.now();
  const counter = await counters(appId).findOneAndUpdate(
    { key },
    { $inc: { failures: 1 }, $set: { updated_at: new Date(now) }, $setOnInsert: { window_started: new Date(now), locked_until: null } },
    { upsert: true },
  );
  if (counter && now - counter.window_started.getTime() > windowSeconds * 1000) {
    await counters(appId).updateOne({ key }, { $set: { failures: 1, window_started: new Date(now) } });
  } else if (counter && counter.failures > limit) {
    const retryAfter = Math.ceil((counter.window_started.getTime() + windowSeconds * 1000 - now) / 1000);
    throw new ApiError('RATE_LIMITED', detail, { headers: { 'Retry-After': String(Math.max(1, retryAfter)) } });
  }
}

/** Throws before any password check when the account is locked or the address is over its rate. */
export async function checkSignInAllowed(appId: string, username: string, address: string): Promise<void> {
  const now = Date.now();
  const account = await counters(appId).findOne({ key: `account:${username}` });
  if (account?.locked_until && account.locked_until.getTime() > now) {
    throw accountLocked(Math.ceil((account.locked_until.getTime() - now) / 1000));
  }
  await takeAttempt(appId, `address:${address}`, {
    limit: MAX_ATTEMPTS_PER_ADDRESS,
    windowSeconds: ADDRESS_WINDOW_SECONDS,
    detail: 'Too many sign-in attempts from this address. Wait a minute and try again.',
  });
}

/** Throws 429 when the address has made `perHour` sign-ups this hour (0: no limit); counts this one otherwise. */
export async function checkSignUpAllowed(appId: string, address: string, perHour: number): Promise<void> {
  if (perHour === 0) return;
  await takeAttempt(appId, `sign-up:${address}`, {
    limit: perHour,
    windowSeconds: SIGN_UP_WINDOW_SECONDS,
    detail: 'Too many sign-ups from this address. Try again later.',
  });
}

/** Counts a failed password; the account locks when the count reaches MAX_FAILED_SIGN_INS. */
export async function recordFailedSignIn(appId: string, username: string): Promise<void> {
  const now = new Date();
  const counter = await counters(appId).findOneAndUpdate(
    { key: `account:${username}` },
    { $inc: { failures: 1 }, $set: { updated_at: now }, $setOnInsert: { window_started: now, locked_until: null } },
    { upsert: true },
  );
  if (counter && counter.failures >= MAX_FAILED_SIGN_INS) {
    await counters(appId).updateOne(
      { key: `account:${username}` },
      { $set: { failures: 0, locked_until: new Date(now.getTime() + LOCKOUT_SECONDS * 1000) } },
    );
    throw accountLocked(LOCKOUT_SECONDS);
  }
}

/** A correct password clears the account's failures. */
export async function recordSuccessfulSignIn(appId: string, username: string): Promise<void> {
  await counters(appId).deleteOne({ key: `account:${username}` });
}
