// GET /api/auth/validate-token — whether the presented token (or session) is valid, and whose it is
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ queryToken: true }, ({ identity }) => ({ valid: true, user_id: identity.user_id, username: identity.username })),
});
