// GET|POST /api/plugin-settings/[plugin] — the signed-in user's settings for one plugin (its settings panel)
import { z } from 'zod';
import { ApiError, methods, readJson, route } from '@/lib/http';
import { canUsePlugin } from '@/lib/plugins/access';
import { getPlugin, type LoadedPlugin } from '@/lib/plugins/registry';
import { isPluginEnabled } from '@/lib/plugins/state';
import type { Identity } from '@/lib/auth/identity';
import { getPluginSettings, savePluginSettings } from '@/lib/settings/plugin-settings';

async function usablePlugin(identity: Identity, name: string): Promise<LoadedPlugin> {
  const plugin = getPlugin(name);
  if (!plugin || !(await isPluginEnabled(identity.app_id, name))) throw new ApiError('NOT_FOUND', `Plugin '${name}' not found or disabled`);
  if (!(await canUsePlugin(identity, plugin))) throw new ApiError('FEATURE_GATED', `Access denied: Subscription does not allow '${name}'.`);
  return plugin;
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ plugin: string }>({}, async ({ params, identity }) => getPluginSettings(identity, await usablePlugin(identity, params.plugin))),
  POST: route<{ plugin: string }>({}, async ({ request, params, identity }) => {
    const plugin = await usablePlugin(identity, params.plugin);
    const settings = await savePluginSettings(identity, plugin, await readJson(request, z.unknown()));
    return { success: true, message: 'Settings saved successfully', settings };
  }),
});
