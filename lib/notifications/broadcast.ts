/**
 * Admin broadcasts: one notification to many users of the app (all of them, those on a plan, those
 * who can use a plugin, or a list of ids), sent through the same path as every other notification
 * and recorded in `notification_broadcasts` with its outcome.
 */
import { z } from 'zod';
import { isSuperadmin, type Identity } from '@/lib/auth/identity';
import { usersOf } from '@/lib/auth/users';
import { getConfigs } from '@/lib/config';
import { notificationChannel } from '@/lib/config/schemas/notifications';
import { database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { pluginAccess } from '@/lib/plugins/access';
import { getCatalogPlugin } from '@/lib/plugins/catalog';
import { logger } from '@/lib/runtime/logger';
import { recordAdminAction } from '@/lib/admin/audit';
import type { Channel } from './catalog';
import { channelStatus } from './overview';
import { createNotification } from './send';

/** Most users one broadcast reaches (the reference's cap). */
export const BROADCAST_MAX_USERS = 10_000;
/** Notifications sent at once while broadcasting: enough to keep the database busy, few enough to leave room for requests. */
const BROADCAST_CONCURRENCY = 16;

/** Who a broadcast reaches. */
export const broadcastTarget = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('all') }),
    z.object({ type: z.literal('subscription'), tier: z.string().trim().min(1, 'target.tier is required') }),
    z.object({ type: z.literal('plugin'), plugin_name: z.string().trim().min(1, 'target.plugin_name is required') }),
    z.object({ type: z.literal('user_ids'), ids: z.array(z.string().min(1)).min(1, 'target.ids needs at least one id').max(BROADCAST_MAX_USERS) }),
  ],
  { error: 'target.type must be all, subscription, plugin or user_ids' },
);

/** The body of `POST /__mozaiks/admin/notifications/broadcast`. */
export const broadcastInput = z.object({
  notification_type: z.string().trim().min(1).max(100).default('admin_broadcast'),
  title: z.string({ error: 'title is required' }).trim().min(1, 'title is required').max(200),
  message: z.string({ error: 'message is required' }).trim().min(1, 'message is required').max(5_000),
  target: broadcastTarget.default({ type: 'all' }),
  channels: z.array(notificationChannel).min(1).default(['in_app']),
  metadata: z.record(z.string(), z.unknown()).default({}),
});

export interface BroadcastRecord {
  [key: string]: unknown;
  notification_type: string;
  title: string;
  message: string;
  target: z.output<typeof broadcastTarget>;
  channels: Channel[];
  user_count: number;
  sent_count: number;
  failed_count: number;
  sender_id: string;
  status: 'in_progress' | 'completed';
  created_at: Date;
  completed_at: Date | null;
}

function broadcastsOf(appId: string) {
  return database({ appId }).collection<BroadcastRecord>('notification_broadcasts');
}

/** The ids of the users a target reaches (disabled accounts excluded), at most BROADCAST_MAX_USERS. */
async function targetUserIds(appId: string, chosen: z.output<typeof broadcastTarget>): Promise<string[]> {
  const users = usersOf(appId);
  const active = { disabled: { $ne: true } };
  const limit = BROADCAST_MAX_USERS;
  switch (chosen.type) {
    case 'all':
      return (await users.find(active, { projection: { _id: 1 }, limit })).map((user) => user._id);
    case 'user_ids':
      return (await users.find({ ...active, _id: { $in: [...new Set(chosen.ids)] } }, { projection: { _id: 1 }, limit })).map((user) => user._id);
    case 'subscription': {
      const tier = chosen.tier.toLowerCase();
      const records = await database({ appId }).collection('subscriptions').find({}, { projection: { user_id: 1, plan: 1 } });
      const planOf = new Map(records.map((record) => [String(record.user_id), String(record.plan ?? '').toLowerCase()]));
      const defaultPlan = getConfigs().subscription.settings.default_plan.toLowerCase();
      const all = await users.find(active, { projection: { _id: 1 }, limit });
      return all.map((user) => user._id).filter((id) => (planOf.get(id) ?? defaultPlan) === tier);
    }
    case 'plugin': {
      const plugin = getCatalogPlugin(chosen.plugin_name);
      if (!plugin) throw new ApiError('NOT_FOUND', `Plugin '${chosen.plugin_name}' not found`);
      const all = await users.find(active, { projection: { _id: 1, username: 1, roles: 1 }, limit });
      const superadminRoles = getEnv().auth.superadminRoles;
      const reached: string[] = [];
      for (const user of all) {
        const identity: Identity = {
          app_id: appId,
          user_id: user._id,
          username: user.username,
          email: null,
          roles: user.roles,
          is_superadmin: isSuperadmin(user.roles, superadminRoles),
          user_jwt: null,
          auth_method: 'local',
        };
        if ((await pluginAccess(identity))(plugin)) reached.push(user._id);
      }
      return reached;
    }
  }
}

