/**
 * Subscriptions (MONETIZATION=1): each user's plan, read by every gate (navigation, the Director,
 * plugin settings, notifications), and written only by the control plane through the internal sync
 * route — or by users themselves where ALLOW_LOCAL_SUBSCRIPTION_WRITES=true.
 *
 * A user without a subscription document is on the default plan; a trial past its end, and an
 * inactive or canceled subscription, count as the default plan too.
 */
import { z } from 'zod';
import { findUserById } from '@/lib/auth/users';
import { getConfigs } from '@/lib/config';
import type { SubscriptionPlan } from '@/lib/config/schemas/subscription';
import { database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { publish } from '@/lib/events';
import { ApiError } from '@/lib/errors';

export const SUBSCRIPTION_STATUSES = ['active', 'trialing', 'past_due', 'inactive', 'canceled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

interface SubscriptionDocument {
  [key: string]: unknown;
  plan: string;
  status: SubscriptionStatus;
  billing_cycle: string | null;
  next_billing_date: Date | null;
  trial_end_date: Date | null;
  updated_at: Date;
  synced_from_control_plane?: boolean;
  last_sync_at?: Date;
  external_subscription_id?: string | null;
}

const DAY_MS = 86_400_000;

function subscriptionsOf(appId: string, userId: string) {
  return database({ appId }).forUser(userId).collection<SubscriptionDocument>('subscriptions');
}

/** 404 when MONETIZATION is off: the original registers no subscription routes then. */
export function assertSubscriptionsEnabled(): void {
  if (!getEnv().monetization) throw new ApiError('NOT_FOUND', 'Subscriptions are not enabled on this app (MONETIZATION=0)');
}

export function findPlan(name: string): SubscriptionPlan | undefined {
  return getConfigs().subscription.subscription_plans.find((plan) => plan.name.toLowerCase() === name.toLowerCase());
}

function isExpiredTrial(document: SubscriptionDocument, now: number): boolean {
  return document.status === 'trialing' && document.trial_end_date !== null && document.trial_end_date.getTime() <= now;
}

/** The plan that decides access right now. */
export function effectivePlanName(document: SubscriptionDocument | null, now = Date.now()): string {
  const fallback = getConfigs().subscription.settings.default_plan;
  if (!document || isExpiredTrial(document, now) || document.status === 'inactive' || document.status === 'canceled') return fallback;
  return document.plan;
}

export async function planOfUser(appId: string, userId: string): Promise<string> {
  return effectivePlanName(await subscriptionsOf(appId, userId).findOne({}));
}

/** `/api/user-subscription`: the original's shape, with an expired trial shown as what it now is. */
export async function userSubscription(appId: string, userId: string) {
  const document = await subscriptionsOf(appId, userId).findOne({});
  const now = Date.now();
  if (!document) {
    return { user_id: userId, plan: effectivePlanName(null), status: 'inactive', billing_cycle: null, next_billing_date: null, updated_at: null, is_trial: false, trial_info: null };
  }
  const expired = isExpiredTrial(document, now);
  const trialing = document.status === 'trialing' && !expired;
  return {
    user_id: userId,
    plan: effectivePlanName(document, now),
    status: expired ? 'inactive' : document.status,
    billing_cycle: document.billing_cycle,
    next_billing_date: document.next_billing_date?.toISOString() ?? null,
    updated_at: document.updated_at.toISOString(),
    is_trial: trialing,
    trial_info:
      trialing && document.trial_end_date
        ? { days_remaining: Math.max(0, Math.ceil((document.trial_end_date.getTime() - now) / DAY_MS)), end_date: document.trial_end_date.toISOString() }
        : null,
  };
}

function nextBillingDate(plan: SubscriptionPlan, from = new Date()): Date | null {
  const next = new Date(from);
  if (plan.billing_cycle === 'monthly') next.setUTCMonth(next.getUTCMonth() + 1);
  else if (plan.billing_cycle === 'yearly') next.setUTCFullYear(next.getUTCFullYear() + 1);
  else if (plan.billing_cycle === 'weekly') next.setUTCDate(next.getUTCDate() + 7);
  else return null;
  return next;
}

/**
 * Records a change and tells the event bus; lib/notifications subscribes and tells the user (in-app,
 * and by email where they allow it).
 */
async function recordChange({ appId, userId, previous, next, source }: { appId: string; userId: string; previous: string | null; next: SubscriptionDocument; source: 'local' | 'control_plane' }) {
  await database({ appId }).forUser(userId).collection('subscription_history').insertOne({ previous_plan: previous, new_plan: next.plan, status: next.status, source, timestamp: new Date() });
  const scope = { appId, userId };
  if (next.status === 'inactive' || next.status === 'canceled') publish('subscription_canceled', { user_id: userId, plan: next.plan }, scope);
  else publish('subscription_updated', { user_id: userId, plan: next.plan }, scope);
}

function assertLocalWrites(operation: 'change' | 'cancellation'): void {
  if (!getEnv().allowLocalSubscriptionWrites) {
    throw new ApiError('SUBSCRIPTION_WRITE_FORBIDDEN', `Subscription ${operation} is not allowed. Subscription changes must come from Control Plane.`, { status: 403 });
  }
}

/** A user changing their own plan (only with ALLOW_LOCAL_SUBSCRIPTION_WRITES=true). */
export async function changeOwnPlan(appId: string, userId: string, newPlan: string) {
  assertLocalWrites('change');
  const plan = findPlan(newPlan);
  if (!plan) throw new ApiError('INVALID_PLAN', 'Invalid subscription plan', { status: 400, extra: { plans: getConfigs().subscription.subscription_plans.map((candidate) => candidate.name) } });
  const previous = await subscriptionsOf(appId, userId).findOne({});
  const next: SubscriptionDocument = { plan: plan.name, status: 'active', billing_cycle: plan.billing_cycle, next_billing_date: nextBillingDate(plan), trial_end_date: null, updated_at: new Date() };
  await subscriptionsOf(appId, userId).updateOne({}, { $set: next }, { upsert: true });
  await recordChange({ appId, userId, previous: previous?.plan ?? null, next, source: 'local' });
  return { message: 'Subscription updated successfully', new_plan: plan.name };
}

export async function cancelOwnPlan(appId: string, userId: string) {
  assertLocalWrites('cancellation');
  const previous = await subscriptionsOf(appId, userId).findOne({});
  const next: SubscriptionDocument = { plan: getConfigs().subscription.settings.default_plan, status: 'inactive', billing_cycle: null, next_billing_date: null, trial_end_date: null, updated_at: new Date() };
  await subscriptionsOf(appId, userId).updateOne({}, { $set: next }, { upsert: true });
  await recordChange({ appId, userId, previous: previous?.plan ?? null, next, source: 'local' });
  return { message: 'Subscription canceled successfully' };
}

/** Starts the configured trial for a new user (MONETIZATION=1 and `trial_plan` set); nothing otherwise. */
export async function startTrial(appId: string, userId: string): Promise<void> {
  const { monetization } = getEnv();
  const { trial_plan: trialPlan, trial_period_days: days } = getConfigs().subscription.settings;
  if (!monetization || !trialPlan || days <= 0) return;
  const now = new Date();
  const trial: SubscriptionDocument = { plan: trialPlan, status: 'trialing', billing_cycle: null, next_billing_date: null, trial_end_date: new Date(now.getTime() + days * DAY_MS), updated_at: now };
  const { upsertedId } = await subscriptionsOf(appId, userId).updateOne({}, { $setOnInsert: trial }, { upsert: true });
  if (upsertedId) await database({ appId }).forUser(userId).collection('subscription_history').insertOne({ previous_plan: null, new_plan: trialPlan, status: 'trialing', source: 'local', timestamp: now });
}

const optionalDate = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).transform((value) => new Date(value)).nullish();

/** The control plane's sync body; the original accepted camelCase and snake_case. */
export const subscriptionSyncInput = z
  .record(z.string(), z.unknown())
  .transform((body) => Object.fromEntries(Object.entries(body).map(([key, value]) => [key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`), value])))
  .pipe(
    z.object({
      user_id: z.string({ error: 'userId is required' }).min(1, 'userId is required'),
      plan: z.string({ error: 'plan is required' }).min(1, 'plan is required'),
      status: z.enum(SUBSCRIPTION_STATUSES, { error: `status must be one of ${SUBSCRIPTION_STATUSES.join(', ')}` }),
      billing_cycle: z.string().nullish(),
      next_billing_date: optionalDate,
      trial_end_date: optionalDate,
      stripe_subscription_id: z.string().nullish(),
      external_subscription_id: z.string().nullish(),
      app_id: z.string().nullish(),
    }),
  );

/** The control plane's word on a user's plan (POST /api/internal/subscription/sync). */
export async function syncSubscription(appId: string, input: z.output<typeof subscriptionSyncInput>) {
  if (input.app_id && input.app_id !== appId) throw new ApiError('VALIDATION_ERROR', `appId mismatch: this app is '${appId}', the body says '${input.app_id}'`, { status: 400 });
  const plan = findPlan(input.plan);
  if (!plan) throw new ApiError('INVALID_PLAN', `Unknown plan '${input.plan}'`, { status: 400 });
  if (!(await findUserById(appId, input.user_id))) throw new ApiError('NOT_FOUND', `User '${input.user_id}' not found`);
  const now = new Date();
  const previous = await subscriptionsOf(appId, input.user_id).findOne({});
  const next: SubscriptionDocument = {
    plan: plan.name,
    status: input.status,
    billing_cycle: input.billing_cycle ?? plan.billing_cycle,
    next_billing_date: input.next_billing_date ?? null,
    trial_end_date: input.trial_end_date ?? null,
    updated_at: now,
    synced_from_control_plane: true,
    last_sync_at: now,
    external_subscription_id: input.external_subscription_id ?? input.stripe_subscription_id ?? null,
  };
  await subscriptionsOf(appId, input.user_id).updateOne({}, { $set: next }, { upsert: true });
  await recordChange({ appId, userId: input.user_id, previous: previous?.plan ?? null, next, source: 'control_plane' });
  return { success: true, user_id: input.user_id, plan: plan.name, status: input.status };
}

/** For operators: how many accounts are on each plan now, and how many are trialing. */
export async function subscriptionOverview(appId: string) {
  const [documents, accounts] = await Promise.all([
    database({ appId }).collection<SubscriptionDocument & { user_id: string }>('subscriptions').find({}),
    database({ appId }).collection('users').countDocuments({}),
  ]);
  const now = Date.now();
  const plans = Object.fromEntries(getConfigs().subscription.subscription_plans.map((plan) => [plan.name, 0]));
  let trialing = 0;
  for (const document of documents) {
    const plan = effectivePlanName(document, now);
    plans[plan] = (plans[plan] ?? 0) + 1;
    if (document.status === 'trialing' && !isExpiredTrial(document, now)) trialing += 1;
  }
  const defaultPlan = getConfigs().subscription.settings.default_plan;
  plans[defaultPlan] = (plans[defaultPlan] ?? 0) + Math.max(0, accounts - documents.length);
  return { monetization_enabled: getEnv().monetization, accounts, plans, trialing };
}
