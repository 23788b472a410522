// POST /__mozaiks/admin/notifications/schedule — send a notification to one user at a given time
import { z } from 'zod';
import { notificationChannel } from '@/lib/config/schemas/notifications';
import { findUserById } from '@/lib/auth/users';
import { ApiError, methods, readJson, route } from '@/lib/http';
import { NOTIFICATION_ADMIN_ROLES, scheduleNotification } from '@/lib/notifications';

const body = z.object({
  user_id: z.string({ error: 'user_id is required' }).min(1, 'user_id is required'),
  notification_type: z.string().trim().min(1).max(100).default('admin_scheduled'),
  title: z.string({ error: 'title is required' }).trim().min(1, 'title is required').max(200),
  message: z.string({ error: 'message is required' }).trim().min(1, 'message is required').max(5_000),
  scheduled_for: z.iso.datetime({ offset: true, error: 'scheduled_for must be an ISO 8601 date-time' }).transform((value) => new Date(value)),
  channels: z.array(notificationChannel).min(1).optional(),
  metadata: z.record(z.string(), z.unknown()).default({}),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({ roles: NOTIFICATION_ADMIN_ROLES }, async ({ request, identity }) => {
    const input = await readJson(request, body);
    if (!(await findUserById(identity.app_id, input.user_id))) throw new ApiError('NOT_FOUND', `User '${input.user_id}' not found`);
    const id = await scheduleNotification({
      appId: identity.app_id,
      userId: input.user_id,
      type: input.notification_type,
      title: input.title,
      message: input.message,
      metadata: input.metadata,
      channels: input.channels,
      scheduledFor: input.scheduled_for,
    });
    return { success: true, notification_id: id };
  }),
});
