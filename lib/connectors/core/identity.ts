/**
 * The core Identity API over this app's own users: served at /api/identity/* to internal services,
 * and used in process by the self-hosted identity connector. It trusts its caller; whoever calls it
 * decides who may (the route: internal services only; the connector: the user themselves or a superadmin).
 */
import { recordAdminAction } from '@/lib/admin/audit';
import { forgetIdentitiesOf } from '@/lib/auth/bearer';
import { isSuperadmin, type Identity } from '@/lib/auth/identity';
import { publicProfile, usersOf, type User } from '@/lib/auth/users';
import { getEnv } from '@/lib/env';
import { publish } from '@/lib/events';
import { pluginAccess } from '@/lib/plugins/access';
import { getCatalogPlugin } from '@/lib/plugins/catalog';
import type { IdentityUser, PERMISSION_REASONS, PermissionCheck } from '../services/identity';

function present(user: User): IdentityUser {
  return {
    ...publicProfile(user),
    is_superadmin: isSuperadmin(user.roles, getEnv().auth.superadminRoles),
    disabled: user.disabled,
    auth_provider: user.auth_provider,
    created_at: user.created_at?.toISOString() ?? null,
  };
}

/** The identity a stored user would have when signed in, for questions asked about them by someone else (no token). */
export function identityOfUser(appId: string, user: User): Identity {
  return {
    app_id: appId,
    user_id: user._id,
    username: user.username,
    email: user.email ?? null,
    roles: user.roles,
    is_superadmin: isSuperadmin(user.roles, getEnv().auth.superadminRoles),
    user_jwt: null,
    auth_method: user.auth_provider,
  };
}

export async function getIdentityUser(appId: string, userId: string): Promise<IdentityUser | null> {
  const user = await usersOf(appId).findOne({ _id: userId });
  return user ? present(user) : null;
}

/**
 * Replaces a user's roles. Refused for accounts that sign in through Keycloak: their roles come with
 * every token and would be overwritten at the next sign-in, so the change belongs in Keycloak.
 */
export async function setUserRoles(appId: string, userId: string, roles: string[], actor: Identity): Promise<{ roles: string[] } | 'not_found' | 'managed_externally'> {
  const users = usersOf(appId);
  const user = await users.findOne({ _id: userId }, { projection: { auth_provider: 1 } });
  if (!user) return 'not_found';
  if (user.auth_provider === 'keycloak') return 'managed_externally';
  const unique = [...new Set(roles)];
  await users.updateOne({ _id: userId }, { $set: { roles: unique, updated_at: new Date() } });
  // Cached identities carry the old roles; every instance drops them (as after a suspension).
  forgetIdentitiesOf(userId);
  publish('user_account_changed', { user_id: userId, change: 'roles_changed' }, { appId, userId: actor.user_id });
  await recordAdminAction(actor, 'updateRoles', userId, { roles: unique });
  return { roles: unique };
}

type PermissionReason = (typeof PERMISSION_REASONS)[number];

export async function checkPermission(appId: string, input: { user_id: string; permission: string }): Promise<PermissionCheck> {
  const answer = (allowed: boolean, reason: PermissionReason): PermissionCheck => ({ user_id: input.user_id, permission: input.permission, allowed, reason });
  const user = await usersOf(appId).findOne({ _id: input.user_id });
  if (!user) return answer(false, 'user_not_found');
  if (user.disabled) return answer(false, 'user_disabled');
  const superadmin = isSuperadmin(user.roles, getEnv().auth.superadminRoles);
  if (input.permission === 'superadmin') return answer(superadmin, superadmin ? 'is_superadmin' : 'not_superadmin');
  if (input.permission.startsWith('role:')) {
    const role = input.permission.slice('role:'.length);
    return user.roles.includes(role) ? answer(true, 'has_role') : answer(false, 'missing_role');
  }
  const plugin = getCatalogPlugin(input.permission.slice('plugin:'.length));
  if (!plugin) return answer(false, 'unknown_plugin');
  return (await pluginAccess(identityOfUser(appId, user)))(plugin) ? answer(true, 'plugin_allowed') : answer(false, 'plugin_not_allowed');
}
