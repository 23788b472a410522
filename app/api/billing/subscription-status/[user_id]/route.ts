// GET /api/billing/subscription-status/{user_id} — a user's plan and whether it is in force (internal-service identities only)
import { billingSubscriptionStatus } from '@/lib/connectors/core/billing';
import { userIdParam, userNotFound } from '@/lib/connectors/core/api';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ user_id: string }>({ auth: 'internal' }, async ({ params, identity }) => {
    const { user_id } = userIdParam.parse(params);
    const found = await billingSubscriptionStatus(identity.app_id, user_id);
    if (!found) throw userNotFound(user_id);
    return found;
  }),
});
