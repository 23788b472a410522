// POST /api/notifications/[id]/unread — mark one notification unread (a 500 in the original; works here)
import { methods, route } from '@/lib/http';
import { setRead } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route<{ id: string }>({}, async ({ params, identity }) => {
    await setRead({ appId: identity.app_id, userId: identity.user_id, id: params.id, read: false });
    return { message: 'Notification marked as unread' };
  }),
});
