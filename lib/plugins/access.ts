import type { Identity } from '@/lib/auth/identity';
import { getConfigs } from '@/lib/config';
import { database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import type { LoadedPlugin } from './registry';

/** Whether a user may use a plugin: its roles, and with MONETIZATION=1 their plan (or the default plan). */
export async function canUsePlugin(identity: Identity, plugin: LoadedPlugin): Promise<boolean> {
  if (identity.is_superadmin) return true;
  const required = plugin.manifest.required_roles;
  if (required.length && !required.some((role) => identity.roles.includes(role))) return false;
  if (!getEnv().monetization) return true;
  const { subscription } = getConfigs();
  const record = await database({ appId: identity.app_id, userId: identity.user_id }).collection('subscriptions').findOne({});
  const planName = String(record?.plan ?? subscription.settings.default_plan).toLowerCase();
  const plan = subscription.subscription_plans.find((candidate) => candidate.name.toLowerCase() === planName);
  return plan?.plugins_unlocked.some((entry) => entry === '*' || entry === plugin.name) ?? false;
}

/** A plugin as the reference's /api/plugins lists it. */
export function pluginListing(plugin: LoadedPlugin) {
  return {
    name: plugin.name,
    display_name: plugin.manifest.display_name,
    description: plugin.manifest.description,
    version: plugin.manifest.version,
    icon: plugin.manifest.icon ?? null,
    enabled: true,
    navigation: { label: plugin.manifest.navigation?.label ?? plugin.manifest.display_name, path: plugin.manifest.navigation?.path ?? `/plugins/${plugin.name}` },
  };
}

/** Sidebar entries for the plugins a user may use: navigation_config.json's plugin items first, then each plugin's own. */
export async function pluginNavigation(
  identity: Identity,
  configured: { plugin_name: string; label: string; path: string; icon?: string | undefined }[],
  plugins: LoadedPlugin[],
) {
  const usable = new Map<string, LoadedPlugin>();
  for (const plugin of plugins) if (await canUsePlugin(identity, plugin)) usable.set(plugin.name, plugin);
  // Configured items for plugins this build does not contain are dropped: they would lead nowhere.
  const items = configured.filter((item) => usable.has(item.plugin_name));
  for (const plugin of usable.values()) {
    if (items.some((item) => item.plugin_name === plugin.name) || !plugin.manifest.navigation) continue;
    items.push({
      plugin_name: plugin.name,
      label: plugin.manifest.navigation.label,
      path: plugin.manifest.navigation.path ?? `/plugins/${plugin.name}`,
      icon: plugin.manifest.navigation.icon ?? plugin.manifest.icon,
    });
  }
  return items;
}
