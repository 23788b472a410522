/**
 * Per-plugin entitlements (MONETIZATION=1): which features a user's tier has, and how much of each
 * limit is left. The Director checks an action's `requires_features` (403 FEATURE_GATED) and
 * reserves what it `consumes` before the plugin runs (429 LIMIT_EXCEEDED when the period's
 * allowance would be exceeded), giving the reservation back if the call fails, so concurrent calls
 * can never spend more than the allowance.
 */
import type { Identity } from '@/lib/auth/identity';
import { database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { ApiError, isApiError } from '@/lib/errors';
import type { PluginEntitlements } from '@/lib/plugins/manifest';
import type { CatalogPlugin } from '@/lib/plugins/catalog';
import { findPlan, planOfUser } from './index';

/** What a plugin sees in `data._entitlements` (the original's shape); `{}` when MONETIZATION is off. */
export interface EntitlementContext {
  tier: string;
  features: Record<string, boolean>;
  limits: Record<string, { allowed: number; used: number; remaining: number }>;
  enforce: true;
}

interface UsageDocument {
  [key: string]: unknown;
  plugin: string;
  limit_key: string;
  period: string;
  used: number;
  updated_at: Date;
}

/** Whose entitlements: an app and a user (a verified caller, or the user an internal service asks about). */
type UserRef = Pick<Identity, 'app_id' | 'user_id'>;

/** Attempts at a reservation when concurrent first uses of a period race to create its counter. */
const RESERVE_ATTEMPTS = 5;

/** The counter a consumable limit uses now: one per day, ISO week, month, or for ever. */
export function periodKey(reset: 'daily' | 'weekly' | 'monthly' | 'never', now = new Date()): string {
  const iso = now.toISOString();
  if (reset === 'daily') return iso.slice(0, 10);
  if (reset === 'monthly') return iso.slice(0, 7);
  if (reset === 'never') return 'lifetime';
  // The Monday that starts this ISO week (UTC).
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7)));
  return `week-of-${monday.toISOString().slice(0, 10)}`;
}

/** The tier a user's plan gives them for a plugin: the plan's `plugins[<plugin>]`, else the plan's name. */
async function tierFor(identity: UserRef, plugin: CatalogPlugin): Promise<string> {
  const planName = await planOfUser(identity.app_id, identity.user_id);
  return findPlan(planName)?.plugins?.[plugin.name] ?? planName;
}

/** A tier's features and limits, after its `inherits` chain and the declared defaults. */
function resolveTier(entitlements: PluginEntitlements, tier: string) {
  const chain: string[] = [];
  for (let current: string | undefined = tier; current && Object.hasOwn(entitlements.tiers, current) && !chain.includes(current); current = entitlements.tiers[current]?.inherits) {
    chain.unshift(current);
  }
  const features = Object.fromEntries(Object.entries(entitlements.features).map(([name, feature]) => [name, feature.default]));
  const limits = Object.fromEntries(Object.entries(entitlements.limits).map(([name, limit]) => [name, limit.default]));
  for (const name of chain) {
    Object.assign(features, entitlements.tiers[name]!.features);
    Object.assign(limits, entitlements.tiers[name]!.limits);
  }
  return { features, limits };
}

function usageOf(identity: UserRef) {
  return database({ appId: identity.app_id }).forUser(identity.user_id).collection<UsageDocument>('entitlement_usage');
}

async function usedNow(identity: UserRef, plugin: string, limitKey: string, period: string): Promise<number> {
  return (await usageOf(identity).findOne({ plugin, limit_key: limitKey, period }))?.used ?? 0;
}

/** Spends `amount` of a limit if that stays within `allowed`; false when it would not. Atomic per counter. */
async function reserve(identity: Identity, plugin: string, limitKey: string, period: string, amount: number, allowed: number): Promise<boolean> {
  const usage = usageOf(identity);
  for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
    const spent = await usage.findOneAndUpdate(
      { plugin, limit_key: limitKey, period, used: { $lte: allowed - amount } },
      { $inc: { used: amount }, $set: { updated_at: new Date() } },
    );
    if (spent) return true;
    if (await usage.findOne({ plugin, limit_key: limitKey, period })) return false;
    if (amount > allowed) return false;
    try {
      await usage.insertOne({ plugin, limit_key: limitKey, period, used: amount, updated_at: new Date() });
      return true;
    } catch (error) {
      // Another call created this period's counter first: go round and spend from it.
      if (!isApiError(error) || error.errorCode !== 'DUPLICATE_KEY') throw error;
    }
  }
  return false;
}

