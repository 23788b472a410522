import type { Identity } from '@/lib/auth/identity';
import { getConfigs } from '@/lib/config';
import { pluginAccess } from '@/lib/plugins/access';
import { getCatalogPlugin } from '@/lib/plugins/catalog';

/**
 * settings_config.json's sections as a user's settings page shows them: visible ones, in `order`,
 * with plugin fields (`plugin-settings` panels, plugin notification toggles) only for plugins the
 * user may use.
 */
export async function settingsSections(identity: Identity) {
  const allows = await pluginAccess(identity);
  const usable = (name: string | undefined) => {
    const plugin = name ? getCatalogPlugin(name) : undefined;
    return plugin !== undefined && allows(plugin);
  };
  return getConfigs()
    .settings.profile_sections.filter((section) => section.visible)
    .toSorted((a, b) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER))
    .map((section) => ({
      ...section,
      fields: section.fields.filter((field) => field.type !== 'plugin-settings' || usable(field.plugin)),
      ...(section.plugin_notification_fields ? { plugin_notification_fields: section.plugin_notification_fields.filter((field) => usable(field.plugin)) } : {}),
    }));
}
