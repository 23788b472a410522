import { z } from 'zod';
import { identifier, refineUnique } from './common';

const planSchema = z.looseObject({
  /** Plan id, matched case-insensitively. */
  name: identifier,
  display_name: z.string().trim().min(1),
  price: z.number().nonnegative('must be zero or more'),
  billing_cycle: z.enum(['monthly', 'yearly', 'weekly', 'one_time', 'none']).default('monthly'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code such as "USD"')
    .default('USD'),
  description: z.string().optional(),
  features: z.array(z.string()).default([]),
  /** Plugin names this plan unlocks; "*" unlocks every plugin. */
  plugins_unlocked: z.array(z.union([z.literal('*'), identifier])).default([]),
  /** Per-plugin tier for plugins with tiered entitlements, such as { "notes_manager": "pro" }. */
  plugins: z.record(identifier, identifier).optional(),
});

const DEFAULT_PLANS = [
  {
    name: 'free',
    display_name: 'Free',
    price: 0,
    billing_cycle: 'monthly' as const,
    currency: 'USD',
    description: 'Everything you need to get started.',
    features: ['Core features'],
    plugins_unlocked: [],
  },
];

/** `subscription_config.json`: plans and trial settings, used when MONETIZATION=1. */
export const subscriptionConfigSchema = z
  .looseObject({
    settings: z
      .looseObject({
        show_subscription_status: z.boolean().default(true),
        show_cancel_button: z.boolean().default(true),
        trial_period_days: z.number().int().nonnegative().default(14),
        /** Plan a new user's trial runs on; without it, trials are off. */
        trial_plan: identifier.optional(),
        default_plan: identifier.default('free'),
      })
      .default({ show_subscription_status: true, show_cancel_button: true, trial_period_days: 14, default_plan: 'free' }),
    subscription_plans: z.array(planSchema).min(1, 'must list at least one plan').default(DEFAULT_PLANS),
  })
  .superRefine((config, ctx) => {
    // The original's shipped stub used `plans` (an object); the runtime always read `subscription_plans`.
    if ('plans' in config) {
      ctx.addIssue({
        code: 'custom',
        path: ['plans'],
        message: 'is not read; list plans under "subscription_plans" (an array of { name, display_name, price, … })',
      });
    }
    refineUnique(config.subscription_plans, (plan) => plan.name.toLowerCase(), 'name', ctx, ['subscription_plans']);
    const names = new Set(config.subscription_plans.map((plan) => plan.name.toLowerCase()));
    for (const key of ['default_plan', 'trial_plan'] as const) {
      const plan = config.settings[key];
      if (plan !== undefined && !names.has(plan.toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: ['settings', key],
          message: `"${plan}" is not the name of any plan in subscription_plans`,
        });
      }
    }
  });

export type SubscriptionConfig = z.output<typeof subscriptionConfigSchema>;
export type SubscriptionPlan = SubscriptionConfig['subscription_plans'][number];
