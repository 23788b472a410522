// GET /__mozaiks/admin/notifications/channels — which delivery channels this server has configured
import { methods, route } from '@/lib/http';
import { channelStatus, NOTIFICATION_ADMIN_ROLES } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ roles: NOTIFICATION_ADMIN_ROLES }, () => ({ channels: channelStatus() })),
});
