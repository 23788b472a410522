// GET /api/push/status — whether push is on and how many of the user's browsers receive it
import { methods, route } from '@/lib/http';
import { countPushSubscriptions, vapidPublicKey } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async ({ identity }) => {
    const publicKey = vapidPublicKey() ?? null;
    return { enabled: publicKey !== null, subscribed_devices: await countPushSubscriptions(identity.app_id, identity.user_id), vapid_public_key: publicKey };
  }),
});
