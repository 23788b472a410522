// POST /__mozaiks/admin/notifications/broadcast — send one notification to many users, and record it
import { methods, readJson, route } from '@/lib/http';
import { broadcastInput, broadcastNotification, NOTIFICATION_ADMIN_ROLES } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({ roles: NOTIFICATION_ADMIN_ROLES }, async ({ request, identity }) =>
    broadcastNotification({ appId: identity.app_id, sender: identity, input: await readJson(request, broadcastInput) }),
  ),
});
