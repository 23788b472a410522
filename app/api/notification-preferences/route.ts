// GET|POST /api/notification-preferences — the user's notification preferences (the settings page's route)
import { methods, readJson, route } from '@/lib/http';
import { getPreferences, preferencesInput, savePreferences } from '@/lib/notifications';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, ({ identity }) => getPreferences(identity.app_id, identity.user_id)),
  POST: route({}, async ({ request, identity }) => savePreferences(identity.app_id, identity.user_id, await readJson(request, preferencesInput))),
});
