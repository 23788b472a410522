// GET, PUT /api/identity/users/{user_id}/roles — a user's roles, read or replaced by platform services (internal-service identities only)
import { updateRolesInput } from '@/lib/connectors';
import { getIdentityUser, setUserRoles } from '@/lib/connectors/core/identity';
import { rolesManagedExternally, userIdParam, userNotFound } from '@/lib/connectors/core/api';
import { methods, readJson, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ user_id: string }>({ auth: 'internal' }, async ({ params, identity }) => {
    const { user_id } = userIdParam.parse(params);
    const user = await getIdentityUser(identity.app_id, user_id);
    if (!user) throw userNotFound(user_id);
    return { user_id, roles: user.roles };
  }),
  PUT: route<{ user_id: string }>({ auth: 'internal' }, async ({ request, params, identity }) => {
    const { user_id } = userIdParam.parse(params);
    const { roles } = await readJson(request, updateRolesInput);
    const outcome = await setUserRoles(identity.app_id, user_id, roles, identity);
    if (outcome === 'not_found') throw userNotFound(user_id);
    if (outcome === 'managed_externally') throw rolesManagedExternally();
    return { user_id, roles: outcome.roles };
  }),
});
