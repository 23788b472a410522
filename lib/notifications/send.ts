/**
 * Sending a notification: the one path every notification takes, whoever creates it (core code,
 * a plugin's `ctx.notifications.create`, the scheduler, an admin broadcast).
 *
 *   the user's preference for the type (off → nothing is sent)
 *   → the channels: the type's declared channels (or the caller's), minus those the user turned off,
 *     minus those this server has not configured or the user cannot be reached on
 *   → in-app: stored and pushed to the user's tabs before this returns
 *   → email (at once, or into the daily/weekly digest), SMS and web push: sent in the background;
 *     a failure is logged and never reaches the caller. The background outlives the request's
 *     answer, so it is handed to the host to wait for (lib/runtime/after-response.ts).
 */
import { findUserById } from '@/lib/auth/users';
import { getConfigs } from '@/lib/config';
import { database } from '@/lib/db';
import { publish } from '@/lib/events';
import { keepAliveUntilSettled } from '@/lib/runtime/after-response';
import { processSingleton } from '@/lib/runtime/global';
import { logger } from '@/lib/runtime/logger';
import { findNotificationType, UNDECLARED_TYPE_CHANNELS, type Channel } from './catalog';
import { isEmailConfigured, sendEmail } from './channels/email';
import { isPushConfigured, sendPush } from './channels/push';
import { isSmsConfigured, sendSms } from './channels/sms';
import { storeNotification } from './inbox';
import { getPreferences, preferenceFor } from './preferences';
import { renderTemplate, type TemplateVariables } from './templates';

/** The settings toggle that turns every email off (the reference's `email_notifications`). */
export const EMAIL_MASTER_TOGGLE = 'email_notifications';

export interface CreateNotificationInput {
  appId: string;
  userId: string;
  /** The type, conventionally `<plugin>_<event>`; declared types honour the user's preferences. */
  type: string;
  title: string;
  message: string;
  metadata?: Record<string, unknown>;
  /** Limit delivery to these channels; default: the type's declared channels. */
  channels?: Channel[];
  /** A fixed id makes sending idempotent (the scheduler passes its job id). */
  id?: string;
}

export interface CreateNotificationResult {
  /** The in-app notification's id; null when it was not stored in-app (type or channel turned off). */
  id: string | null;
  /** The channels the notification is going out on. */
  channels: Channel[];
}

/** Digest queue entries: emails waiting for the user's daily or weekly digest. */
export interface DigestItem {
  [key: string]: unknown;
  period: 'daily' | 'weekly';
  type: string;
  title: string;
  message: string;
  created_at: Date;
}

const background = processSingleton('notification-deliveries', () => new Set<Promise<void>>());

/** Resolves when every background delivery under way has finished; for shutdown and tests. */
export async function notificationsSettled(): Promise<void> {
  while (background.size) await Promise.allSettled([...background]);
}

function inBackground(work: () => Promise<void>, fields: Record<string, unknown>): void {
  const task = work()
    .catch((error: unknown) => logger.warn('notification delivery failed', { ...fields, error }))
    .finally(() => background.delete(task));
  background.add(task);
  keepAliveUntilSettled(task);
}

function scalarMetadata(metadata: Record<string, unknown>): TemplateVariables {
  return Object.fromEntries(
    Object.entries(metadata).filter((entry): entry is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof entry[1])),
  );
}

export async function createNotification(input: CreateNotificationInput): Promise<CreateNotificationResult> {
  const { appId, userId, type } = input;
  const metadata = input.metadata ?? {};
  const preferences = await getPreferences(appId, userId);
  const preference = preferenceFor(preferences, type);
  if (!preference.enabled) return { id: null, channels: [] };

  const declared = findNotificationType(type);
  let channels: Channel[] = declared
    ? (input.channels ?? declared.channels).filter((channel) => declared.channels.includes(channel) && preference.channels[channel])
    : (input.channels ?? UNDECLARED_TYPE_CHANNELS);

  const needsUser = channels.some((channel) => channel !== 'in_app');
  const user = needsUser ? await findUserById(appId, userId) : null;
  const emailOff = preferences[EMAIL_MASTER_TOGGLE]?.enabled === false || preference.frequency === 'none';
  channels = channels.filter((channel) => {
    if (channel === 'in_app') return true;
    if (channel === 'email') return isEmailConfigured() && Boolean(user?.email) && !emailOff;
    if (channel === 'sms') return isSmsConfigured() && typeof user?.phone === 'string' && user.phone.length > 0;
    return isPushConfigured();
  });

  const variables: TemplateVariables = {
    ...scalarMetadata(metadata),
    title: input.title,
    message: input.message,
    app_name: getConfigs().theme.branding.app_name,
    username: user?.username ?? '',
    full_name: user?.full_name ?? user?.username ?? '',
  };

  let id: string | null = null;
  if (channels.includes('in_app')) {
    const rendered = renderTemplate(type, 'in_app', variables);
    const stored = await storeNotification({ appId, userId, id: input.id, type, title: rendered.title, message: rendered.message, metadata });
    id = stored.id;
    publish('notification_created', { user_id: userId, notification_id: stored.id, notification_type: type }, { appId, userId });
  }

  const fields = { app_id: appId, user_id: userId, type };
  if (channels.includes('email') && user?.email) {
    const to = user.email;
    if (preference.frequency === 'immediate') {
      inBackground(() => sendEmail(to, renderTemplate(type, 'email', variables)), { ...fields, channel: 'email' });
    } else {
      const period = preference.frequency as DigestItem['period'];
      const rendered = renderTemplate(type, 'in_app', variables);
      inBackground(async () => {
        await database({ appId })
          .forUser(userId)
          .collection<DigestItem>('notification_digest_items')
          .insertOne({ period, type, title: rendered.title, message: rendered.message, created_at: new Date() });
      }, { ...fields, channel: 'email', digest: period });
    }
  }
  if (channels.includes('sms') && typeof user?.phone === 'string') {
    const phone = user.phone;
    inBackground(async () => void (await sendSms(phone, renderTemplate(type, 'sms', variables).body_text)), { ...fields, channel: 'sms' });
  }
  if (channels.includes('push')) {
    const push = renderTemplate(type, 'push', variables);
    inBackground(async () => void (await sendPush({ appId, userId, push, data: { id, type, url: typeof metadata.url === 'string' ? metadata.url : '/notifications' } })), {
      ...fields,
      channel: 'push',
    });
  }
  return { id, channels };
}
