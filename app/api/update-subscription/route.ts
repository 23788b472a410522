// POST /api/update-subscription — change one's own plan (only with ALLOW_LOCAL_SUBSCRIPTION_WRITES=true)
import { z } from 'zod';
import { methods, readJson, route } from '@/lib/http';
import { assertSubscriptionsEnabled, changeOwnPlan } from '@/lib/subscriptions';

const body = z.object({ new_plan: z.string({ error: 'New plan is required' }).trim().min(1, 'New plan is required') });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({}, async ({ request, identity }) => {
    assertSubscriptionsEnabled();
    const { new_plan } = await readJson(request, body);
    return changeOwnPlan(identity.app_id, identity.user_id, new_plan);
  }),
});
