// GET /api/user-subscription — the signed-in user's plan, status and trial
import { methods, route } from '@/lib/http';
import { assertSubscriptionsEnabled, userSubscription } from '@/lib/subscriptions';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, ({ identity }) => {
    assertSubscriptionsEnabled();
    return userSubscription(identity.app_id, identity.user_id);
  }),
});