/** Sends a broadcast and records it; answers once every user has been handled. */
export async function broadcastNotification({ appId, sender, input }: { appId: string; sender: Identity; input: z.output<typeof broadcastInput> }) {
  const available = new Set(channelStatus().filter((channel) => channel.enabled).map((channel) => channel.id));
  const channels = [...new Set(input.channels)].filter((channel) => available.has(channel));
  if (!channels.length) {
    throw new ApiError('VALIDATION_ERROR', `None of the requested channels (${input.channels.join(', ')}) is enabled on this server`, {
      extra: { enabled_channels: [...available] },
    });
  }
  const started = performance.now();
  const userIds = await targetUserIds(appId, input.target);
  if (!userIds.length) return { success: true, broadcast_id: null, sent_count: 0, failed_count: 0, message: 'No users matched target criteria' };

  const broadcasts = broadcastsOf(appId);
  const { insertedId } = await broadcasts.insertOne({
    notification_type: input.notification_type,
    title: input.title,
    message: input.message,
    target: input.target,
    channels,
    user_count: userIds.length,
    sent_count: 0,
    failed_count: 0,
    sender_id: sender.user_id,
    status: 'in_progress',
    created_at: new Date(),
    completed_at: null,
  });

  let sent = 0;
  let failed = 0;
  const queue = [...userIds];
  const worker = async () => {
    for (let userId = queue.shift(); userId !== undefined; userId = queue.shift()) {
      try {
        const result = await createNotification({
          appId,
          userId,
          type: input.notification_type,
          title: input.title,
          message: input.message,
          metadata: { ...input.metadata, broadcast_id: insertedId },
          channels,
        });
        if (result.channels.length) sent += 1;
      } catch (error) {
        failed += 1;
        logger.warn('broadcast notification failed', { broadcast_id: insertedId, user_id: userId, error });
      }
    }
  };
  await Promise.all(Array.from({ length: BROADCAST_CONCURRENCY }, worker));
  await broadcasts.updateOne({ _id: insertedId }, { $set: { sent_count: sent, failed_count: failed, status: 'completed', completed_at: new Date() } });
  await recordAdminAction(sender, 'broadcastNotification', insertedId, { title: input.title, target: input.target, sent_count: sent, failed_count: failed });
  return { success: true, broadcast_id: insertedId, sent_count: sent, failed_count: failed, duration_seconds: Math.round(performance.now() - started) / 1000 };
}

/** Broadcasts, newest first. */
export async function listBroadcasts(appId: string, { limit, skip }: { limit: number; skip: number }) {
  const broadcasts = broadcastsOf(appId);
  const [items, count] = await Promise.all([broadcasts.find({}, { sort: { created_at: -1 }, skip, limit }), broadcasts.countDocuments({})]);
  return { broadcasts: items.map(({ _id, ...rest }) => ({ id: _id, ...rest })), count };
}

export async function getBroadcast(appId: string, id: string) {
  const record = await broadcastsOf(appId).findOne({ _id: id });
  if (!record) throw new ApiError('NOT_FOUND', 'Broadcast not found');
  const { _id, ...rest } = record;
  return { id: _id, ...rest };
}
