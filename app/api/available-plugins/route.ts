// GET /api/available-plugins — the plugins the signed-in user may use
import { methods, route } from '@/lib/http';
import { pluginAccess, pluginListing } from '@/lib/plugins/access';
import { getPlugins } from '@/lib/plugins/registry';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async ({ identity }) => {
    const allows = await pluginAccess(identity);
    return { plugins: [...getPlugins().values()].filter(allows).map(pluginListing) };
  }),
});
