/**
 * Account administration (the reference's `/__mozaiks/admin/users*`): list and search accounts,
 * suspend and unsuspend them, reset passwords. A suspended account can neither sign in nor call the
 * API; every instance forgets its cached identities at once.
 */
import { z } from 'zod';
import { forgetIdentitiesOf } from '@/lib/auth/bearer';
import type { Identity } from '@/lib/auth/identity';
import { hashPassword } from '@/lib/auth/passwords';
import { registrationSchema, usersOf, type User } from '@/lib/auth/users';
import { publish, subscribe } from '@/lib/events';
import { ApiError } from '@/lib/errors';
import { processSingleton } from '@/lib/runtime/global';
import { recordAdminAction } from './audit';

export const MAX_PAGE_SIZE = 100;

const listener = processSingleton('admin-users', () => ({ subscribed: false }));

/** Every instance drops the cached identities of an account an administrator changed. */
export function listenForAccountChanges(): void {
  if (listener.subscribed) return;
  listener.subscribed = true;
  subscribe('user_account_changed', ({ user_id }) => forgetIdentitiesOf(user_id), { id: 'bearer-cache-invalidation', everyInstance: true });
}

export const userListQuery = z.object({
  page: z.coerce.number({ error: 'page must be a number' }).int().min(1).default(1),
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(MAX_PAGE_SIZE).default(20),
  q: z.string().trim().max(100).default(''),
  disabled: z.enum(['true', 'false'], { error: 'disabled must be true or false' }).optional(),
});

function item(user: User) {
  return {
    id: user._id,
    username: user.username,
    email: user.email ?? null,
    full_name: user.full_name ?? null,
    roles: user.roles,
    disabled: user.disabled,
    auth_provider: user.auth_provider,
    createdAt: user.created_at.toISOString(),
    lastLoginAt: user.last_login?.toISOString() ?? null,
  };
}

export async function listUsers(appId: string, query: z.output<typeof userListQuery>) {
  const filter: Record<string, unknown> = {};
  if (query.q) {
    const pattern = query.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    filter.$or = [{ username: { $regex: pattern, $options: 'i' } }, { email: { $regex: pattern, $options: 'i' } }, { full_name: { $regex: pattern, $options: 'i' } }];
  }
  if (query.disabled !== undefined) filter.disabled = query.disabled === 'true';
  const users = usersOf(appId);
  const [found, total] = await Promise.all([
    users.find(filter, { sort: { created_at: -1 }, skip: (query.page - 1) * query.limit, limit: query.limit }),
    users.countDocuments(filter),
  ]);
  return { items: found.map(item), page: query.page, limit: query.limit, total, pages: Math.max(1, Math.ceil(total / query.limit)) };
}

export async function getUser(appId: string, userId: string) {
  const user = await usersOf(appId).findOne({ _id: userId });
  if (!user) throw new ApiError('NOT_FOUND', 'User not found');
  return item(user);
}

export const userActionInput = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('suspendUser'), targetIds: z.array(z.string().min(1)).min(1).max(100) }),
    z.object({ action: z.literal('unsuspendUser'), targetIds: z.array(z.string().min(1)).min(1).max(100) }),
    z.object({
      action: z.literal('resetPassword'),
      targetIds: z.array(z.string().min(1)).min(1).max(100),
      params: z.object({ newPassword: registrationSchema.shape.password }, { error: 'params.newPassword is required' }),
    }),
  ],
  { error: 'action must be suspendUser, unsuspendUser or resetPassword' },
);

const VERB = { suspendUser: 'Suspended', unsuspendUser: 'Unsuspended', resetPassword: 'Reset the password of' } as const;
const CHANGE = { suspendUser: 'suspended', unsuspendUser: 'unsuspended', resetPassword: 'password_reset' } as const;

/** Applies one action to up to 100 accounts; an administrator cannot suspend their own account. */
export async function actOnUsers(actor: Identity, input: z.output<typeof userActionInput>) {
  const users = usersOf(actor.app_id);
  const errors: { id: string; detail: string }[] = [];
  let affected = 0;
  const hashed = input.action === 'resetPassword' ? await hashPassword(input.params.newPassword) : undefined;
  for (const id of [...new Set(input.targetIds)]) {
    if (input.action === 'suspendUser' && id === actor.user_id) {
      errors.push({ id, detail: 'You cannot suspend your own account' });
      continue;
    }
    if (input.action === 'resetPassword' && (await users.findOne({ _id: id }, { projection: { auth_provider: 1 } }))?.auth_provider === 'keycloak') {
      errors.push({ id, detail: 'This account signs in through the identity provider; reset its password there' });
      continue;
    }
    const change: Record<string, unknown> =
      input.action === 'resetPassword' ? { hashed_password: hashed } : { disabled: input.action === 'suspendUser' };
    const { matchedCount } = await users.updateOne({ _id: id }, { $set: { ...change, updated_at: new Date() } });
    if (matchedCount === 0) {
      errors.push({ id, detail: 'User not found' });
      continue;
    }
    affected += 1;
    forgetIdentitiesOf(id);
    publish('user_account_changed', { user_id: id, change: CHANGE[input.action] }, { appId: actor.app_id, userId: actor.user_id });
    await recordAdminAction(actor, input.action, id);
  }
  return { success: errors.length === 0, affected, message: `${VERB[input.action]} ${affected} user(s)`, errors: errors.length ? errors : null };
}
