import { declareCollection } from '@/lib/db/declare';

/**
 * `users`: one document per person who can sign in to the app. `_id` is the user id every other
 * collection refers to: a generated id for local accounts and for identity-provider users alike,
 * whose provider subject is kept in `external_user_id`.
 */
export const usersCollection = declareCollection({
  name: 'users',
  scope: 'app',
  indexes: [
    { keys: { username: 1 }, unique: true, serves: 'sign-in and profile lookup by username; one account per name' },
    { keys: { email: 1 }, serves: 'sign-up duplicate check and lookup by email (may be absent for provider users)' },
    { keys: { external_user_id: 1 }, serves: 'just-in-time provisioning: find the user for an identity-provider subject' },
    { keys: { created_at: -1 }, serves: 'admin user list, newest first' },
  ],
});

/** Sign-in counters are forgotten a day after their last change. */
export const LOGIN_ATTEMPT_RETENTION_SECONDS = 24 * 60 * 60;

/** `login_attempts`: failed sign-ins per account and attempts per client address (see ./login-guard.ts). */
export const loginAttemptsCollection = declareCollection({
  name: 'login_attempts',
  scope: 'app',
  indexes: [
    { keys: { key: 1 }, unique: true, serves: 'one counter per account or client address' },
    { keys: { updated_at: 1 }, expireAfterSeconds: LOGIN_ATTEMPT_RETENTION_SECONDS, serves: 'retention' },
  ],
});

/**
 * `account_claims`: one document per thing exactly one account may hold, taken by inserting its key —
 * an atomic claim on every store, where "count, then insert" let eight racing sign-ups all become
 * superadmin. Keys: `first-superadmin` (the one account the first-user rule ever promotes) and
 * `email:<address>` (one local account per email; see ./claims.ts).
 */
export const accountClaimsCollection = declareCollection({
  name: 'account_claims',
  scope: 'app',
  indexes: [{ keys: { key: 1 }, unique: true, serves: 'the claim itself: a second insert of a key fails' }],
});
