import type { NavigationConfig, NavigationItem, PluginNavigationItem } from '@/lib/config';

/** The sidebar as the shell renders it: core items, the app's plugins, then the platform's. */
export interface NavigationSections {
  core: NavigationItem[];
  plugins: PluginNavigationItem[];
  /** Plugins whose manifest puts them in the `platform` section (moz.platform.*). */
  platform: PluginNavigationItem[];
}

/** Only with MONETIZATION=1 is there a plan to show (the original hides this item the same way). */
const SUBSCRIPTION_PATH = '/subscriptions';

/**
 * The sidebar for the current request: core items from navigation_config.json, and the plugin items
 * the caller may use (see pluginNavigation in lib/plugins/access.ts).
 */
export function buildNavigation(config: NavigationConfig, options: { monetization: boolean; plugins: (PluginNavigationItem & { section?: 'apps' | 'platform' })[] }): NavigationSections {
  return {
    core: config.default.filter((item) => options.monetization || item.path !== SUBSCRIPTION_PATH),
    plugins: options.plugins.filter((item) => item.section !== 'platform'),
    platform: options.plugins.filter((item) => item.section === 'platform'),
  };
}
