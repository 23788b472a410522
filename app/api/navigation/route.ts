// GET /api/navigation — the sidebar for the signed-in user: core items, then the plugins they may use
import { getConfigs } from '@/lib/config';
import { getEnv } from '@/lib/env';
import { methods, route } from '@/lib/http';
import { buildNavigation } from '@/lib/navigation';
import { pluginNavigation } from '@/lib/plugins/access';
import { getPlugins } from '@/lib/plugins/registry';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async ({ identity }) => {
    const { navigation } = getConfigs();
    const plugins = await pluginNavigation(identity, navigation.plugins, [...getPlugins().values()]);
    const sections = buildNavigation(navigation, { monetization: getEnv().monetization, plugins });
    return { navigation: [...sections.core, ...sections.plugins, ...sections.platform] };
  }),
});
