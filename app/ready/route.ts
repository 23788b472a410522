// GET /ready — readiness: 200 once start-up is complete and every required dependency answers, else 503
import { json, methods, route } from '@/lib/http';
import { databaseDetails } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getReadiness } from '@/lib/runtime/lifecycle';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: 'public' }, async () => {
    const { appId, appTier } = getEnv();
    const readiness = await getReadiness();
    // The embedded store's size, so an operator sees it approach the size where MongoDB is the answer (docs/data.md).
    const details = { database: databaseDetails() };
    if (readiness.ready) return { status: 'ready', app_id: appId, app_tier: appTier, details };
    return json({ status: 'not_ready', reason: readiness.reason, app_id: appId, details }, { status: 503, headers: { 'Retry-After': '5' } });
  }),
});
