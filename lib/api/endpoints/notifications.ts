/** Notifications: the user's inbox, their preferences by type and channel, and their browsers' web push. */
import { z } from 'zod';
import { publish } from '@/lib/events';
import { ApiError } from '@/lib/errors';
import {
  countPushSubscriptions,
  countUnread,
  deleteAllPushSubscriptions,
  deleteNotification,
  deletePushSubscription,
  EMAIL_FREQUENCIES,
  getPreferences,
  isPushConfigured,
  listNotifications,
  markAllRead,
  MAX_PAGE_SIZE,
  NOTIFICATION_CHANNELS,
  notificationsOverview,
  preferencesInput,
  pushSubscriptionSchema,
  savePreferences,
  savePushSubscription,
  setRead,
  vapidPublicKey,
} from '@/lib/notifications';
import { endpoint } from '../endpoint';

const tags = ['Notifications'];

const channel = z.enum(NOTIFICATION_CHANNELS);
const frequency = z.enum(EMAIL_FREQUENCIES);

/** A notification as the inbox and the `notification` socket event show it. */
const notificationSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  type: z.string().describe('The notification type, e.g. `task_manager_task_due`'),
  title: z.string(),
  message: z.string(),
  metadata: z.record(z.string(), z.unknown()).describe('What the sender attached (a link under `url`, a broadcast’s `broadcast_id`…)'),
  read: z.boolean(),
  read_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
});

/** One type's preference, defaults filled in. */
const typePreferenceSchema = z.object({
  enabled: z.boolean(),
  frequency: frequency.describe('How its emails go out: at once, in the daily or weekly digest, or never'),
  channels: z.record(channel, z.boolean()).describe('Each channel: on unless the user turned it off; always off where the type cannot use it'),
});

const preferencesSchema = z.record(z.string(), typePreferenceSchema).describe('Every known notification type’s preference, by type id');

const preferencesBody = preferencesInput.describe('Changes by type id: `{ "<type>": { enabled?, frequency?, channels? } }`; unknown types are refused');

const idParams = z.object({ id: z.string().describe('The notification’s id') });

export const listInbox = endpoint({
  method: 'GET',
  path: '/api/notifications',
  tags,
  summary: "The signed-in user's inbox, newest first",
  query: z.object({
    unread_only: z
      .enum(['true', 'false', '1', '0'], { error: 'unread_only must be true or false' })
      .default('false')
      .transform((value) => value === 'true' || value === '1'),
    limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(MAX_PAGE_SIZE).default(20),
    offset: z.coerce.number({ error: 'offset must be a number' }).int().min(0).default(0),
  }),
  output: z.object({
    notifications: z.array(notificationSchema),
    count: z.number().int().describe('Notifications on this page'),
    total: z.number().int().describe('Notifications matching the filter, on every page'),
    unread_count: z.number().int(),
    unread_only: z.boolean(),
    timestamp: z.number().int().describe('Unix seconds'),
  }),
  handler: async ({ identity, query }) => {
    const { unread_only, limit, offset } = query;
    const page = await listNotifications({ appId: identity.app_id, userId: identity.user_id, unreadOnly: unread_only, limit, offset });
    return {
      notifications: page.notifications,
      count: page.notifications.length,
      total: page.total,
      unread_count: page.unread_count,
      unread_only,
      timestamp: Math.floor(Date.now() / 1000),
    };
  },
});

export const removeNotification = endpoint({
  method: 'DELETE',
  path: '/api/notifications/{id}',
  tags,
  summary: 'Delete one notification',
  params: idParams,
  output: z.object({ message: z.literal('Notification deleted') }),
  errors: ['NOT_FOUND'],
  handler: async ({ params, identity }) => {
    await deleteNotification(identity.app_id, identity.user_id, params.id);
    return { message: 'Notification deleted' };
  },
});

export const markNotificationRead = endpoint({
  method: 'POST',
  path: '/api/notifications/{id}/read',
  tags,
  summary: 'Mark one notification read',
  params: idParams,
  output: z.object({ message: z.literal('Notification marked as read') }),
  errors: ['NOT_FOUND'],
  handler: async ({ params, identity }) => {
    await setRead({ appId: identity.app_id, userId: identity.user_id, id: params.id, read: true });
    return { message: 'Notification marked as read' };
  },
});

export const markNotificationUnread = endpoint({
  method: 'POST',
  path: '/api/notifications/{id}/unread',
  tags,
  summary: 'Mark one notification unread (a 500 in the original; works here)',
  params: idParams,
  output: z.object({ message: z.literal('Notification marked as unread') }),
  errors: ['NOT_FOUND'],
  handler: async ({ params, identity }) => {
    await setRead({ appId: identity.app_id, userId: identity.user_id, id: params.id, read: false });
    return { message: 'Notification marked as unread' };
  },
});

export const notificationsConfig = endpoint({
  method: 'GET',
  path: '/api/notifications/config',
  tags,
  summary: "The notification types, categories and channels, with the user's preferences",
  description: "Types of plugins the user may not use (disabled, or outside their plan) are left out, and so are their preferences.",
  output: z.object({
    config: z.object({
      // Categories come from notifications_config.json, whose entries may carry fields of their own.
      categories: z.array(z.looseObject({ id: z.string(), name: z.string(), description: z.string().optional(), icon: z.string().optional() })),
      notifications: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          description: z.string(),
          category: z.string(),
          default: z.boolean().describe('Enabled unless the user turns it off'),
          channels: z.array(channel).describe('Channels this type may use'),
          frequencies: z.array(frequency),
          plugin: z.string().optional().describe('The plugin that sends it, for plugin types'),
        }),
      ),
      channels: z.array(z.object({ id: channel, name: z.string(), enabled: z.boolean().describe('Whether this server can deliver on it') })),
      email_service_enabled: z.boolean(),
      push_public_key: z.string().nullable().describe('The VAPID public key browsers subscribe with; null when push is off'),
      settings: z.object({ default_email_frequency: frequency, default_enabled: z.boolean() }),
    }),
    preferences: preferencesSchema,
  }),
  handler: ({ identity }) => notificationsOverview(identity),
});

