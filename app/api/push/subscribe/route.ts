// POST /api/push/subscribe — register this browser for the user's push notifications
import { z } from 'zod';
import { ApiError, methods, readJson, route } from '@/lib/http';
import { isPushConfigured, pushSubscriptionSchema, savePushSubscription } from '@/lib/notifications';

const body = z.object({ subscription: pushSubscriptionSchema });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({}, async ({ request, identity }) => {
    if (!isPushConfigured()) throw new ApiError('PUSH_NOT_CONFIGURED', 'Push notifications are not configured on this server');
    const { subscription } = await readJson(request, body);
    await savePushSubscription({ appId: identity.app_id, userId: identity.user_id, subscription, userAgent: request.headers.get('user-agent') });
    return { success: true, message: 'Successfully subscribed to push notifications' };
  }),
});
