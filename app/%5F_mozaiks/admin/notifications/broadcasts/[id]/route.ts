// GET /__mozaiks/admin/notifications/broadcasts/[id] — one broadcast and its outcome
import { methods, route } from '@/lib/http';
import { getBroadcast, NOTIFICATION_ADMIN_ROLES } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ id: string }>({ roles: NOTIFICATION_ADMIN_ROLES }, ({ params, identity }) => getBroadcast(identity.app_id, params.id)),
});
