// GET /api/notifications — the signed-in user's inbox, newest first
import { z } from 'zod';
import { methods, readQuery, route } from '@/lib/http';
import { listNotifications, MAX_PAGE_SIZE } from '@/lib/notifications';

const query = z.object({
  unread_only: z.enum(['true', 'false', '1', '0'], { error: 'unread_only must be true or false' }).default('false').transform((value) => value === 'true' || value === '1'),
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(MAX_PAGE_SIZE).default(20),
  offset: z.coerce.number({ error: 'offset must be a number' }).int().min(0).default(0),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async ({ request, identity }) => {
    const { unread_only, limit, offset } = readQuery(request, query);
    const page = await listNotifications({ appId: identity.app_id, userId: identity.user_id, unreadOnly: unread_only, limit, offset });
    return {
      notifications: page.notifications,
      count: page.notifications.length,
      total: page.total,
      unread_count: page.unread_count,
      unread_only,
      timestamp: Math.floor(Date.now() / 1000),
    };
  }),
});
