// POST /api/notifications/preferences — change the user's notification preferences (same store as /api/notification-preferences)
import { methods, readJson, route } from '@/lib/http';
import { preferencesInput, savePreferences } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({}, async ({ request, identity }) => {
    const preferences = await savePreferences(identity.app_id, identity.user_id, await readJson(request, preferencesInput));
    return { message: 'Notification preferences updated successfully', preferences };
  }),
});
