// GET /__mozaiks/admin/plugins — every plugin of this build, and whether the app has it enabled
import { methods, route } from '@/lib/http';
import { listPluginStates } from '@/lib/plugins/state';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ roles: ['admin'] }, async ({ identity }) => ({ plugins: await listPluginStates(identity.app_id) })),
});
