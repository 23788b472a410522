// GET /api/check-plugin-access/[plugin] — whether the signed-in user may use a plugin
import { methods, route } from '@/lib/http';
import { canUsePlugin } from '@/lib/plugins/access';
import { getPlugin } from '@/lib/plugins/registry';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ plugin: string }>({}, async ({ params, identity }) => {
    const plugin = getPlugin(params.plugin);
    return { plugin: params.plugin, access: plugin ? await canUsePlugin(identity, plugin) : false };
  }),
});
