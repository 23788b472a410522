import type { Identity } from '@/lib/auth/identity';
import type { PluginNavigationItem } from '@/lib/config';
import { hasPlatformServices } from '@/lib/connectors/mode';
import { getEnv } from '@/lib/env';
import { findPlan, planOfUser } from '@/lib/subscriptions';
import { ApiError } from '@/lib/errors';
import { andThen, type Awaitable } from '@/lib/runtime/awaitable';
import type { CatalogPlugin } from './catalog';
import { disabledPlugins } from './state';

/** A user's plan matters only with MONETIZATION=1, and never for a superadmin. */
function planApplies(identity: Identity): boolean {
  return getEnv().monetization && !identity.is_superadmin;
}

function accessChecker(identity: Identity, disabled: ReadonlySet<string>, unlocked: (name: string) => boolean): (plugin: CatalogPlugin) => boolean {
  return (plugin) => {
    if (disabled.has(plugin.name)) return false;
    if (identity.is_superadmin) return true;
    const required = plugin.manifest.required_roles;
    if (required.length && !required.some((role) => identity.roles.includes(role))) return false;
    return unlocked(plugin.name);
  };
}

const everyPlugin = () => true;

/**
 * Which plugins a user may use: those the app has enabled, each plugin's roles, and with
 * MONETIZATION=1 their plan (the default plan without one, or once a trial ended or the
 * subscription was canceled). The plan is read once, so checking every plugin for the sidebar
 * costs one query; without a plan to read and with the app's plugin states cached, the answer is
 * there at once (the Director asks on every call).
 */
export function pluginAccess(identity: Identity): Awaitable<(plugin: CatalogPlugin) => boolean> {
  return andThen(disabledPlugins(identity.app_id), (disabled) => {
    if (!planApplies(identity)) return accessChecker(identity, disabled, everyPlugin);
    return planOfUser(identity.app_id, identity.user_id).then((name) => {
      const plan = findPlan(name);
      return accessChecker(identity, disabled, (plugin) => plan?.plugins_unlocked.some((entry) => entry === '*' || entry === plugin) ?? false);
    });
  });
}

/**
 * Where a user stands with a plugin: undefined when the build lacks it or the app disabled it (told
 * apart from nothing, so a disabled plugin looks missing), else the plugin and whether their roles
 * and plan let them use it. The one access check behind the Director, plugin settings and plugin pages.
 */
export function pluginStanding<P extends CatalogPlugin>(identity: Identity, plugin: P | undefined): Awaitable<{ plugin: P; usable: boolean } | undefined> {
  if (!plugin) return undefined;
  return andThen(disabledPlugins(identity.app_id), (disabled) => {
    if (disabled.has(plugin.name)) return undefined;
    return andThen(pluginAccess(identity), (allows) => ({ plugin, usable: allows(plugin) }));
  });
}

/** The plugin a user asks for (`name`, found as `plugin`), when they may use it: 404 NOT_FOUND (missing or disabled) or 403 FEATURE_GATED otherwise. */
export function usablePlugin<P extends CatalogPlugin>(identity: Identity, name: string, plugin: P | undefined): Awaitable<P> {
  return andThen(pluginStanding(identity, plugin), (standing) => {
    if (!standing) throw new ApiError('NOT_FOUND', `Plugin '${name}' not found or disabled`);
    if (!standing.usable) throw new ApiError('FEATURE_GATED', `Access denied: Subscription does not allow '${name}'.`);
    return standing.plugin;
  });
}

/** A plugin as the reference's /api/plugins lists it. */
export function pluginListing(plugin: CatalogPlugin) {
  return {
    name: plugin.name,
    display_name: plugin.manifest.display_name,
    description: plugin.manifest.description,
    version: plugin.manifest.version,
    icon: plugin.manifest.icon ?? null,
    // Listings only ever contain plugins the app has enabled.
    enabled: true,
    navigation: { label: plugin.manifest.navigation?.label ?? plugin.manifest.display_name, path: plugin.manifest.navigation?.path ?? `/plugins/${plugin.name}` },
  };
}

/**
 * Whether a plugin has something to show here: false for one that `requires_platform` when no platform
 * manages the app and there is no sample data. Its sidebar entry is then left out and its page is a 404,
 * so end users never land on a page about environment variables.
 */
export function isShownWithoutPlatform(plugin: CatalogPlugin): boolean {
  return !plugin.manifest.requires_platform || hasPlatformServices(getEnv().connectors);
}

/** A plugin's sidebar entry and the section it goes in. */
export type PluginNavigationEntry = PluginNavigationItem & { section: 'apps' | 'platform' };

/** Sidebar entries for the plugins a user may use: navigation_config.json's plugin items first, then each plugin's own; each names its section. */
export async function pluginNavigation(
  identity: Identity,
  configured: PluginNavigationItem[],
  plugins: CatalogPlugin[],
): Promise<PluginNavigationEntry[]> {
  const allows = await pluginAccess(identity);
  const usable = new Map(plugins.filter((plugin) => allows(plugin) && isShownWithoutPlatform(plugin)).map((plugin) => [plugin.name, plugin]));
  const sectionOf = (name: string) => usable.get(name)?.manifest.navigation?.section ?? 'apps';
  // Configured items for plugins this build does not contain are dropped: they would lead nowhere.
  const items: PluginNavigationEntry[] = configured.filter((item) => usable.has(item.plugin_name)).map((item) => ({ ...item, section: sectionOf(item.plugin_name) }));
  for (const plugin of usable.values()) {
    if (items.some((item) => item.plugin_name === plugin.name) || !plugin.manifest.navigation) continue;
    items.push({
      plugin_name: plugin.name,
      label: plugin.manifest.navigation.label,
      path: plugin.manifest.navigation.path ?? `/plugins/${plugin.name}`,
      icon: plugin.manifest.navigation.icon ?? plugin.manifest.icon,
      section: plugin.manifest.navigation.section,
    });
  }
  return items;
}
