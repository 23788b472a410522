// GET /api/identity/users/{user_id} — a user of this app, for platform services (internal-service identities only)
import { getIdentityUser } from '@/lib/connectors/core/identity';
import { userIdParam, userNotFound } from '@/lib/connectors/core/api';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ user_id: string }>({ auth: 'internal' }, async ({ params, identity }) => {
    const { user_id } = userIdParam.parse(params);
    const found = await getIdentityUser(identity.app_id, user_id);
    if (!found) throw userNotFound(user_id);
    return found;
  }),
});
