// GET /__mozaiks/admin/users — accounts, newest first, searchable (admin key or superadmin)
import { listUsers, userListQuery } from '@/lib/admin/users';
import { methods, readQuery, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: 'admin' }, ({ request, identity }) => listUsers(identity.app_id, readQuery(request, userListQuery))),
});
