/** The core Identity API platform services call: who a user is, their roles, and whether they hold a permission. */
import { checkPermissionInput, identityUserSchema, permissionCheckSchema, updateRolesInput, userRolesSchema } from '@/lib/connectors';
import { rolesManagedExternally, userIdParam, userNotFound } from '@/lib/connectors/core/api';
import { checkPermission as checkUserPermission, getIdentityUser, setUserRoles } from '@/lib/connectors/core/identity';
import { endpoint } from '../endpoint';

const tags = ['Identity'];

export const getUser = endpoint({
  method: 'GET',
  path: '/api/identity/users/{user_id}',
  tags,
  summary: 'A user of this app, for platform services (internal-service identities only)',
  auth: 'internal',
  params: userIdParam,
  output: identityUserSchema,
  errors: ['NOT_FOUND'],
  handler: async ({ identity, params }) => {
    const found = await getIdentityUser(identity.app_id, params.user_id);
    if (!found) throw userNotFound(params.user_id);
    return found;
  },
});

export const getUserRoles = endpoint({
  method: 'GET',
  path: '/api/identity/users/{user_id}/roles',
  tags,
  summary: "A user's roles, for platform services (internal-service identities only)",
  auth: 'internal',
  params: userIdParam,
  output: userRolesSchema,
  errors: ['NOT_FOUND'],
  handler: async ({ identity, params }) => {
    const user = await getIdentityUser(identity.app_id, params.user_id);
    if (!user) throw userNotFound(params.user_id);
    return { user_id: params.user_id, roles: user.roles };
  },
});

export const replaceUserRoles = endpoint({
  method: 'PUT',
  path: '/api/identity/users/{user_id}/roles',
  tags,
  summary: "Replace a user's roles, for platform services (internal-service identities only)",
  description: 'Takes effect at once on every instance, and is recorded in the admin audit log.',
  auth: 'internal',
  params: userIdParam,
  body: updateRolesInput,
  output: userRolesSchema,
  // ROLES_MANAGED_EXTERNALLY: the account signs in through Keycloak, whose tokens carry its roles.
  errors: ['NOT_FOUND', 'ROLES_MANAGED_EXTERNALLY'],
  handler: async ({ identity, params, body }) => {
    const outcome = await setUserRoles(identity.app_id, params.user_id, body.roles, identity);
    if (outcome === 'not_found') throw userNotFound(params.user_id);
    if (outcome === 'managed_externally') throw rolesManagedExternally();
    return { user_id: params.user_id, roles: outcome.roles };
  },
});

export const checkPermission = endpoint({
  method: 'POST',
  path: '/api/identity/check-permission',
  tags,
  summary: 'Whether a user holds a permission (internal-service identities only)',
  description: 'Permissions: `superadmin`, `role:<role>`, `plugin:<plugin>` (roles, plan and enabled state). `reason` says why.',
  auth: 'internal',
  body: checkPermissionInput,
  output: permissionCheckSchema,
  handler: ({ identity, body }) => checkUserPermission(identity.app_id, body),
});
