// GET /api/notifications/count — how many unread notifications the user has (the bell's badge)
import { methods, route } from '@/lib/http';
import { countUnread } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async ({ identity }) => ({ unread_count: await countUnread(identity.app_id, identity.user_id) })),
});
