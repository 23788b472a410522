// GET /api/billing/usage/{user_id} — what a user used of each metered plugin limit this period (internal-service identities only)
import { usageOf } from '@/lib/connectors/core/billing';
import { userIdParam, userNotFound } from '@/lib/connectors/core/api';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ user_id: string }>({ auth: 'internal' }, async ({ params, identity }) => {
    const { user_id } = userIdParam.parse(params);
    const found = await usageOf(identity.app_id, user_id);
    if (!found) throw userNotFound(user_id);
    return found;
  }),
});
