/** What the shell reads to draw itself: the app's settings, sidebar, theme and settings page. */
import { z } from 'zod';
import { getConfigs } from '@/lib/config';
import { identifier } from '@/lib/config/schemas/common';
import { navigationItemSchema } from '@/lib/config/schemas/navigation';
import { settingsSectionSchema } from '@/lib/config/schemas/settings';
import { themeConfigSchema } from '@/lib/config/schemas/theme';
import { getEnv } from '@/lib/env';
import { buildNavigation } from '@/lib/navigation';
import { pluginNavigation } from '@/lib/plugins/access';
import { getPlugins } from '@/lib/plugins/registry';
import { settingsSections } from '@/lib/profile/sections';
import { getRuntimeInfo } from '@/lib/runtime/info';
import { endpoint } from '../endpoint';

const tags = ['Configuration'];

export const getAppConfig = endpoint({
  method: 'GET',
  path: '/api/app-config',
  tags,
  summary: 'Public app settings the browser needs before sign-in',
  auth: 'public',
  output: z.object({
    monetization_enabled: z.boolean().describe('MONETIZATION: whether plans gate plugins'),
    app_name: z.string(),
    app_version: z.string().describe("This runtime's version"),
    env: z.string().describe('ENV: development, production, …'),
  }),
  handler: () => {
    const info = getRuntimeInfo();
    return { monetization_enabled: info.monetization, app_name: info.appName, app_version: info.runtimeVersion, env: info.env };
  },
});

const sidebarItemSchema = navigationItemSchema.extend({
  plugin_name: identifier.optional().describe("A plugin's item: the plugin it belongs to"),
  section: z.enum(['apps', 'platform']).optional().describe("A plugin's item: `apps`, or `platform` for the moz.platform.* plugins"),
});

export const getNavigation = endpoint({
  method: 'GET',
  path: '/api/navigation',
  tags,
  summary: 'The sidebar for the signed-in user: core items, then the plugins they may use',
  description:
    "navigation_config.json's core items (`/subscriptions` only with MONETIZATION=1), then the items of the plugins the user may use (enabled, their roles, their plan): the app's own, then the platform's.",
  output: z.object({ navigation: z.array(sidebarItemSchema) }),
  handler: async ({ identity }) => {
    const { navigation } = getConfigs();
    const plugins = await pluginNavigation(identity, navigation.plugins, [...getPlugins().values()]);
    const sections = buildNavigation(navigation, { monetization: getEnv().monetization, plugins });
    return { navigation: [...sections.core, ...sections.plugins, ...sections.platform] };
  },
});

export const getThemeConfig = endpoint({
  method: 'GET',
  path: '/api/theme-config',
  tags,
  summary: 'theme_config.json as validated, with defaults filled in',
  auth: 'public',
  output: themeConfigSchema,
  handler: () => getConfigs().theme,
});

export const getSettingsConfig = endpoint({
  method: 'GET',
  path: '/api/settings-config',
  tags,
  summary: "The settings page's sections from settings_config.json, plugin panels included",
  description: 'Visible sections in `order`; plugin settings panels and plugin notification toggles only for the plugins the user may use.',
  output: z.object({ profile_sections: z.array(settingsSectionSchema) }),
  handler: async ({ identity }) => ({ profile_sections: await settingsSections(identity) }),
});
