// DELETE /__mozaiks/admin/notifications/schedule/[id] — cancel a scheduled notification that has not gone out
import { ApiError, methods, route } from '@/lib/http';
import { cancelScheduledNotification, NOTIFICATION_ADMIN_ROLES } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  DELETE: route<{ id: string }>({ roles: NOTIFICATION_ADMIN_ROLES }, async ({ params, identity }) => {
    if (!(await cancelScheduledNotification(identity.app_id, { id: params.id }))) {
      throw new ApiError('NOT_FOUND', 'Scheduled notification not found or already sent');
    }
    return { success: true };
  }),
});
