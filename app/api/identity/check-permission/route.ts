// POST /api/identity/check-permission — whether a user holds a permission (internal-service identities only)
import { checkPermissionInput } from '@/lib/connectors';
import { checkPermission } from '@/lib/connectors/core/identity';
import { methods, readJson, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({ auth: 'internal' }, async ({ request, identity }) => checkPermission(identity.app_id, await readJson(request, checkPermissionInput))),
});
