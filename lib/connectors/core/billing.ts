/**
 * The core Billing API over this app's own subscriptions and usage counters: served at /api/billing/*
 * to internal services, and used in process by the self-hosted billing connector. Like the core
 * Identity API it trusts its caller.
 */
import { usersOf } from '@/lib/auth/users';
import { getEnv } from '@/lib/env';
import { pluginAccess } from '@/lib/plugins/access';
import { getCatalogPlugin, getCatalog, type CatalogPlugin } from '@/lib/plugins/catalog';
import { userSubscription } from '@/lib/subscriptions';
import { entitlementsOf } from '@/lib/subscriptions/entitlements';
import type { FeatureAccess, SubscriptionStatus, Usage } from '../services/billing';
import { identityOfUser } from './identity';

/** What MONETIZATION=0 means, in the original's words: one unlimited plan, always active. */
const UNMETERED = { plan: 'unlimited', status: 'active', active: true, is_trial: false, trial_end_date: null, next_billing_date: null } as const;

async function userExists(appId: string, userId: string): Promise<boolean> {
  return (await usersOf(appId).findOne({ _id: userId }, { projection: { _id: 1 } })) !== null;
}

export async function billingSubscriptionStatus(appId: string, userId: string): Promise<SubscriptionStatus | null> {
  if (!(await userExists(appId, userId))) return null;
  if (!getEnv().monetization) return { user_id: userId, monetization: false, ...UNMETERED };
  const subscription = await userSubscription(appId, userId);
  return {
    user_id: userId,
    monetization: true,
    plan: subscription.plan,
    status: subscription.status,
    active: subscription.status === 'active' || subscription.is_trial,
    is_trial: subscription.is_trial,
    trial_end_date: subscription.trial_info?.end_date ?? null,
    next_billing_date: subscription.next_billing_date,
  };
}

/** `findPlugin` is the build's registry; tests pass plugins of their own. */
export async function featureAccess(
  appId: string,
  input: { user_id: string; plugin: string; feature?: string | undefined },
  findPlugin: (name: string) => CatalogPlugin | undefined = getCatalogPlugin,
): Promise<FeatureAccess> {
  const answer = (allowed: boolean, reason: string, tier: string | null = null): FeatureAccess => ({
    user_id: input.user_id,
    plugin: input.plugin,
    feature: input.feature ?? null,
    allowed,
    tier,
    reason,
  });
  const user = await usersOf(appId).findOne({ _id: input.user_id });
  if (!user) return answer(false, 'user_not_found');
  if (user.disabled) return answer(false, 'user_disabled');
  const plugin = findPlugin(input.plugin);
  if (!plugin) return answer(false, 'unknown_plugin');
  const identity = identityOfUser(appId, user);
  if (!(await pluginAccess(identity))(plugin)) return answer(false, 'plugin_not_allowed');
  const entitlements = await entitlementsOf(identity, plugin);
  const tier = entitlements?.tier ?? null;
  if (input.feature === undefined) return answer(true, 'plugin_allowed', tier);
  // A feature the plugin does not declare is the caller's mistake; saying yes would hide it.
  if (!entitlements || !Object.hasOwn(entitlements.features, input.feature)) return answer(false, 'unknown_feature', tier);
  if (!getEnv().monetization) return answer(true, 'monetization_off', tier);
  if (identity.is_superadmin) return answer(true, 'is_superadmin', tier);
  return entitlements.features[input.feature] ? answer(true, 'feature_enabled', tier) : answer(false, 'feature_not_in_tier', tier);
}

/** Each metered limit of every plugin with what this period used; empty with MONETIZATION=0, which meters nothing. */
export async function usageOf(appId: string, userId: string, plugins: Iterable<CatalogPlugin> = getCatalog().values()): Promise<Usage | null> {
  if (!(await userExists(appId, userId))) return null;
  if (!getEnv().monetization) return { user_id: userId, monetization: false, usage: [] };
  const usage = [];
  for (const plugin of plugins) {
    const entitlements = await entitlementsOf({ app_id: appId, user_id: userId }, plugin);
    for (const limit of entitlements?.limits ?? []) usage.push({ plugin: plugin.name, ...limit });
  }
  return { user_id: userId, monetization: true, usage };
}
