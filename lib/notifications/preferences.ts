/**
 * Notification preferences: per user and per type, whether it is on, which channels it may use, and
 * how often its emails go out (at once, or bundled into the daily or weekly digest).
 *
 * Stored once, in the user's `settings` document under `notification_preferences`, in the
 * reference's shape `{ "<type>": { enabled, frequency } }` extended with `channels`. Both of the
 * reference's preference routes read and write this one store (the original kept two).
 */
import { z } from 'zod';
import { getConfigs } from '@/lib/config';
import { database } from '@/lib/db';
import { publish } from '@/lib/events';
import { ApiError } from '@/lib/errors';
import { EMAIL_FREQUENCIES, NOTIFICATION_CHANNELS, notificationTypes, type Channel, type EmailFrequency, type NotificationType } from './catalog';

export interface TypePreference {
  enabled: boolean;
  frequency: EmailFrequency;
  channels: Record<Channel, boolean>;
}

/** Every known type's preference, defaults filled in. */
export type NotificationPreferences = Record<string, TypePreference>;

const channelToggles = z
  .record(z.string(), z.boolean({ error: 'each channel must be true or false' }))
  .transform((value) => Object.fromEntries(Object.entries(value).map(([channel, on]) => [channel === 'web_push' ? 'push' : channel, on])))
  .pipe(z.partialRecord(z.enum(NOTIFICATION_CHANNELS, { error: `channels are ${NOTIFICATION_CHANNELS.join(', ')}` }), z.boolean()));

const typePreferenceInput = z.object({
  enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
  frequency: z.enum(EMAIL_FREQUENCIES, { error: `frequency must be one of ${EMAIL_FREQUENCIES.join(', ')}` }).optional(),
  channels: channelToggles.optional(),
});

/** What the preference routes accept: `{ "<type>": { enabled?, frequency?, channels? } }`. */
export const preferencesInput = z.record(z.string(), typePreferenceInput, { error: 'expected an object of notification types' });

type StoredPreferences = Record<string, z.output<typeof typePreferenceInput>>;

interface SettingsDocument {
  [key: string]: unknown;
  notification_preferences?: StoredPreferences;
}

function settingsOf(appId: string, userId: string) {
  return database({ appId }).forUser(userId).collection<SettingsDocument>('settings');
}

function defaultFrequency(): EmailFrequency {
  return getConfigs().notifications.settings.default_email_frequency;
}

function resolve(type: NotificationType, stored: z.output<typeof typePreferenceInput> | undefined): TypePreference {
  const channels = Object.fromEntries(
    NOTIFICATION_CHANNELS.map((channel) => [channel, type.channels.includes(channel) && (stored?.channels?.[channel] ?? true)]),
  ) as Record<Channel, boolean>;
  return { enabled: stored?.enabled ?? type.default, frequency: stored?.frequency ?? defaultFrequency(), channels };
}

/** A user's preferences for every known type. */
export async function getPreferences(appId: string, userId: string): Promise<NotificationPreferences> {
  const stored = (await settingsOf(appId, userId).findOne({}, { projection: { notification_preferences: 1 } }))?.notification_preferences ?? {};
  return Object.fromEntries(notificationTypes().map((type) => [type.id, resolve(type, stored[type.id])]));
}

/** The preference that applies to one type, declared or not (undeclared types: in-app, on). */
export function preferenceFor(preferences: NotificationPreferences, typeId: string): TypePreference {
  return (
    preferences[typeId] ?? {
      enabled: true,
      frequency: 'immediate',
      channels: Object.fromEntries(NOTIFICATION_CHANNELS.map((channel) => [channel, channel === 'in_app'])) as Record<Channel, boolean>,
    }
  );
}

/**
 * Saves the changes in `input` over what the user had; unknown types are refused (400), so a typo is
 * not silently dropped. Returns every type's resulting preference.
 */
export async function savePreferences(appId: string, userId: string, input: z.output<typeof preferencesInput>): Promise<NotificationPreferences> {
  const known = new Map(notificationTypes().map((type) => [type.id, type]));
  const unknown = Object.keys(input).filter((id) => !known.has(id));
  if (unknown.length) {
    throw new ApiError('VALIDATION_ERROR', `Unknown notification type(s): ${unknown.join(', ')}`, { extra: { known_types: [...known.keys()] } });
  }
  const settings = settingsOf(appId, userId);
  const stored = (await settings.findOne({}, { projection: { notification_preferences: 1 } }))?.notification_preferences ?? {};
  // Type ids may contain dots, so the whole object is written rather than one dotted path per type.
  const merged: StoredPreferences = { ...stored };
  for (const [id, change] of Object.entries(input)) {
    merged[id] = { ...stored[id], ...change, channels: { ...stored[id]?.channels, ...change.channels } };
  }
  await settings.updateOne({}, { $set: { notification_preferences: merged } }, { upsert: true });
  publish('notification_preferences_updated', { user_id: userId }, { appId, userId });
  return getPreferences(appId, userId);
}
