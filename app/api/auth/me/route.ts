// GET /api/auth/me — the signed-in user's profile
import { findUserById, publicProfile } from '@/lib/auth';
import { ApiError, methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ queryToken: true }, async ({ identity }) => {
    const user = await findUserById(identity.app_id, identity.user_id);
    if (!user) throw new ApiError('NOT_FOUND', 'User not found');
    return { ...publicProfile(user), roles: identity.roles, is_superadmin: identity.is_superadmin };
  }),
});
