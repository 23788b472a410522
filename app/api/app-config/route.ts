// GET /api/app-config — public app settings the browser needs before sign-in
import { methods, route } from '@/lib/http';
import { getRuntimeInfo } from '@/lib/runtime/info';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: 'public' }, () => {
    const info = getRuntimeInfo();
    return { monetization_enabled: info.monetization, app_name: info.appName, app_version: info.runtimeVersion, env: info.env };
  }),
});
