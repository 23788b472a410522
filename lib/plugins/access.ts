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
