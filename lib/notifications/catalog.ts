/**
 * The notification types an app knows, gathered from three places: the notification toggles of
 * settings_config.json (core types such as `security_alerts`), each plugin's manifest
 * (`notifications`), and notifications_config.json's `plugins` section. The settings page, the
 * preferences API and delivery all read this one list.
 */
import { getConfigs } from '@/lib/config';
import { DIGEST_FREQUENCIES, NOTIFICATION_CHANNELS } from '@/lib/config/schemas/notifications';
import { getCatalog } from '@/lib/plugins/catalog';

export type Channel = (typeof NOTIFICATION_CHANNELS)[number];
export { NOTIFICATION_CHANNELS };

/** Frequencies a user may pick for a type's email: at once, bundled in the daily or weekly digest, or never. */
export const EMAIL_FREQUENCIES = DIGEST_FREQUENCIES;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

/** One notification type, in the shape of the reference's `/api/notifications/config`. */
export interface NotificationType {
  id: string;
  name: string;
  description: string;
  category: string;
  /** Enabled unless the user turns it off. */
  default: boolean;
  /** Channels this type may use; the user can turn each off. */
  channels: Channel[];
  frequencies: EmailFrequency[];
  /** The plugin that sends it, for plugin types. */
  plugin?: string;
}

/** Notifications of types nobody declared (an admin broadcast, a typo in a plugin) still arrive in-app. */
export const UNDECLARED_TYPE_CHANNELS: Channel[] = ['in_app'];

/** Every declared type, core first, then plugins' in registry order; the first declaration of an id wins. */
export function notificationTypes(): NotificationType[] {
  const { settings, notifications } = getConfigs();
  const defaultEnabled = notifications.settings.default_enabled;
  const types = new Map<string, NotificationType>();
  const add = (type: NotificationType) => {
    if (!types.has(type.id)) types.set(type.id, type);
  };

  for (const section of settings.profile_sections) {
    for (const field of [...section.fields, ...(section.plugin_notification_fields ?? [])]) {
      if (field.type !== 'toggle' || section.id !== 'notifications') continue;
      add({
        id: field.id,
        name: field.label ?? field.id,
        description: field.description ?? '',
        category: field.category ?? 'system',
        default: field.default_enabled ?? defaultEnabled,
        channels: field.channels?.length ? dedupe(field.channels) : ['in_app'],
        frequencies: [...EMAIL_FREQUENCIES],
        ...(field.plugin ? { plugin: field.plugin } : {}),
      });
    }
  }
  for (const plugin of getCatalog().values()) {
    const configured = notifications.plugins[plugin.name]?.notifications ?? [];
    for (const type of plugin.manifest.notifications) {
      const override = configured.find((entry) => entry.id === type.id);
      add({
        id: type.id,
        name: override?.label ?? type.label,
        description: override?.description ?? type.description ?? '',
        category: override?.category ?? type.category ?? 'plugins',
        default: override?.default_enabled ?? type.default_enabled ?? defaultEnabled,
        channels: override ? dedupe(override.channels) : dedupe(type.channels),
        frequencies: [...EMAIL_FREQUENCIES],
        plugin: plugin.name,
      });
    }
  }
  for (const [pluginName, entry] of Object.entries(notifications.plugins)) {
    for (const type of entry.notifications) {
      add({
        id: type.id,
        name: type.label,
        description: type.description ?? '',
        category: type.category ?? 'plugins',
        default: type.default_enabled ?? defaultEnabled,
        channels: dedupe(type.channels),
        frequencies: [...EMAIL_FREQUENCIES],
        plugin: pluginName,
      });
    }
  }
  return [...types.values()];
}

export function findNotificationType(id: string): NotificationType | undefined {
  return notificationTypes().find((type) => type.id === id);
}

function dedupe(channels: readonly Channel[]): Channel[] {
  return [...new Set(channels)];
}
