import { declareCollection } from '@/lib/db/declare';

/** Sent and cancelled scheduled notifications are kept this long, for the admin's record. */
export const SCHEDULED_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** Digest items still unsent after this long (their address keeps refusing mail) are dropped. */
export const DIGEST_ITEM_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** Claims only matter while their job can still be retried; a week is ample. */
export const SCHEDULED_CLAIM_RETENTION_SECONDS = 7 * 24 * 60 * 60;

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
  indexes: [
    { keys: { status: 1, scheduled_for: 1 }, serves: 'the scheduler: pending notifications that are due' },
    { keys: { user_id: 1, key: 1, status: 1 }, serves: "replace or cancel a user's pending notification by its key (`task_manager:task:<id>`)" },
    { keys: { sent_at: 1 }, expireAfterSeconds: SCHEDULED_RETENTION_SECONDS, serves: 'retention of sent jobs' },
    { keys: { cancelled_at: 1 }, expireAfterSeconds: SCHEDULED_RETENTION_SECONDS, serves: 'retention of cancelled jobs' },
  ],
});

/** `scheduled_notification_claims`: `<job id>#<attempt>`, inserted by the instance that sends that attempt (its unique `_id` is the lock). */
export const scheduledNotificationClaimsCollection = declareCollection({
  name: 'scheduled_notification_claims',
  scope: 'app',
  indexes: [{ keys: { created_at: 1 }, expireAfterSeconds: SCHEDULED_CLAIM_RETENTION_SECONDS, serves: 'retention' }],
});

/** `notification_digest_items`: emails waiting for a user's daily or weekly digest; removed once sent. */
export const notificationDigestItemsCollection = declareCollection({
  name: 'notification_digest_items',
  scope: 'user',
  indexes: [
    { keys: { period: 1, user_id: 1, created_at: 1 }, serves: 'the digest run: one period, user by user, oldest first' },
    { keys: { created_at: 1 }, expireAfterSeconds: DIGEST_ITEM_RETENTION_SECONDS, serves: 'retention: items a refused address could never receive' },
  ],
});

/** `notification_digest_runs`: one document per digest run (`daily:2026-11-22`), so a run happens once across instances and restarts. */
export const notificationDigestRunsCollection = declareCollection({
  name: 'notification_digest_runs',
  scope: 'app',
  indexes: [],
});

/** `notification_broadcasts`: one record per admin broadcast, with its target and outcome. */
export const notificationBroadcastsCollection = declareCollection({
  name: 'notification_broadcasts',
  scope: 'app',
  indexes: [{ keys: { created_at: -1 }, serves: 'the admin list of broadcasts, newest first' }],
});
