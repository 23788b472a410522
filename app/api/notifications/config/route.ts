// GET /api/notifications/config — the notification types, categories and channels, with the user's preferences
import { methods, route } from '@/lib/http';
import { notificationsOverview } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, ({ identity }) => notificationsOverview(identity)),
});
