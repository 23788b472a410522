/**
 * Billing: a user's subscription, whether they may use a feature, and what they used. The schemas are
 * the core Billing API's (GET /api/billing/subscription-status/{id}, POST /api/billing/feature-access,
 * GET /api/billing/usage/{id}), served by this app and read back from the gateway by managed connectors.
 */
import { z } from 'zod';
import { identifier } from '@/lib/config/schemas/common';
import { pluginName } from '@/lib/plugins/manifest';
import type { ConnectorBinding } from '../binding';
import type { GatewayClient } from '../client';
import { reasonFor, type Availability } from '../results';

export const subscriptionStatusSchema = z.looseObject({
  user_id: z.string(),
  /** False when the app runs without plans (MONETIZATION=0): everything is unlocked. */
  monetization: z.boolean(),
  plan: z.string(),
  status: z.string(),
  /** Whether the plan is in force now (active, or a trial that has not ended). */
  active: z.boolean(),
  is_trial: z.boolean(),
  trial_end_date: z.string().nullable(),
  next_billing_date: z.string().nullable(),
});
export type SubscriptionStatus = z.output<typeof subscriptionStatusSchema>;

export const featureAccessInput = z.object({
  user_id: z.string({ error: 'user_id is required' }).min(1, 'user_id is required').max(200),
  plugin: pluginName,
  /** A feature the plugin declares in its entitlements; without it, the question is whether the plugin may be used at all. */
  feature: identifier.optional(),
});

export const featureAccessSchema = z.looseObject({
  user_id: z.string(),
  plugin: z.string(),
  feature: z.string().nullable(),
  allowed: z.boolean(),
  tier: z.string().nullable(),
  reason: z.string(),
});
export type FeatureAccess = z.output<typeof featureAccessSchema>;

export const usageItemSchema = z.looseObject({
  plugin: z.string(),
  limit: z.string(),
  type: z.enum(['consumable', 'cap']),
  /** The counter's period (`2026-12`, `2026-12-01`, `week-of-…`, `lifetime`); null for caps. */
  period: z.string().nullable(),
  /** -1: unlimited. */
  allowed: z.number(),
  used: z.number(),
  remaining: z.number(),
});
export const usageSchema = z.looseObject({ user_id: z.string(), monetization: z.boolean(), usage: z.array(usageItemSchema) });
export type Usage = z.output<typeof usageSchema>;

export interface BillingConnector {
  /** `subscription: null` when there is no such user. */
  getSubscriptionStatus(userId: string): Promise<Availability<{ subscription: SubscriptionStatus | null }>>;
  /** Fails closed: `allowed: false` whenever the answer is unknown. */
  checkFeatureAccess(input: z.input<typeof featureAccessInput>): Promise<FeatureAccess>;
  /** `usage: null` when there is no such user. */
  getUsage(userId: string): Promise<Availability<{ usage: Usage | null }>>;
}

const encode = encodeURIComponent;

export function managedBilling(client: GatewayClient, { caller }: ConnectorBinding): BillingConnector {
  return {
    async getSubscriptionStatus(userId) {
      const result = await client.request({ method: 'GET', path: `/api/billing/subscription-status/${encode(userId)}`, idempotent: true, schema: subscriptionStatusSchema }, caller);
      if (result.ok) return { available: true, subscription: result.data };
      if (result.failure.kind === 'status' && result.failure.status === 404) return { available: true, subscription: null };
      return { available: false, reason: reasonFor(result.failure) };
    },
    async checkFeatureAccess(input) {
      const body = featureAccessInput.parse(input);
      const result = await client.request({ method: 'POST', path: '/api/billing/feature-access', body, idempotent: true, schema: featureAccessSchema }, caller);
      if (result.ok) return result.data;
      return { user_id: body.user_id, plugin: body.plugin, feature: body.feature ?? null, allowed: false, tier: null, reason: reasonFor(result.failure) };
    },
    async getUsage(userId) {
      const result = await client.request({ method: 'GET', path: `/api/billing/usage/${encode(userId)}`, idempotent: true, schema: usageSchema }, caller);
      if (result.ok) return { available: true, usage: result.data };
      if (result.failure.kind === 'status' && result.failure.status === 404) return { available: true, usage: null };
      return { available: false, reason: reasonFor(result.failure) };
    },
  };
}
