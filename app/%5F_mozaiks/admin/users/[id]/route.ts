// GET /__mozaiks/admin/users/[id] — one account (admin key or superadmin)
import { getUser } from '@/lib/admin/users';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ id: string }>({ auth: 'admin' }, ({ params, identity }) => getUser(identity.app_id, params.id)),
});
