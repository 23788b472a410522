// POST /api/notifications/mark-all-read — mark every notification of the user read
import { publish } from '@/lib/events';
import { methods, route } from '@/lib/http';
import { markAllRead } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({}, async ({ identity }) => {
    const updated = await markAllRead(identity.app_id, identity.user_id);
    publish('all_notifications_read', { user_id: identity.user_id }, { appId: identity.app_id, userId: identity.user_id });
    return { message: 'All notifications marked as read', updated };
  }),
});