export const countUnreadNotifications = endpoint({
  method: 'GET',
  path: '/api/notifications/count',
  tags,
  summary: "How many unread notifications the user has (the bell's badge)",
  output: z.object({ unread_count: z.number().int() }),
  handler: async ({ identity }) => ({ unread_count: await countUnread(identity.app_id, identity.user_id) }),
});

export const markAllNotificationsRead = endpoint({
  method: 'POST',
  path: '/api/notifications/mark-all-read',
  tags,
  summary: 'Mark every notification of the user read',
  output: z.object({ message: z.literal('All notifications marked as read'), updated: z.number().int().describe('Notifications that were unread') }),
  handler: async ({ identity }) => {
    const updated = await markAllRead(identity.app_id, identity.user_id);
    publish('all_notifications_read', { user_id: identity.user_id }, { appId: identity.app_id, userId: identity.user_id });
    return { message: 'All notifications marked as read', updated };
  },
});

export const updateNotificationPreferences = endpoint({
  method: 'POST',
  path: '/api/notifications/preferences',
  tags,
  summary: "Change the user's notification preferences (same store as /api/notification-preferences)",
  body: preferencesBody,
  output: z.object({ message: z.literal('Notification preferences updated successfully'), preferences: preferencesSchema }),
  handler: async ({ identity, body }) => {
    const preferences = await savePreferences(identity.app_id, identity.user_id, body);
    return { message: 'Notification preferences updated successfully', preferences };
  },
});

export const getNotificationPreferences = endpoint({
  method: 'GET',
  path: '/api/notification-preferences',
  tags,
  summary: "The user's notification preferences (the settings page's route)",
  output: preferencesSchema,
  handler: ({ identity }) => getPreferences(identity.app_id, identity.user_id),
});

export const saveNotificationPreferences = endpoint({
  method: 'POST',
  path: '/api/notification-preferences',
  tags,
  summary: "Change the user's notification preferences (the settings page's route); answers every type's preference",
  body: preferencesBody,
  output: preferencesSchema,
  handler: ({ identity, body }) => savePreferences(identity.app_id, identity.user_id, body),
});

export const forgetPushDevices = endpoint({
  method: 'DELETE',
  path: '/api/push/devices',
  tags,
  summary: 'Stop pushing to every browser of the user',
  output: z.object({ success: z.literal(true), removed_count: z.number().int() }),
  handler: async ({ identity }) => ({ success: true, removed_count: await deleteAllPushSubscriptions(identity.app_id, identity.user_id) }),
});

export const pushStatus = endpoint({
  method: 'GET',
  path: '/api/push/status',
  tags,
  summary: 'Whether push is on and how many of the user’s browsers receive it',
  output: z.object({
    enabled: z.boolean().describe('Whether this server has web push configured'),
    subscribed_devices: z.number().int(),
    vapid_public_key: z.string().nullable(),
  }),
  handler: async ({ identity }) => {
    const publicKey = vapidPublicKey() ?? null;
    return { enabled: publicKey !== null, subscribed_devices: await countPushSubscriptions(identity.app_id, identity.user_id), vapid_public_key: publicKey };
  },
});

export const subscribeToPush = endpoint({
  method: 'POST',
  path: '/api/push/subscribe',
  tags,
  summary: "Register this browser for the user's push notifications",
  body: z.object({ subscription: pushSubscriptionSchema.describe('The browser’s PushSubscription, as `subscription.toJSON()` gives it') }),
  output: z.object({ success: z.literal(true), message: z.literal('Successfully subscribed to push notifications') }),
  errors: ['PUSH_NOT_CONFIGURED'],
  handler: async ({ request, identity, body }) => {
    if (!isPushConfigured()) throw new ApiError('PUSH_NOT_CONFIGURED', 'Push notifications are not configured on this server');
    await savePushSubscription({ appId: identity.app_id, userId: identity.user_id, subscription: body.subscription, userAgent: request.headers.get('user-agent') });
    return { success: true, message: 'Successfully subscribed to push notifications' };
  },
});

export const unsubscribeFromPush = endpoint({
  method: 'POST',
  path: '/api/push/unsubscribe',
  tags,
  summary: 'Stop pushing to this browser',
  body: z.object({ subscription: z.object({ endpoint: z.url({ error: 'subscription.endpoint must be a URL' }) }) }),
  output: z.object({
    success: z.boolean().describe('false when this browser was not registered (still a 200)'),
    message: z.enum(['Unsubscribed from push notifications', 'Subscription not found']),
  }),
  handler: async ({ identity, body }) => {
    const removed = await deletePushSubscription({ appId: identity.app_id, userId: identity.user_id, endpoint: body.subscription.endpoint });
    return { success: removed, message: removed ? 'Unsubscribed from push notifications' : 'Subscription not found' };
  },
});

export const vapidKey = endpoint({
  method: 'GET',
  path: '/api/push/vapid-public-key',
  tags,
  summary: 'The key browsers subscribe with, and whether push is on',
  auth: 'public',
  output: z.object({ publicKey: z.string().nullable(), enabled: z.boolean() }),
  handler: () => {
    const publicKey = vapidPublicKey() ?? null;
    return { publicKey, enabled: publicKey !== null };
  },
});
