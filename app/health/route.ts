// GET /health — liveness: the process is up and serving (no dependency checks; see /ready)
import { methods, route } from '@/lib/http';
import { getRuntimeInfo } from '@/lib/runtime/info';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: 'public' }, () => {
    const info = getRuntimeInfo();
    return { status: 'healthy', app_id: info.appId, app_tier: info.appTier, plugins_loaded: info.pluginsLoaded };
  }),
});
