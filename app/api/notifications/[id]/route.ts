// DELETE /api/notifications/[id] — delete one notification
import { methods, route } from '@/lib/http';
import { deleteNotification } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  DELETE: route<{ id: string }>({}, async ({ params, identity }) => {
    await deleteNotification(identity.app_id, identity.user_id, params.id);
    return { message: 'Notification deleted' };
  }),
});
