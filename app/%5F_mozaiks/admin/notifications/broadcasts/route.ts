// GET /__mozaiks/admin/notifications/broadcasts — past broadcasts, newest first
import { z } from 'zod';
import { methods, readQuery, route } from '@/lib/http';
import { listBroadcasts, NOTIFICATION_ADMIN_ROLES } from '@/lib/notifications';

const query = z.object({
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(200).default(50),
  skip: z.coerce.number({ error: 'skip must be a number' }).int().min(0).default(0),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ roles: NOTIFICATION_ADMIN_ROLES }, ({ request, identity }) => listBroadcasts(identity.app_id, readQuery(request, query))),
});
