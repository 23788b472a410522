import { declareCollection } from '@/lib/db/declare';

/** `subscriptions`: a user's current plan, one document per user. */
export const subscriptionsCollection = declareCollection({
  name: 'subscriptions',
  scope: 'user',
  indexes: [{ keys: { user_id: 1 }, unique: true, serves: "the user's plan, read on every gated request" }],
});

/** `subscription_history`: plan changes, newest first. */
export const subscriptionHistoryCollection = declareCollection({
  name: 'subscription_history',
  scope: 'user',
  indexes: [{ keys: { user_id: 1, timestamp: -1 }, serves: "a user's plan changes, newest first" }],
});

/** `entitlement_usage`: consumable limits counted per user, plugin, limit and period. */
export const entitlementUsageCollection = declareCollection({
  name: 'entitlement_usage',
  scope: 'user',
  indexes: [
    {
      keys: { user_id: 1, plugin: 1, limit_key: 1, period: 1 },
      unique: true,
      serves: 'atomic $inc of one counter; the unique key makes concurrent upserts meet on one document',
    },
  ],
});
