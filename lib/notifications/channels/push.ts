/**
 * Web push with VAPID (the `web-push` library). Browsers register through /api/push/subscribe; each
 * registration is kept in `push_subscriptions`. A push service that answers 404 or 410 has dropped
 * the registration, so it is deleted.
 */
import webpush from 'web-push';
import { z } from 'zod';
import { database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/runtime/logger';
import type { RenderedPush } from '../templates';

export const PUSH_TIMEOUT_MS = 10_000;
/** How long a push service keeps a message for an offline browser. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;

/** Whether `url` is on one of the push services PUSH_SERVICE_HOSTS names (or a subdomain of one). Not a URL: left to `.url()` to say. */
function onPushService(url: string): boolean {
  if (!URL.canParse(url)) return true;
  const host = new URL(url).hostname.toLowerCase();
  return getEnv().notifications.pushServiceHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

/** A browser's PushSubscription as `subscription.toJSON()` gives it. */
export const pushSubscriptionSchema = z.object({
  // Push services are HTTPS (RFC 8030), and web-push only ever connects over TLS. The server posts to
  // the endpoint on each notification, so only the push services' own hosts are accepted.
  endpoint: z
    .string()
    .url('subscription.endpoint must be a URL')
    .refine((url) => url.startsWith('https://'), 'subscription.endpoint must be an https:// URL')
    .refine(onPushService, 'subscription.endpoint must be on a browser push service (PUSH_SERVICE_HOSTS)'),
  keys: z.object({ p256dh: z.string().min(1, 'subscription.keys.p256dh is required'), auth: z.string().min(1, 'subscription.keys.auth is required') }),
  expirationTime: z.number().nullable().optional(),
});
export type PushSubscriptionInput = z.output<typeof pushSubscriptionSchema>;

interface PushSubscriptionDocument {
  [key: string]: unknown;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  expirationTime: number | null;
  user_agent: string | null;
  created_at: Date;
}

export function isPushConfigured(): boolean {
  return getEnv().notifications.push !== undefined;
}

export function vapidPublicKey(): string | undefined {
  return getEnv().notifications.push?.publicKey;
}

function subscriptionsOf(appId: string) {
  return database({ appId }).collection<PushSubscriptionDocument>('push_subscriptions');
}

/** Registers a browser for a user; a browser registered before (by anyone in the app) is moved to this user. */
export async function savePushSubscription({
  appId,
  userId,
  subscription,
  userAgent,
}: {
  appId: string;
  userId: string;
  subscription: PushSubscriptionInput;
  userAgent: string | null;
}): Promise<void> {
  await subscriptionsOf(appId).deleteMany({ endpoint: subscription.endpoint });
  await database({ appId })
    .forUser(userId)
    .collection<PushSubscriptionDocument>('push_subscriptions')
    .insertOne({ endpoint: subscription.endpoint, keys: subscription.keys, expirationTime: subscription.expirationTime ?? null, user_agent: userAgent, created_at: new Date() });
}

/** Removes one of the user's browsers; false when it was not registered. */
export async function deletePushSubscription({ appId, userId, endpoint }: { appId: string; userId: string; endpoint: string }): Promise<boolean> {
  const { deletedCount } = await database({ appId }).forUser(userId).collection('push_subscriptions').deleteOne({ endpoint });
  return deletedCount > 0;
}

/** Pushes to every registered browser of a user; returns how many accepted it. */
export async function sendPush({ appId, userId, push, data }: { appId: string; userId: string; push: RenderedPush; data: Record<string, unknown> }): Promise<number> {
  const settings = getEnv().notifications.push;
  if (!settings) throw new Error('Web push is not configured (PUSH_VAPID_*)');
  const subscriptions = await database({ appId }).forUser(userId).collection<PushSubscriptionDocument>('push_subscriptions').find({});
  const payload = JSON.stringify({ title: push.title, body: push.body, data });
  let delivered = 0;
  const failures: string[] = [];
  await Promise.all(
    subscriptions.map(async (subscription) => {
      try {
        await webpush.sendNotification({ endpoint: subscription.endpoint, keys: subscription.keys }, payload, {
          vapidDetails: { subject: settings.subject, publicKey: settings.publicKey, privateKey: settings.privateKey },
          TTL: PUSH_TTL_SECONDS,
          timeout: PUSH_TIMEOUT_MS,
        });
        delivered += 1;
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 404 || status === 410) {
          await subscriptionsOf(appId).deleteOne({ _id: subscription._id });
          logger.info('push subscription expired; removed', { user_id: userId, status });
          return;
        }
        failures.push(`${new URL(subscription.endpoint).host}: ${status ?? (error as Error).message}`);
      }
    }),
  );
  if (failures.length && delivered === 0) throw new Error(`Push failed for every browser (${failures.join('; ')})`);
  return delivered;
}

/** How many browsers a user has registered for push. */
export function countPushSubscriptions(appId: string, userId: string): Promise<number> {
  return database({ appId }).forUser(userId).collection('push_subscriptions').countDocuments({});
}

/** Forgets every browser of a user; returns how many there were. */
export async function deleteAllPushSubscriptions(appId: string, userId: string): Promise<number> {
  const { deletedCount } = await database({ appId }).forUser(userId).collection('push_subscriptions').deleteMany({});
  return deletedCount;
}
