// GET /api/available-plugins — the plugins the signed-in user may use
import { methods, route } from '@/lib/http';
import { canUsePlugin, pluginListing } from '@/lib/plugins/access';
import { getPlugins } from '@/lib/plugins/registry';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: route({}, async ({ identity }) => {
    const plugins = [...getPlugins().values()];
    const allowed = await Promise.all(plugins.map((plugin) => canUsePlugin(identity, plugin)));
    return { plugins: plugins.filter((_, index) => allowed[index]).map(pluginListing) };
  }),
});
