import type { ConnectorBinding } from '../binding';
import { billingSubscriptionStatus, featureAccess, usageOf } from '../core/billing';
import { FORBIDDEN } from '../results';
import { featureAccessInput, type BillingConnector } from '../services/billing';

/** Answers from this app's subscriptions and usage counters, for the caller's own account (anyone's for a superadmin). */
export function selfHostedBilling({ appId, identity }: ConnectorBinding): BillingConnector {
  const mayRead = (userId: string) => identity.is_superadmin || identity.user_id === userId;
  return {
    async getSubscriptionStatus(userId) {
      if (!mayRead(userId)) return FORBIDDEN;
      return { available: true, subscription: await billingSubscriptionStatus(appId, userId) };
    },
    async checkFeatureAccess(input) {
      const body = featureAccessInput.parse(input);
      if (!mayRead(body.user_id)) return { user_id: body.user_id, plugin: body.plugin, feature: body.feature ?? null, allowed: false, tier: null, reason: 'forbidden' };
      return featureAccess(appId, body);
    },
    async getUsage(userId) {
      if (!mayRead(userId)) return FORBIDDEN;
      return { available: true, usage: await usageOf(appId, userId) };
    },
  };
}
