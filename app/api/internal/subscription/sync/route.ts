// POST /api/internal/subscription/sync — the control plane sets a user's plan (internal-service identities only)
import { methods, readJson, route } from '@/lib/http';
import { subscriptionSyncInput, syncSubscription } from '@/lib/subscriptions';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  // Not even a superadmin: plans change only where billing happens (a service account, or INTERNAL_API_KEY).
  POST: route({ auth: 'internal' }, async ({ request, identity }) =>
    syncSubscription(identity.app_id, await readJson(request, subscriptionSyncInput)),
  ),
});
