import { z } from 'zod';
import { appPath, iconName, identifier } from '@/lib/config/schemas/common';
import { notificationTypeSchema } from '@/lib/config/schemas/notifications';

/** A plugin's name: its folder's name, used in URLs and as its collections' prefix. */
export const pluginName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,47}$/, 'must be 2-48 characters of lower-case letters, digits and "_", starting with a letter');

const settingsFieldSchema = z.looseObject({
  id: identifier,
  label: z.string().min(1),
  type: z.enum(['text', 'textarea', 'number', 'toggle', 'select', 'email']),
  description: z.string().optional(),
  default: z.unknown().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  required: z.boolean().optional(),
});

/** `plugins/<name>/plugin.json`: what the shell needs to know about a plugin without running it. */
export const pluginManifestSchema = z.looseObject({
  name: pluginName,
  version: z.string().regex(/^\d+\.\d+\.\d+([-+].*)?$/, 'must be a semantic version such as "1.0.0"'),
  display_name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(300).default(''),
  icon: iconName.optional(),
  /** The sidebar entry; its path defaults to /plugins/<name>. */
  navigation: z.looseObject({ label: z.string().trim().min(1).max(60), path: appPath.optional(), icon: iconName.optional() }).optional(),
  /** Fields of the plugin's settings panel, stored per user. */
  settings: z.array(settingsFieldSchema).default([]),
  /** Notification types the plugin sends, as in notifications_config.json. */
  notifications: z.array(notificationTypeSchema).default([]),
  /** Roles allowed to use it (any of them; superadmins always may). Empty: every signed-in user. */
  required_roles: z.array(z.string().min(1)).default([]),
  /** Calls one user may make per minute. */
  rate_limit: z.looseObject({ requests_per_minute: z.number().int().min(1).max(100_000) }).default({ requests_per_minute: 120 }),
});

export type PluginManifest = z.output<typeof pluginManifestSchema>;
