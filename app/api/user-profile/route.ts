// GET /api/user-profile — the signed-in user's profile: account fields, the fields settings_config.json declares, theme
import { methods, route } from '@/lib/http';
import { getProfile } from '@/lib/profile';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, ({ identity }) => getProfile(identity)),
});
