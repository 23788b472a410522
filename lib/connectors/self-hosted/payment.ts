import { getEnv } from '@/lib/env';
import { userSubscription } from '@/lib/subscriptions';
import type { ConnectorBinding } from '../binding';
import { cancelRequest, checkoutRequest, unavailableStatus, type PaymentConnector } from '../services/payment';

/**
 * Self-hosted there is no payment provider: checkout and cancel say so. The app's own subscription is
 * real, though (subscription_config.json plans, written by the control plane or the user), so
 * `scope: "app"` reports it; the platform's subscription does not exist.
 */
export function selfHostedPayment({ appId, identity }: ConnectorBinding): PaymentConnector {
  return {
    checkout: async (input) => {
      checkoutRequest.parse(input);
      return { ok: false, reason: 'self_hosted' };
    },
    async subscriptionStatus({ scope, appId: asked = null }) {
      if (scope === 'platform') return unavailableStatus(scope, null, 'self_hosted');
      // This app knows only its own subscriptions.
      if (asked && asked !== appId) return unavailableStatus(scope, asked, 'forbidden');
      if (!getEnv().monetization) {
        return { scope, appId, active: true, status: 'active', plan: 'unlimited', currentPeriodEnd: null, cancelAtPeriodEnd: false, unavailableReason: null };
      }
      const subscription = await userSubscription(appId, identity.user_id);
      return {
        scope,
        appId,
        active: subscription.status === 'active' || subscription.is_trial,
        status: subscription.status,
        plan: subscription.plan,
        currentPeriodEnd: subscription.trial_info?.end_date ?? subscription.next_billing_date,
        cancelAtPeriodEnd: false,
        unavailableReason: null,
      };
    },
    cancel: async (input) => {
      cancelRequest.parse(input);
      return { ok: false, reason: 'self_hosted' };
    },
  };
}
