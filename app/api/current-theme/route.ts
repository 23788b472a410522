// GET /api/current-theme — the signed-in user's theme, or the app's default
import { findUserById } from '@/lib/auth/users';
import { methods, route } from '@/lib/http';
import { themeOf } from '@/lib/profile';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async ({ identity }) => ({ theme: themeOf(await findUserById(identity.app_id, identity.user_id)) })),
});
