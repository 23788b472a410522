// DELETE /api/push/devices — stop pushing to every browser of the user
import { methods, route } from '@/lib/http';
import { deleteAllPushSubscriptions } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  DELETE: route({}, async ({ identity }) => ({ success: true, removed_count: await deleteAllPushSubscriptions(identity.app_id, identity.user_id) })),
});
