import { z } from 'zod';
import { appPath, iconName, identifier } from './common';

/** Starts an AI workflow when the item is chosen (contract v1.x); the server passes it through untouched. */
const navigationTrigger = z.looseObject({
  type: z.literal('workflow'),
  workflow: z.string().trim().min(1, 'must name a workflow'),
  input: z.record(z.string(), z.unknown()).optional(),
  mode: z.enum(['view', 'workflow', 'ask']).optional(),
  cache_ttl: z.number().int().nonnegative().optional(),
});

export const navigationItemSchema = z.looseObject({
  /** Text shown in the sidebar. */
  label: z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters'),
  /** Where the item leads, inside the app. */
  path: appPath,
  /** Lucide icon name; unknown names fall back to a neutral icon (the doctor warns). */
  icon: iconName.optional(),
  trigger: navigationTrigger.optional(),
});

export const pluginNavigationItemSchema = navigationItemSchema.extend({
  /** The plugin this item belongs to; hidden when the plugin is disabled or not in the user's plan. */
  plugin_name: identifier,
});

/** `navigation_config.json`: the sidebar. */
export const navigationConfigSchema = z.looseObject({
  /** Core items, shown to everyone (the `/subscriptions` item only with MONETIZATION=1). */
  default: z.array(navigationItemSchema).default([{ label: 'Dashboard', path: '/', icon: 'layout-dashboard' }]),
  /** Items contributed by plugins. */
  plugins: z.array(pluginNavigationItemSchema).default([]),
});

export type NavigationItem = z.output<typeof navigationItemSchema>;
export type PluginNavigationItem = z.output<typeof pluginNavigationItemSchema>;
export type NavigationConfig = z.output<typeof navigationConfigSchema>;
