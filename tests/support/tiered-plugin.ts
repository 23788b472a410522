/**
 * A plugin with tiered entitlements, for specs of plans, gating and usage (no built-in plugin has
 * any): a `reports` plugin whose free tier allows 5 reports a month and 10 pages, and whose premium
 * tier unlocks `export`, unlimited reports and 100 pages. Each spec declares the actions it needs.
 */
import { makeConfigDir } from './config-dir';

/** A config directory whose two plans both include the plugin; they differ in its tier. */
export const tieredPlansConfig = () =>
  makeConfigDir({
    'subscription_config.json': {
      settings: { default_plan: 'free' },
      subscription_plans: [
        { name: 'free', display_name: 'Free', price: 0, plugins_unlocked: ['reports'] },
        { name: 'premium', display_name: 'Premium', price: 10, plugins_unlocked: ['*'] },
      ],
    },
  });

/** The manifest's features, limits and tiers; `actions` says what each action consumes or requires. */
export function tieredManifest(actions: Record<string, { consumes?: Record<string, number>; requires_features?: string[] }>, extra: Record<string, unknown> = {}) {
  return {
    name: 'reports',
    version: '1.0.0',
    display_name: 'Reports',
    ...extra,
    entitlements: {
      features: { export: { default: false } },
      limits: { reports_per_month: { type: 'consumable', reset: 'monthly', default: 0 }, pages: { type: 'cap', default: 10 } },
      tiers: {
        free: { features: {}, limits: { reports_per_month: 5 } },
        premium: { inherits: 'free', features: { export: true }, limits: { reports_per_month: -1, pages: 100 } },
      },
      actions,
    },
  };
}
