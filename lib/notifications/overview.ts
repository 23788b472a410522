import type { Identity } from '@/lib/auth/identity';
import { getConfigs } from '@/lib/config';
import { pluginAccess } from '@/lib/plugins/access';
import { getCatalogPlugin } from '@/lib/plugins/catalog';
import { NOTIFICATION_CHANNELS, notificationTypes, type Channel, type NotificationType } from './catalog';
import { isEmailConfigured } from './channels/email';
import { isPushConfigured, vapidPublicKey } from './channels/push';
import { isSmsConfigured } from './channels/sms';
import { getPreferences, type NotificationPreferences } from './preferences';

/** Which channels this server can deliver on (in-app always; the others when configured). */
export function channelStatus(): { id: Channel; name: string; enabled: boolean }[] {
  const names: Record<Channel, string> = { in_app: 'In-app', email: 'Email', sms: 'SMS', push: 'Browser push' };
  const enabled: Record<Channel, () => boolean> = { in_app: () => true, email: isEmailConfigured, sms: isSmsConfigured, push: isPushConfigured };
  return NOTIFICATION_CHANNELS.map((id) => ({ id, name: names[id], enabled: enabled[id]() }));
}

export interface NotificationsOverview {
  config: {
    categories: { id: string; name: string; description?: string; icon?: string }[];
    notifications: NotificationType[];
    channels: ReturnType<typeof channelStatus>;
    email_service_enabled: boolean;
    push_public_key: string | null;
    settings: { default_email_frequency: string; default_enabled: boolean };
  };
  preferences: NotificationPreferences;
}

/**
 * What the preferences UI needs in one call: the reference's `/api/notifications/config`, plus
 * channel status. Types of plugins the user may not use (disabled, or not in their plan) are left out.
 */
export async function notificationsOverview(identity: Identity): Promise<NotificationsOverview> {
  const { notifications } = getConfigs();
  const allows = await pluginAccess(identity);
  const usable = (type: NotificationType) => {
    if (!type.plugin) return true;
    const plugin = getCatalogPlugin(type.plugin);
    return plugin !== undefined && allows(plugin);
  };
  const types = notificationTypes().filter(usable);
  const preferences = await getPreferences(identity.app_id, identity.user_id);
  return {
    config: {
      categories: notifications.categories,
      notifications: types,
      channels: channelStatus(),
      email_service_enabled: isEmailConfigured(),
      push_public_key: vapidPublicKey() ?? null,
      settings: { default_email_frequency: notifications.settings.default_email_frequency, default_enabled: notifications.settings.default_enabled },
    },
    preferences: Object.fromEntries(Object.entries(preferences).filter(([id]) => types.some((type) => type.id === id))),
  };
}
