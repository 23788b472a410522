// POST /api/cancel-subscription — cancel one's own plan (only with ALLOW_LOCAL_SUBSCRIPTION_WRITES=true)
import { methods, route } from '@/lib/http';
import { assertSubscriptionsEnabled, cancelOwnPlan } from '@/lib/subscriptions';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({}, ({ identity }) => {
    assertSubscriptionsEnabled();
    return cancelOwnPlan(identity.app_id, identity.user_id);
  }),
});
