// POST /api/billing/feature-access — whether a user may use a plugin, or one of its features (internal-service identities only)
import { featureAccessInput } from '@/lib/connectors';
import { featureAccess } from '@/lib/connectors/core/billing';
import { methods, readJson, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({ auth: 'internal' }, async ({ request, identity }) => featureAccess(identity.app_id, await readJson(request, featureAccessInput))),
});
