// GET /__mozaiks/admin/subscriptions — accounts per plan, and trials under way
import { methods, route } from '@/lib/http';
import { subscriptionOverview } from '@/lib/subscriptions';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: 'admin' }, ({ identity }) => subscriptionOverview(identity.app_id)),
});
