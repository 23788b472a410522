import type { ConnectorBinding } from '../binding';
import { checkPermission, getIdentityUser, setUserRoles } from '../core/identity';
import { FORBIDDEN } from '../results';
import { checkPermissionInput, updateRolesInput, type IdentityConnector } from '../services/identity';

/** Answers from this app's users collection, as the caller may see it: their own record, anyone's for a superadmin. */
export function selfHostedIdentity({ appId, identity }: ConnectorBinding): IdentityConnector {
  const mayRead = (userId: string) => identity.is_superadmin || identity.user_id === userId;
  return {
    async getUser(userId) {
      if (!mayRead(userId)) return FORBIDDEN;
      return { available: true, user: await getIdentityUser(appId, userId) };
    },
    async getRoles(userId) {
      if (!mayRead(userId)) return FORBIDDEN;
      return { available: true, roles: (await getIdentityUser(appId, userId))?.roles ?? null };
    },
    async updateRoles(userId, roles) {
      // Granting roles is a superadmin's act, as in the admin area; a plugin cannot raise its caller.
      if (!identity.is_superadmin) return { ok: false, reason: 'forbidden' };
      const outcome = await setUserRoles(appId, userId, updateRolesInput.parse({ roles }).roles, identity);
      return typeof outcome === 'string' ? { ok: false, reason: outcome } : { ok: true, roles: outcome.roles };
    },
    async checkPermission(input) {
      const body = checkPermissionInput.parse(input);
      if (!mayRead(body.user_id)) return { user_id: body.user_id, permission: body.permission, allowed: false, reason: 'forbidden' };
      return checkPermission(appId, body);
    },
  };
}
