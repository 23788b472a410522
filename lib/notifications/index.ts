/**
 * Notifications: one store (`notifications`, scoped by app and user), one send path
 * (`createNotification`) and four channels (in-app, email, SMS, web push), each honouring the user's
 * preferences by type and channel. See docs/notifications.md.
 */
export { findNotificationType, notificationTypes, EMAIL_FREQUENCIES, NOTIFICATION_CHANNELS, type Channel, type NotificationType } from './catalog';
export { closeEmail, isEmailConfigured } from './channels/email';
export {
  countPushSubscriptions,
  deleteAllPushSubscriptions,
  deletePushSubscription,
  isPushConfigured,
  pushSubscriptionSchema,
  savePushSubscription,
  vapidPublicKey,
} from './channels/push';
export { channelStatus, notificationsOverview, type NotificationsOverview } from './overview';
export { isSmsConfigured } from './channels/sms';
export {
  countUnread,
  deleteNotification,
  listNotifications,
  markAllRead,
  MAX_PAGE_SIZE,
  NOTIFICATION_EVENT,
  setRead,
  type NotificationMessage,
  type NotificationView,
} from './inbox';
export { getPreferences, preferencesInput, savePreferences, type NotificationPreferences, type TypePreference } from './preferences';
export { cancelScheduledNotification, runSchedulerPass, scheduleNotification, startScheduler, stopScheduler, type SchedulerPass } from './scheduler';
export { createNotification, notificationsSettled, type CreateNotificationInput, type CreateNotificationResult } from './send';
export { NOTIFICATION_ADMIN_ROLES } from './admin';
export { BROADCAST_MAX_USERS, broadcastInput, broadcastTarget, broadcastNotification, getBroadcast, listBroadcasts } from './broadcast';
