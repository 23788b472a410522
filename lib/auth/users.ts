import { z } from 'zod';
import { database, type Collection, type WithId } from '@/lib/db';
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from './passwords';

/** A document of the `users` collection (declared in ./collections.ts). */
export interface UserDocument {
  [key: string]: unknown;
  /** Lower-case; unique per app. */
  username: string;
  email?: string | null;
  full_name?: string | null;
  /** E.164 phone number for SMS notifications, set in the profile. */
  phone?: string | null;
  /** scrypt hash (bcrypt for accounts from the original runtime until their next sign-in); absent for users who sign in through Keycloak. */
  hashed_password?: string;
  roles: string[];
  disabled: boolean;
  auth_provider: 'local' | 'keycloak';
  /** The identity provider's subject (`sub`) for provisioned users. */
  external_user_id?: string;
  created_at: Date;
  updated_at: Date;
  last_login?: Date;
}

export type User = WithId<UserDocument>;

/** Roles every local account has; the first account of an app may also get `superadmin` (./registration.ts). */
export const DEFAULT_ROLES = ['user'];
export const FIRST_USER_ROLES = ['user', 'superadmin'];

export function usersOf(appId: string): Collection<UserDocument> {
  return database({ appId }).collection<UserDocument>('users');
}

/** What sign-up accepts: the original's four fields, checked. */
export const registrationSchema = z.object({
  username: z
    .string({ error: 'username is required' })
    .trim()
    .min(3, 'username must be at least 3 characters')
    .max(32, 'username must be at most 32 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'username may use letters, digits, "_", "." and "-", starting with a letter or digit')
    .transform((value) => value.toLowerCase()),
  password: z
    .string({ error: 'password is required' })
    .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .refine((value) => Buffer.byteLength(value) <= MAX_PASSWORD_BYTES, `password must be at most ${MAX_PASSWORD_BYTES} bytes`),
  email: z.string({ error: 'email is required' }).trim().toLowerCase().email('email must be a valid address'),
  full_name: z.string({ error: 'full_name is required' }).trim().min(1, 'full_name is required').max(120),
});

export type Registration = z.output<typeof registrationSchema>;

export function findUserById(appId: string, userId: string): Promise<User | null> {
  return usersOf(appId).findOne({ _id: userId });
}

export function findUserByUsername(appId: string, username: string): Promise<User | null> {
  return usersOf(appId).findOne({ username: username.trim().toLowerCase() });
}

export interface ExternalProfile {
  sub: string;
  username: string;
  email: string | null;
  fullName: string | null;
  roles: string[];
}

/**
 * Just-in-time provisioning for identity-provider users: finds the user for `sub`, creating it on
 * first sight and refreshing name, email and roles when they changed. Returns our user.
 */
export async function provisionExternalUser(appId: string, profile: ExternalProfile): Promise<User> {
  const users = usersOf(appId);
  const existing = await users.findOne({ external_user_id: profile.sub });
  const now = new Date();
  if (existing) {
    const changed =
      existing.email !== profile.email || existing.full_name !== profile.fullName || existing.roles.join(',') !== profile.roles.join(',');
    if (!changed) return existing;
    const updated = await users.findOneAndUpdate(
      { _id: existing._id },
      { $set: { email: profile.email, full_name: profile.fullName, roles: profile.roles, updated_at: now } },
    );
    return updated ?? existing;
  }
  // A local username may already be taken: suffix until free (rare; provider usernames are usually unique).
  let username = profile.username.toLowerCase();
  for (let attempt = 1; await users.findOne({ username }, { projection: { _id: 1 } }); attempt += 1) {
    username = `${profile.username.toLowerCase()}_${attempt}`;
  }
  const created = await users.findOneAndUpdate(
    { external_user_id: profile.sub },
    {
      $setOnInsert: {
        username,
        email: profile.email,
        full_name: profile.fullName,
        roles: profile.roles,
        disabled: false,
        auth_provider: 'keycloak',
        created_at: now,
        updated_at: now,
      },
    },
    { upsert: true },
  );
  if (!created) throw new Error('provisioning returned no user');
  return created;
}

/** The profile fields safe to send to the browser (never the password hash). */
export function publicProfile(user: User) {
  return {
    user_id: user._id,
    username: user.username,
    email: user.email ?? null,
    full_name: user.full_name ?? null,
    roles: user.roles,
  };
}
