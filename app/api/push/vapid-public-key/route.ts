// GET /api/push/vapid-public-key — the key browsers subscribe with, and whether push is on
import { methods, route } from '@/lib/http';
import { vapidPublicKey } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: 'public' }, () => {
    const publicKey = vapidPublicKey() ?? null;
    return { publicKey, enabled: publicKey !== null };
  }),
});
