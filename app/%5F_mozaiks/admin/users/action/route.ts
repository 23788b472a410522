// POST /__mozaiks/admin/users/action — suspend, unsuspend or reset the password of accounts (audited)
import { actOnUsers, userActionInput } from '@/lib/admin/users';
import { methods, readJson, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({ auth: 'admin' }, async ({ request, identity }) => actOnUsers(identity, await readJson(request, userActionInput))),
});
