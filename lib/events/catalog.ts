/**
 * The typed catalog of core events (reference §5). Publishers and subscribers of these names get
 * their payload's type from here, and payloads are checked against the schema when published.
 *
 * Plugins publish their own events as `<plugin>:<past_tense>` (`task_manager:task_created`); those
 * carry any JSON object.
 */
import { z } from 'zod';

const userId = z.string().min(1);

export const coreEvents = {
  /** A plugin action answered (whatever its result). */
  plugin_executed: z.object({ app_id: z.string(), plugin: z.string(), user: userId, action: z.string().nullable(), execution_time: z.number() }),
  /** A plugin action threw or timed out. */
  plugin_execution_error: z.object({
    app_id: z.string(),
    plugin: z.string(),
    user: userId,
    action: z.string().nullable(),
    error: z.string(),
    error_code: z.string(),
    execution_time: z.number(),
  }),
  subscription_updated: z.object({ user_id: userId, plan: z.string() }),
  /** `plan` is the plan the user is on after the cancellation. */
  subscription_canceled: z.object({ user_id: userId, plan: z.string() }),
  theme_changed: z.object({ user_id: userId, theme: z.string() }),
  profile_updated: z.object({ user_id: userId }),
  plugin_settings_updated: z.object({ user_id: userId, plugin: z.string() }),
  settings_updated: z.object({ user_id: userId, plugin: z.string() }),
  notification_preferences_updated: z.object({ user_id: userId }),
  all_notifications_read: z.object({ user_id: userId }),
  /** A notification was stored for a user (after preferences allowed it in-app). */
  notification_created: z.object({ user_id: userId, notification_id: z.string(), notification_type: z.string() }),
  /** An administrator suspended, unsuspended or changed an account; instances drop what they cached about it. */
  user_account_changed: z.object({ user_id: userId, change: z.enum(['suspended', 'unsuspended', 'password_reset', 'roles_changed']) }),
  /** A plugin was enabled or disabled for the app; instances drop what they cached about it. */
  plugin_state_changed: z.object({ plugin: z.string(), enabled: z.boolean() }),
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type CoreEventName = keyof typeof coreEvents;
/** A plugin's event: `<plugin>:<past_tense>`. */
export type PluginEventName = `${string}:${string}`;
export type EventName = CoreEventName | PluginEventName;

/** The payload an event carries: typed for core events, a JSON object for plugin events. */
export type EventData<N extends EventName> = N extends CoreEventName ? z.output<(typeof coreEvents)[N]> : Record<string, unknown>;

// The plugin part follows the manifest's name rule (dotted namespaces included).
const PLUGIN_EVENT = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*:[a-z][a-z0-9_]{0,63}$/;

export function isCoreEvent(name: string): name is CoreEventName {
  return Object.hasOwn(coreEvents, name);
}

/** Whether `name` is a well-formed plugin event name (`<plugin>:<past_tense>`, lower-case). */
export function isPluginEventName(name: string): name is PluginEventName {
  return PLUGIN_EVENT.test(name);
}
