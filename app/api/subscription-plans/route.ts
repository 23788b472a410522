// GET /api/subscription-plans — the plans of subscription_config.json (MONETIZATION=1; signed-in users only, unlike the original)
import { getConfigs } from '@/lib/config';
import { methods, route } from '@/lib/http';
import { assertSubscriptionsEnabled } from '@/lib/subscriptions';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, () => {
    assertSubscriptionsEnabled();
    return getConfigs().subscription;
  }),
});
