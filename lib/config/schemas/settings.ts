import { z } from 'zod';
import { iconName, identifier, refineUnique } from './common';
import { notificationChannel } from './notifications';

/** Field types the settings page knows how to render (the original's set). */
export const SETTINGS_FIELD_TYPES = [
  'text',
  'email',
  'textarea',
  'image',
  'toggle',
  'theme-selector',
  'password-change',
  'plugin-settings',
] as const;

const settingsFieldSchema = z.looseObject({
  id: identifier,
  label: z.string().trim().min(1).optional(),
  type: z.enum(SETTINGS_FIELD_TYPES, {
    error: (issue) => `must be one of ${SETTINGS_FIELD_TYPES.join(', ')} (got ${JSON.stringify(issue.input)})`,
  }),
  description: z.string().optional(),
  placeholder: z.string().optional(),
  required: z.boolean().optional(),
  editable: z.boolean().optional(),
  /** Notification toggles: the category and channels they control. */
  category: z.string().optional(),
  channels: z.array(notificationChannel).optional(),
  default_enabled: z.boolean().optional(),
  /** For `plugin-settings` fields: whose settings panel to show. */
  plugin: identifier.optional(),
});

const pluginNotificationFieldSchema = settingsFieldSchema.extend({ plugin: identifier });

/** A section of the settings page; also the shape GET /api/settings-config answers with. */
export const settingsSectionSchema = z
  .looseObject({
    id: identifier,
    title: z.string().trim().min(1, 'must not be empty'),
    icon: iconName.optional(),
    order: z.number().int().optional(),
    visible: z.boolean().default(true),
    editable: z.boolean().default(true),
    fields: z.array(settingsFieldSchema).default([]),
    /** Filled from plugin manifests at runtime; may also be written by hand. */
    plugin_notification_fields: z.array(pluginNotificationFieldSchema).optional(),
  })
  .superRefine((section, ctx) => refineUnique(section.fields, (field) => field.id, 'id', ctx, ['fields']));

const DEFAULT_SECTIONS = [
  {
    id: 'personal',
    title: 'Personal Information',
    icon: 'user',
    order: 1,
    visible: true,
    editable: true,
    fields: [
      { id: 'full_name', label: 'Full Name', type: 'text' as const, required: true, editable: true },
      { id: 'email', label: 'Email Address', type: 'email' as const, required: true, editable: false },
      { id: 'bio', label: 'Bio', type: 'textarea' as const, description: 'A few words about you.' },
    ],
  },
  {
    id: 'security',
    title: 'Security',
    icon: 'lock',
    order: 2,
    visible: true,
    editable: true,
    fields: [{ id: 'password', label: 'Password', type: 'password-change' as const }],
  },
  {
    id: 'appearance',
    title: 'Appearance',
    icon: 'palette',
    order: 3,
    visible: true,
    editable: true,
    fields: [{ id: 'theme', label: 'Theme', type: 'theme-selector' as const }],
  },
  // Plugins' notification types appear here even when no core toggle is declared.
  { id: 'notifications', title: 'Notifications', icon: 'bell', order: 4, visible: true, editable: true, fields: [] },
];

/** `settings_config.json`: the sections and fields of the profile and settings pages. */
export const settingsConfigSchema = z
  .looseObject({
    profile_sections: z.array(settingsSectionSchema).default(DEFAULT_SECTIONS),
  })
  .superRefine((config, ctx) => refineUnique(config.profile_sections, (section) => section.id, 'id', ctx, ['profile_sections']));

export type SettingsConfig = z.output<typeof settingsConfigSchema>;
export type SettingsSection = SettingsConfig['profile_sections'][number];
export type SettingsField = SettingsSection['fields'][number];
