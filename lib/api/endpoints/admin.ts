/**
 * The admin API (`/__mozaiks/admin/*`): accounts, the audit log, plans, plugin states and admin
 * notifications. Callers are the admin key or a superadmin (`auth: 'admin'`), or for notifications
 * and plugins a user holding an admin role.
 */
import { z } from 'zod';
import { listAuditEntries } from '@/lib/admin/audit';
import { actOnUsers, getUser, listUsers, userActionInput, userListQuery } from '@/lib/admin/users';
import { findUserById } from '@/lib/auth/users';
import { notificationChannel } from '@/lib/config/schemas/notifications';
import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import {
  broadcastInput,
  broadcastNotification,
  broadcastTarget,
  cancelScheduledNotification,
  channelStatus,
  getBroadcast,
  listBroadcasts,
  NOTIFICATION_ADMIN_ROLES,
  NOTIFICATION_CHANNELS,
  scheduleNotification,
} from '@/lib/notifications';
import { listPluginStates, setPluginEnabled } from '@/lib/plugins/state';
import { subscriptionOverview } from '@/lib/subscriptions';
import { endpoint } from '../endpoint';

const tags = ['Admin'];

const page = z.object({
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(200).default(50),
  skip: z.coerce.number({ error: 'skip must be a number' }).int().min(0).default(0),
});

const userItem = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  full_name: z.string().nullable(),
  roles: z.array(z.string()),
  disabled: z.boolean().describe('Suspended: can neither sign in nor call the API'),
  auth_provider: z.enum(['local', 'keycloak']),
  createdAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime().nullable(),
});

const broadcastRecord = z.object({
  id: z.string(),
  app_id: z.string(),
  notification_type: z.string(),
  title: z.string(),
  message: z.string(),
  target: broadcastTarget,
  channels: z.array(z.enum(NOTIFICATION_CHANNELS)).describe('The requested channels this server had enabled'),
  user_count: z.number().int().describe('Users the target reached'),
  sent_count: z.number().int().describe('Users at least one channel delivered to'),
  failed_count: z.number().int(),
  sender_id: z.string(),
  status: z.enum(['in_progress', 'completed']),
  created_at: z.iso.datetime(),
  completed_at: z.iso.datetime().nullable(),
});

export const appMetadata = endpoint({
  method: 'GET',
  path: '/__mozaiks/admin/app/metadata',
  tags,
  summary: "The app's id (public, as in the original; /health shows it too)",
  auth: 'public',
  output: z.object({ appId: z.string().describe('MOZAIKS_APP_ID (`dev_app` when unset outside production)') }),
  handler: () => ({ appId: getEnv().appId }),
});

export const listAuditLog = endpoint({
  method: 'GET',
  path: '/__mozaiks/admin/audit',
  tags,
  summary: 'The admin audit log, newest first',
  auth: 'admin',
  query: page,
  output: z.object({
    items: z.array(
      z.object({
        id: z.string(),
        app_id: z.string(),
        actor_id: z.string().describe('`admin-key` for calls made with the admin key'),
        actor_name: z.string(),
        actor_method: z.string().describe('`admin_key`, `local` or `keycloak`'),
        action: z.string().describe('e.g. `suspendUser`, `disablePlugin`, `broadcastNotification`'),
        target: z.string().nullable(),
        details: z.record(z.string(), z.unknown()),
        created_at: z.iso.datetime(),
      }),
    ),
    total: z.number().int(),
  }),
  handler: ({ identity, query }) => listAuditEntries(identity.app_id, query),
});

export const broadcast = endpoint({
  method: 'POST',
  path: '/__mozaiks/admin/notifications/broadcast',
  tags,
  summary: 'Send one notification to many users, and record it',
  description: 'Answers once every user has been handled. Channels this server has not configured are dropped; none left is a 422.',
  roles: NOTIFICATION_ADMIN_ROLES,
  body: broadcastInput,
  output: z.union([
    z.object({
      success: z.literal(true),
      broadcast_id: z.string(),
      sent_count: z.number().int(),
      failed_count: z.number().int(),
      duration_seconds: z.number(),
    }),
    z.object({
      success: z.literal(true),
      broadcast_id: z.null().describe('Nothing was sent or recorded'),
      sent_count: z.literal(0),
      failed_count: z.literal(0),
      message: z.literal('No users matched target criteria'),
    }),
  ]),
  errors: ['NOT_FOUND'],
  handler: ({ identity, body }) => broadcastNotification({ appId: identity.app_id, sender: identity, input: body }),
});

export const listAdminBroadcasts = endpoint({
  method: 'GET',
  path: '/__mozaiks/admin/notifications/broadcasts',
  tags,
  summary: 'Past broadcasts, newest first',
  roles: NOTIFICATION_ADMIN_ROLES,
  query: page,
  output: z.object({ broadcasts: z.array(broadcastRecord), count: z.number().int().describe('Broadcasts on every page') }),
  handler: ({ identity, query }) => listBroadcasts(identity.app_id, query),
});

export const getAdminBroadcast = endpoint({
  method: 'GET',
  path: '/__mozaiks/admin/notifications/broadcasts/{id}',
  tags,
  summary: 'One broadcast and its outcome',
  roles: NOTIFICATION_ADMIN_ROLES,
  params: z.object({ id: z.string().describe('The broadcast’s id') }),
  output: broadcastRecord,
  errors: ['NOT_FOUND'],
  handler: ({ identity, params }) => getBroadcast(identity.app_id, params.id),
});

export const listNotificationChannels = endpoint({
  method: 'GET',
  path: '/__mozaiks/admin/notifications/channels',
  tags,
  summary: 'Which delivery channels this server has configured',
  roles: NOTIFICATION_ADMIN_ROLES,
  output: z.object({ channels: z.array(z.object({ id: z.enum(NOTIFICATION_CHANNELS), name: z.string(), enabled: z.boolean() })) }),
  handler: () => ({ channels: channelStatus() }),
});

