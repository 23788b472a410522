/** Accounts: local sign-up and sign-in (tokens), who the caller is, and password changes. */
import { z } from 'zod';
// Not '@/lib/auth': its index also exports Auth.js's handlers, which the custom server must not load (they need Next's own modules).
import { changePassword, issueTokenFor, passwordChangeSchema, signInWithPassword } from '@/lib/auth/accounts';
import { assertLocalAccounts } from '@/lib/auth/local-accounts';
import { registerLocalAccount } from '@/lib/auth/registration';
import { findUserById, publicProfile, registrationSchema } from '@/lib/auth/users';
import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { clientAddress } from '@/lib/http/client-address';
import { startTrial } from '@/lib/subscriptions';
import { endpoint } from '../endpoint';

const tags = ['Auth'];

/** What sign-up and sign-in answer: the original's shape. */
const tokenAnswer = z.object({
  access_token: z.string().describe('A local access token: send it as `Authorization: Bearer <token>`'),
  token_type: z.literal('bearer'),
  user_id: z.string(),
  username: z.string(),
});

/** The OAuth2 password form the original's clients send. */
const credentials = z.object({
  username: z.string({ error: 'username is required' }).min(1, 'username is required').max(100),
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(1000),
});

/** The codes password hashing and the sign-in/sign-up guards answer (lib/auth/login-guard.ts, passwords.ts). */
const GUARDED = ['RATE_LIMITED', 'SERVICE_UNAVAILABLE'] as const;

export const getMe = endpoint({
  method: 'GET',
  path: '/api/auth/me',
  tags,
  summary: "The signed-in user's profile",
  queryToken: true,
  output: z.object({
    user_id: z.string(),
    username: z.string(),
    email: z.string().nullable(),
    full_name: z.string().nullable(),
    roles: z.array(z.string()).describe("The roles this request holds (a Keycloak token's own, for Keycloak users)"),
    is_superadmin: z.boolean(),
  }),
  errors: ['NOT_FOUND'],
  handler: async ({ identity }) => {
    const user = await findUserById(identity.app_id, identity.user_id);
    if (!user) throw new ApiError('NOT_FOUND', 'User not found');
    return { ...publicProfile(user), roles: identity.roles, is_superadmin: identity.is_superadmin };
  },
});

/** What signing up and signing in answer: an access token for the account. */
async function tokenFor(user: Parameters<typeof issueTokenFor>[0]) {
  return { access_token: await issueTokenFor(user), token_type: 'bearer' as const, user_id: user._id, username: user.username };
}

export const registerAccount = endpoint({
  method: 'POST',
  path: '/api/auth/register',
  tags,
  summary: 'Create a local account (JSON) and get an access token',
  description: 'Starts the trial plan when the app has one. 404 when the app signs in through Keycloak only (AUTH_LOCAL_ACCOUNTS=false).',
  auth: 'public',
  body: registrationSchema,
  output: tokenAnswer,
  errors: ['NOT_FOUND', 'USERNAME_TAKEN', 'EMAIL_TAKEN', ...GUARDED],
  handler: async ({ request, body }) => {
    assertLocalAccounts();
    const user = await registerLocalAccount({ registration: body, address: clientAddress(request) });
    await startTrial(getEnv().appId, user._id);
    return tokenFor(user);
  },
});

export const exchangePasswordForToken = endpoint({
  method: 'POST',
  path: '/api/auth/token',
  tags,
  summary: 'Exchange a username and password (OAuth2 password form) for an access token',
  description: 'Five wrong passwords lock the account for a while (429 ACCOUNT_LOCKED); 404 when local accounts are off.',
  auth: 'public',
  body: credentials,
  bodyType: 'form',
  output: tokenAnswer,
  errors: ['NOT_FOUND', 'INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'ACCOUNT_LOCKED', ...GUARDED],
  handler: async ({ request, body }) => {
    assertLocalAccounts();
    return tokenFor(await signInWithPassword({ username: body.username, password: body.password, address: clientAddress(request) }));
  },
});

export const validateToken = endpoint({
  method: 'GET',
  path: '/api/auth/validate-token',
  tags,
  summary: 'Whether the presented token (or session) is valid, and whose it is',
  description: 'An invalid or expired token answers 401, never `valid: false`.',
  queryToken: true,
  output: z.object({ valid: z.literal(true), user_id: z.string(), username: z.string() }),
  handler: ({ identity }) => ({ valid: true, user_id: identity.user_id, username: identity.username }),
});

export const changeUserPassword = endpoint({
  method: 'POST',
  path: '/api/change-password',
  tags,
  summary: "Change a local account's password (the settings page's password-change field)",
  description: 'A wrong current password counts towards the lock-out like a failed sign-in. Keycloak accounts change it there.',
  body: passwordChangeSchema,
  output: z.object({ message: z.literal('Password changed successfully') }),
  errors: ['NOT_FOUND', 'PASSWORD_MANAGED_EXTERNALLY', ['INVALID_CREDENTIALS', 400], 'ACCOUNT_LOCKED', ...GUARDED],
  handler: async ({ identity, body }) => {
    await changePassword(identity, body);
    return { message: 'Password changed successfully' };
  },
});
