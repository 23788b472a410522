// GET /info — what this runtime is: app, tier, name, port and whether it is ready
import { getEnv } from '@/lib/env';
import { methods, route } from '@/lib/http';
import { getRuntimeInfo } from '@/lib/runtime/info';
import { getPhase } from '@/lib/runtime/lifecycle';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: 'public' }, () => {
    const info = getRuntimeInfo();
    return {
      app_id: info.appId,
      app_tier: info.appTier,
      app_name: info.appName,
      port: getEnv().port,
      ready: getPhase() === 'ready',
      runtime_version: info.runtimeVersion,
      realtime: info.realtime,
    };
  }),
});