async function release(identity: Identity, plugin: string, limitKey: string, period: string, amount: number): Promise<void> {
  await usageOf(identity).updateOne({ plugin, limit_key: limitKey, period }, { $inc: { used: -amount }, $set: { updated_at: new Date() } });
}

export interface EntitlementCheck {
  context: EntitlementContext | Record<string, never>;
  /** Gives back what the call reserved; the Director calls it when the plugin fails. */
  refund(): Promise<void>;
}

/** What a call that no entitlements apply to gets: an empty context and nothing to refund. */
export const NO_ENTITLEMENTS: EntitlementCheck = { context: {}, refund: async () => {} };

/** Whether a plugin's entitlements apply to this caller (monetization on, declared, not a superadmin); when not, enforcing them does nothing. */
export function entitlementsApply(identity: Identity, plugin: CatalogPlugin): boolean {
  return Boolean(getEnv().monetization && plugin.manifest.entitlements && !identity.is_superadmin);
}

/**
 * Checks an action against the user's tier and reserves what it consumes. Throws 403 FEATURE_GATED
 * or 429 LIMIT_EXCEEDED; returns the context to inject and a refund for a failed call.
 */
export async function enforceEntitlements(identity: Identity, plugin: CatalogPlugin, action: string | null): Promise<EntitlementCheck> {
  const entitlements = plugin.manifest.entitlements;
  if (!entitlements || !entitlementsApply(identity, plugin)) return NO_ENTITLEMENTS;
  const tier = await tierFor(identity, plugin);
  const { features, limits } = resolveTier(entitlements, tier);
  const rule = action ? entitlements.actions[action] : undefined;

  for (const feature of rule?.requires_features ?? []) {
    if (!features[feature]) throw new ApiError('FEATURE_GATED', `Feature '${feature}' not available on ${tier} tier`, { extra: { feature, tier } });
  }

  const reserved: { limitKey: string; period: string; amount: number }[] = [];
  const refund = async () => {
    for (const item of reserved.splice(0)) await release(identity, plugin.name, item.limitKey, item.period, item.amount);
  };
  for (const [limitKey, amount] of Object.entries(rule?.consumes ?? {})) {
    const allowed = limits[limitKey] ?? 0;
    const definition = entitlements.limits[limitKey]!;
    if (allowed === -1) continue;
    if (definition.type === 'cap') {
      if (amount > allowed) {
        await refund();
        throw new ApiError('LIMIT_EXCEEDED', `Insufficient ${limitKey}: need ${amount}, have ${allowed}`, { extra: { limit: limitKey, tier } });
      }
      continue;
    }
    const period = periodKey(definition.reset);
    if (!(await reserve(identity, plugin.name, limitKey, period, amount, allowed))) {
      await refund();
      const have = Math.max(0, allowed - (await usedNow(identity, plugin.name, limitKey, period)));
      throw new ApiError('LIMIT_EXCEEDED', `Insufficient ${limitKey}: need ${amount}, have ${have}`, { extra: { limit: limitKey, tier, period } });
    }
    reserved.push({ limitKey, period, amount });
  }

  const usage = Object.fromEntries((await currentUsage(identity, plugin.name, entitlements, limits)).map(({ limit, allowed, used, remaining }) => [limit, { allowed, used, remaining }]));
  return { context: { tier, features, limits: usage, enforce: true }, refund };
}

/** Each declared limit with what the current period has used; caps and unlimited ones report 0 used. */
async function currentUsage(identity: UserRef, plugin: string, entitlements: PluginEntitlements, limits: Record<string, number>) {
  return Promise.all(
    Object.entries(entitlements.limits).map(async ([limit, definition]) => {
      const allowed = limits[limit] ?? 0;
      const period = definition.type === 'consumable' ? periodKey(definition.reset) : null;
      const used = period && allowed !== -1 ? await usedNow(identity, plugin, limit, period) : 0;
      return { limit, type: definition.type, period, allowed, used, remaining: allowed === -1 ? -1 : Math.max(0, allowed - used) };
    }),
  );
}

/**
 * A user's tier of a plugin, with its features and each limit's use this period (the core Billing API);
 * null when the plugin declares no entitlements. Ignores MONETIZATION: callers say what it means for them.
 */
export async function entitlementsOf(user: UserRef, plugin: CatalogPlugin) {
  const entitlements = plugin.manifest.entitlements;
  if (!entitlements) return null;
  const tier = await tierFor(user, plugin);
  const { features, limits } = resolveTier(entitlements, tier);
  return { tier, features, limits: await currentUsage(user, plugin.name, entitlements, limits) };
}
