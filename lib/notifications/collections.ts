import { declareCollection } from '@/lib/db/declare';

/** How long in-app notifications are kept. */
export const NOTIFICATION_RETENTION_SECONDS = 90 * 24 * 60 * 60;

/** `notifications`: in-app notifications, one document each. */
export const notificationsCollection = declareCollection({
  name: 'notifications',
  scope: 'user',
  indexes: [
    { keys: { user_id: 1, created_at: -1 }, serves: "the bell: a user's notifications, newest first" },
    { keys: { user_id: 1, read: 1 }, serves: 'unread count' },
    { keys: { created_at: 1 }, expireAfterSeconds: NOTIFICATION_RETENTION_SECONDS, serves: 'retention' },
  ],
});

/** `push_subscriptions`: a user's browsers registered for web push. */
export const pushSubscriptionsCollection = declareCollection({
  name: 'push_subscriptions',
  scope: 'user',
  indexes: [{ keys: { endpoint: 1 }, unique: true, serves: 'subscribe/unsubscribe by endpoint; one record per browser' }],
});

/** `scheduled_notifications`: notifications to send later. */
export const scheduledNotificationsCollection = declareCollection({
  name: 'scheduled_notifications',
  scope: 'app',
  indexes: [{ keys: { status: 1, scheduled_for: 1 }, serves: 'the scheduler: pending notifications that are due' }],
});
