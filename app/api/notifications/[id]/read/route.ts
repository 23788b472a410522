// POST /api/notifications/[id]/read — mark one notification read
import { methods, route } from '@/lib/http';
import { setRead } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route<{ id: string }>({}, async ({ params, identity }) => {
    await setRead({ appId: identity.app_id, userId: identity.user_id, id: params.id, read: true });
    return { message: 'Notification marked as read' };
  }),
});
