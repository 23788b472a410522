import { z } from 'zod';
import { iconName, identifier, refineUnique } from './common';

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'sms', 'push'] as const;

/** A delivery channel; `web_push` (the original's channel id) is accepted as an alias of `push`. */
export const notificationChannel = z
  .string()
  .transform((value) => (value === 'web_push' ? 'push' : value))
  .pipe(z.enum(NOTIFICATION_CHANNELS, { error: `must be one of ${NOTIFICATION_CHANNELS.join(', ')} (or web_push)` }));

export const DIGEST_FREQUENCIES = ['immediate', 'daily', 'weekly', 'none'] as const;

/** A notification type a plugin sends, in notifications_config.json or a plugin's manifest. */
export const notificationTypeSchema = z.looseObject({
  /** The notification type, conventionally `<plugin>_<event>`. */
  id: identifier,
  label: z.string().trim().min(1),
  description: z.string().optional(),
  category: z.string().optional(),
  default_enabled: z.boolean().optional(),
  channels: z.array(notificationChannel).default(['in_app']),
});

const DEFAULT_CATEGORIES = [
  { id: 'account', name: 'Account', description: 'Sign-ins, profile and security', icon: 'user' },
  { id: 'subscription', name: 'Subscription', description: 'Plan changes and billing', icon: 'credit-card' },
  { id: 'system', name: 'System', description: 'Announcements from the app team', icon: 'bell' },
  { id: 'plugins', name: 'Plugins', description: 'Activity in your apps', icon: 'puzzle' },
];

/** `notifications_config.json`: categories, defaults and the notification types plugins send. */
export const notificationsConfigSchema = z
  .looseObject({
    settings: z
      .looseObject({
        default_email_frequency: z.enum(DIGEST_FREQUENCIES).default('immediate'),
        default_enabled: z.boolean().default(true),
      })
      .default({ default_email_frequency: 'immediate', default_enabled: true }),
    categories: z
      .array(
        z.looseObject({
          id: identifier,
          name: z.string().trim().min(1),
          description: z.string().optional(),
          icon: iconName.optional(),
        }),
      )
      .default(DEFAULT_CATEGORIES),
    plugins: z
      .record(
        identifier,
        z.looseObject({
          display_name: z.string().optional(),
          notifications: z.array(notificationTypeSchema).default([]),
        }),
      )
      .default({}),
  })
  .superRefine((config, ctx) => {
    refineUnique(config.categories, (category) => category.id, 'id', ctx, ['categories']);
    const categoryIds = new Set(config.categories.map((category) => category.id));
    for (const [plugin, entry] of Object.entries(config.plugins)) {
      entry.notifications.forEach((type, index) => {
        if (type.category && !categoryIds.has(type.category)) {
          ctx.addIssue({
            code: 'custom',
            path: ['plugins', plugin, 'notifications', index, 'category'],
            message: `"${type.category}" is not one of the categories (${[...categoryIds].join(', ')})`,
          });
        }
      });
    }
  });

export type NotificationsConfig = z.output<typeof notificationsConfigSchema>;
