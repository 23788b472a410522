// POST /api/push/unsubscribe — stop pushing to this browser
import { z } from 'zod';
import { methods, readJson, route } from '@/lib/http';
import { deletePushSubscription } from '@/lib/notifications';

const body = z.object({ subscription: z.object({ endpoint: z.url({ error: 'subscription.endpoint must be a URL' }) }) });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({}, async ({ request, identity }) => {
    const { subscription } = await readJson(request, body);
    const removed = await deletePushSubscription({ appId: identity.app_id, userId: identity.user_id, endpoint: subscription.endpoint });
    return { success: removed, message: removed ? 'Unsubscribed from push notifications' : 'Subscription not found' };
  }),
});
