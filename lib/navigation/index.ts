import type { NavigationConfig, NavigationItem, PluginNavigationItem } from '@/lib/config';

/** The sidebar as the shell renders it: core items, then plugin items. */
export interface NavigationSections {
  core: NavigationItem[];
  plugins: PluginNavigationItem[];
}

/** Only with MONETIZATION=1 is there a plan to show (the original hides this item the same way). */
const SUBSCRIPTION_PATH = '/subscriptions';

/**
 * Filters navigation_config.json for the current request. Plugin items are filtered by the plugin
 * registry and the user's plan once those exist (plugin runtime and subscription issues).
 */
export function buildNavigation(config: NavigationConfig, options: { monetization: boolean }): NavigationSections {
  return {
    core: config.default.filter((item) => options.monetization || item.path !== SUBSCRIPTION_PATH),
    plugins: config.plugins,
  };
}