export const scheduleAdminNotification = endpoint({
  method: 'POST',
  path: '/__mozaiks/admin/notifications/schedule',
  tags,
  summary: 'Send a notification to one user at a given time',
  roles: NOTIFICATION_ADMIN_ROLES,
  body: z.object({
    user_id: z.string({ error: 'user_id is required' }).min(1, 'user_id is required'),
    notification_type: z.string().trim().min(1).max(100).default('admin_scheduled'),
    title: z.string({ error: 'title is required' }).trim().min(1, 'title is required').max(200),
    message: z.string({ error: 'message is required' }).trim().min(1, 'message is required').max(5_000),
    scheduled_for: z.iso.datetime({ offset: true, error: 'scheduled_for must be an ISO 8601 date-time' }).transform((value) => new Date(value)),
    channels: z.array(notificationChannel).min(1).optional().describe("Default: the type's channels, as the user's preferences allow"),
    metadata: z.record(z.string(), z.unknown()).default({}),
  }),
  output: z.object({ success: z.literal(true), notification_id: z.string() }),
  errors: ['NOT_FOUND'],
  handler: async ({ identity, body }) => {
    if (!(await findUserById(identity.app_id, body.user_id))) throw new ApiError('NOT_FOUND', `User '${body.user_id}' not found`);
    const id = await scheduleNotification({
      appId: identity.app_id,
      userId: body.user_id,
      type: body.notification_type,
      title: body.title,
      message: body.message,
      metadata: body.metadata,
      channels: body.channels,
      scheduledFor: body.scheduled_for,
    });
    return { success: true, notification_id: id };
  },
});

export const cancelAdminNotification = endpoint({
  method: 'DELETE',
  path: '/__mozaiks/admin/notifications/schedule/{id}',
  tags,
  summary: 'Cancel a scheduled notification that has not gone out',
  roles: NOTIFICATION_ADMIN_ROLES,
  params: z.object({ id: z.string().describe('The `notification_id` scheduling answered') }),
  output: z.object({ success: z.literal(true) }),
  errors: ['NOT_FOUND'],
  handler: async ({ identity, params }) => {
    if (!(await cancelScheduledNotification(identity.app_id, { id: params.id }))) {
      throw new ApiError('NOT_FOUND', 'Scheduled notification not found or already sent');
    }
    return { success: true };
  },
});

export const listAdminPlugins = endpoint({
  method: 'GET',
  path: '/__mozaiks/admin/plugins',
  tags,
  summary: 'Every plugin of this build, and whether the app has it enabled',
  roles: ['admin'],
  output: z.object({ plugins: z.array(z.object({ name: z.string(), display_name: z.string(), version: z.string(), enabled: z.boolean() })) }),
  handler: async ({ identity }) => ({ plugins: await listPluginStates(identity.app_id) }),
});

export const setPluginState = endpoint({
  method: 'POST',
  path: '/__mozaiks/admin/plugins/{plugin}/state',
  tags,
  summary: 'Enable or disable a plugin for the whole app',
  roles: ['admin'],
  params: z.object({ plugin: z.string().describe('The plugin’s name, as in its plugin.json') }),
  body: z.object({ enabled: z.boolean({ error: 'enabled must be true or false' }) }),
  output: z.object({ name: z.string(), enabled: z.boolean() }),
  errors: ['NOT_FOUND'],
  handler: ({ identity, params, body }) => setPluginEnabled({ identity, name: params.plugin, enabled: body.enabled }),
});

export const subscriptionsOverview = endpoint({
  method: 'GET',
  path: '/__mozaiks/admin/subscriptions',
  tags,
  summary: 'Accounts per plan, and trials under way',
  auth: 'admin',
  output: z.object({
    monetization_enabled: z.boolean(),
    accounts: z.number().int(),
    plans: z.record(z.string(), z.number().int()).describe('Accounts on each plan now (expired trials and cancellations on the default plan)'),
    trialing: z.number().int(),
  }),
  handler: ({ identity }) => subscriptionOverview(identity.app_id),
});

export const listAdminUsers = endpoint({
  method: 'GET',
  path: '/__mozaiks/admin/users',
  tags,
  summary: 'Accounts, newest first, searchable (admin key or superadmin)',
  auth: 'admin',
  query: userListQuery,
  output: z.object({ items: z.array(userItem), page: z.number().int(), limit: z.number().int(), total: z.number().int(), pages: z.number().int() }),
  handler: ({ identity, query }) => listUsers(identity.app_id, query),
});

export const getAdminUser = endpoint({
  method: 'GET',
  path: '/__mozaiks/admin/users/{id}',
  tags,
  summary: 'One account (admin key or superadmin)',
  auth: 'admin',
  params: z.object({ id: z.string().describe('The account’s id') }),
  output: userItem,
  errors: ['NOT_FOUND'],
  handler: ({ identity, params }) => getUser(identity.app_id, params.id),
});

export const actOnAdminUsers = endpoint({
  method: 'POST',
  path: '/__mozaiks/admin/users/action',
  tags,
  summary: 'Suspend, unsuspend or reset the password of accounts (audited)',
  description: 'Each account is handled on its own: those that could not be (not found, your own account, a Keycloak account’s password) are listed under `errors`.',
  auth: 'admin',
  body: userActionInput,
  output: z.object({
    success: z.boolean().describe('Whether every account was handled'),
    affected: z.number().int(),
    message: z.string(),
    errors: z.array(z.object({ id: z.string(), detail: z.string() })).nullable(),
  }),
  handler: ({ identity, body }) => actOnUsers(identity, body),
});
